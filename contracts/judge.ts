/**
 * How a failed interaction is judged, so the verification names the clause that broke and no
 * other (one root cause, one failed clause), and holds a live tenant to what the pages say:
 * - a Content-Type mismatch is ACCEPT-JSON's (or ACCEPT-XML's), and the body mismatches that follow
 *   from it are not judged: a body that is not the media type asked for cannot be read;
 * - a property that is missing or of another type is ENTITY-SHAPE's, whatever interaction saw it;
 * - any other mismatch is the interaction's own clauses' (those its description starts with);
 * - against a live tenant, unless strict, an interaction whose clauses are all assumed
 *   (reference/CLAUSES.md) that fails is an observation of what the tenant does, not a failure.
 */
import { assumedFails, shown, type Observation } from '../lib/observed.ts';
import { clauseIdsIn, loadClauses, type Clause } from '../scripts/run/clauses.ts';
import type { InteractionOutcome } from './verify.ts';

const headerMismatch = /Mismatch with header 'Content-Type'/i;
const bodyTypeMismatch = /Expected a body of '|to have content type/i;
const missingKeys = /is missing the following keys: (.+)$/i;
const typeMismatch = /to be an? (integer|number|decimal|boolean|string)\b|to be the same type as/i;

/** Clauses every interaction judges without naming them: the media type answered and the entity's shape. */
export const attributableClauses = ['ACCEPT-JSON', 'ACCEPT-XML', 'ENTITY-SHAPE', 'ENTITY-LINKS'] as const;

/** The clause a property of an entity answer belongs to: the rights and links are ENTITY-LINKS'. */
function ownerOf(property: string): string {
  return ['TableRight', 'FieldProperties', '_Links'].includes(property) ? 'ENTITY-LINKS' : 'ENTITY-SHAPE';
}

/** The clauses a failed interaction's mismatches are attributed to. */
export function blamedClauses(
  description: string,
  mismatches: readonly string[],
  clauses: readonly Clause[],
): string[] {
  const own = clauseIdsIn(
    description,
    clauses.map((c) => c.id),
  );
  const typeLine = mismatches.find((m) => headerMismatch.test(m)) ?? mismatches.find((m) => bodyTypeMismatch.test(m));
  if (typeLine) {
    const expected = /(?:value '|match '\^?|body of ')(?:application|text)\\?\/(json|xml)/i.exec(typeLine)?.[1];
    const asked = expected ?? (own.includes('ACCEPT-XML') ? 'xml' : 'json');
    return [asked.toLowerCase() === 'xml' ? 'ACCEPT-XML' : 'ACCEPT-JSON'];
  }
  const blamed = new Set<string>();
  for (const m of mismatches) {
    const missing = missingKeys.exec(m)?.[1];
    const path = /^\$\.([A-Za-z_]\w*)/.exec(m)?.[1];
    if (missing) for (const key of missing.split(',')) blamed.add(ownerOf(key.trim()));
    else if (path && typeMismatch.test(m)) blamed.add(ownerOf(path));
    else for (const id of own) blamed.add(id);
  }
  return [...blamed];
}

/**
 * The outcomes with `failedClauses` set where the mismatches blame other clauses than the
 * description's, and (live, not strict) failed all-assumed interactions turned into observations.
 */
export function judgeOutcomes(
  outcomes: readonly InteractionOutcome[],
  run: { target: 'embedded' | 'live'; strict: boolean },
  clauses: readonly Clause[] = loadClauses(),
): InteractionOutcome[] {
  const kinds = new Map(clauses.map((c) => [c.id, c.kind]));
  return outcomes.map((o) => {
    if (o.passed) return o;
    const own = clauseIdsIn(
      o.description,
      clauses.map((c) => c.id),
    );
    if (!assumedFails(run) && own.length && own.every((id) => kinds.get(id) === 'assumed')) {
      const observed: Observation[] = own.map((clause) => ({
        clause,
        what: o.description.slice(clause.length).trim(),
        observed: shown(o.mismatches.join('; ')),
        reference: 'as the pact says (the reference tenant)',
        kind: 'assumed',
        agrees: false,
      }));
      return { ...o, passed: true, observed };
    }
    const blamed = blamedClauses(o.description, o.mismatches, clauses);
    const same = blamed.length === own.length && blamed.every((id) => own.includes(id));
    return same || blamed.length === 0 ? o : { ...o, failedClauses: blamed };
  });
}
