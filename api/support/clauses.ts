/**
 * Clause coverage: every clause ID in CLAUSES.md against the API tests that tag it. A clause is
 * fine when a test tags it or when it is listed below as not observable here, with the reason.
 */
import { loadClauses, parseClauses, type Clause } from '../../lib/clauses.ts';
import type { TestRow } from './results.ts';

export { parseClauses, type Clause };

/** Clauses this suite cannot observe over HTTP, and who checks them instead. */
export const notObservableHere: Readonly<Record<string, string>> = {
  'PUT-SLOW':
    'a latency threshold under load: ' +
    'the load test (load/, either engine) measures PUT against the 5000 ms NsApiSlow line',
  'ENTITY-SAMPLES':
    'the sample bodies are static text on the pages, not tenant answers: ' +
    'the schema unit tests (schemas/schemas.test.ts) validate them',
};

export function readClauses(path: string): Clause[] {
  return loadClauses(path);
}

export type ClauseStatus = 'passed' | 'failed' | 'skipped' | 'not observable here' | 'not covered';

export interface ClauseCoverage extends Clause {
  status: ClauseStatus;
  tests: Array<{ title: string; outcome: TestRow['outcome']; reason?: string }>;
  reason?: string;
}

export interface Coverage {
  clauses: ClauseCoverage[];
  /** Tags on tests that name no clause (a typo hides a clause). */
  unknownTags: Array<{ tag: string; test: string }>;
  ok: boolean;
}

/** Clause -> tests -> result. Not ok when a clause is neither tagged nor listed, or a tag is unknown. */
export function coverage(
  clauses: readonly Clause[],
  tests: readonly TestRow[],
  notObservable = notObservableHere,
): Coverage {
  const ids = new Set(clauses.map((c) => c.id));
  const rows = clauses.map((clause): ClauseCoverage => {
    const tagged = tests
      .filter((t) => t.tags.includes(clause.id))
      .map((t) => ({ title: t.title, outcome: t.outcome, ...(t.reason ? { reason: t.reason } : {}) }));
    const reason = notObservable[clause.id];
    let status: ClauseStatus;
    if (tagged.length === 0) status = reason ? 'not observable here' : 'not covered';
    else if (tagged.some((t) => t.outcome === 'failed')) status = 'failed';
    else if (tagged.every((t) => t.outcome === 'skipped')) status = 'skipped';
    else status = 'passed';
    return { ...clause, status, tests: tagged, ...(reason && tagged.length === 0 ? { reason } : {}) };
  });
  const unknownTags = tests.flatMap((t) =>
    t.tags.filter((tag) => !ids.has(tag)).map((tag) => ({ tag, test: t.title })),
  );
  return { clauses: rows, unknownTags, ok: unknownTags.length === 0 && rows.every((r) => r.status !== 'not covered') };
}
