/**
 * Observations: what a check saw the tenant do where the pages leave the behaviour open, beside
 * what the reference tenant does. The API suite records them as Playwright annotations and the
 * provider verification as JUnit properties; the main report reads both back into its "Observed
 * behaviour" section. One encoding, so every producer and reader agree.
 */

export interface Observation {
  /** The clause the behaviour belongs to, e.g. `PUT-ID`. */
  clause: string;
  /** What was looked at: `status for a non-integer id`. */
  what: string;
  /** What this tenant did. */
  observed: string;
  /** What the reference tenant does. */
  reference: string;
  /**
   * `assumed`: the check holds the tenant to `reference` (the tenant's default where the pages are
   * silent), which fails the check against the embedded tenant or with STRICT; `note`: the pages
   * allow either, so it never fails anything.
   */
  kind: 'assumed' | 'note';
  agrees: boolean;
}

/** Annotation / JUnit property type of an observation (its value is `encodeObservation`). */
export const observedType = 'observed';
/**
 * Annotation / JUnit property type naming the clause a failed check failed on, when the check
 * names several: a precondition that belongs to another clause (the entity's shape) blames that
 * one, so one broken clause is reported once and not through every check that touches it.
 */
export const blameType = 'clause-failed';

/**
 * Annotation / JUnit property type of a failure recorded without stopping the Playwright worker
 * (its value is the error): the deviation proof runs every mode's suite in one run, and restarting
 * a worker after each of hundreds of expected failures would cost minutes. A check carrying it failed.
 */
export const failureType = 'failure';

/** Annotation / JUnit property type naming the embedded tenant mode a check ran against (the proof). */
export const tenantType = 'tenant';

export function encodeObservation(o: Observation): string {
  return JSON.stringify(o);
}

/** The observation in an annotation's or property's value; undefined when it is not one. */
export function decodeObservation(text: string | undefined): Observation | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as Partial<Observation>;
    const strings = [o.clause, o.what, o.observed, o.reference].every((v) => typeof v === 'string');
    if (!strings || (o.kind !== 'assumed' && o.kind !== 'note') || typeof o.agrees !== 'boolean') return undefined;
    return o as Observation;
  } catch {
    return undefined;
  }
}

/**
 * Whether an assumed behaviour that differs from the reference tenant's fails its check: always
 * against the embedded tenant (it is the reference), against a live tenant only in strict mode.
 */
export function assumedFails(run: { target: 'embedded' | 'live'; strict: boolean }): boolean {
  return run.target === 'embedded' || run.strict;
}

/** A value as a report shows it: strings bare, everything else as JSON, at most 200 characters. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
