/** Observations for tests of lib/observed.ts and of what reads them (the report). Not a test file itself. */
import type { Observation } from './observed.ts';

/** An assumed behaviour (PUT-ID) the tenant answers differently from the reference: 404 where 400 is assumed. */
export const differingObservation: Observation = {
  clause: 'PUT-ID',
  what: 'status for the non-integer id "abc"',
  observed: '404',
  reference: '400',
  kind: 'assumed',
  agrees: false,
};
