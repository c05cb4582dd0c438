/**
 * The clause matrix: every clause of reference/CLAUSES.md -> the checks that name it -> their
 * results. A clause no check named in this run is `not-covered`, with the reason when known.
 */
import { clauseIdsIn, loadClauses, type Clause } from '../run/clauses.ts';
import type { Check } from '../run/junit.ts';
import type { StageResult } from '../run/stages.ts';

export type ClauseStatus = 'passed' | 'failed' | 'skipped' | 'not-covered';

export interface ClauseRow extends Clause {
  status: ClauseStatus;
  checks: Array<Check & { stage: string }>;
}

/** Which stage covers clauses no other stage observes, so a left-out stage explains the gap. */
const ownedBy: Record<string, string> = { 'PUT-SLOW': 'load' };

export function clauseMatrix(stages: readonly StageResult[], clauses: readonly Clause[] = loadClauses()): ClauseRow[] {
  const ids = clauses.map((c) => c.id);
  const byClause = new Map<string, Array<Check & { stage: string }>>(ids.map((id) => [id, []]));
  for (const stage of stages) {
    for (const check of stage.checks) {
      for (const id of clauseIdsIn(`${check.name} ${check.suite}`, ids))
        byClause.get(id)!.push({ ...check, stage: stage.id });
    }
  }
  return clauses.map((clause) => {
    const checks = byClause.get(clause.id)!;
    const status: ClauseStatus = checks.some((c) => c.status === 'failed')
      ? 'failed'
      : checks.some((c) => c.status === 'passed')
        ? 'passed'
        : checks.length
          ? 'skipped'
          : 'not-covered';
    return { ...clause, status, checks };
  });
}

/** Why a clause has no check in this run, for the report. */
export function notCoveredReason(row: ClauseRow, stages: readonly StageResult[]): string {
  const owner = ownedBy[row.id];
  const ran = new Set(stages.filter((s) => s.status === 'passed' || s.status === 'failed').map((s) => s.id));
  if (owner && !ran.has(owner as StageResult['id'])) return `checked by the ${owner} stage, which did not run`;
  const missing = ['contracts', 'verify', 'api', 'load'].filter((s) => !ran.has(s as StageResult['id']));
  if (missing.length) return `no check named it; stages not run: ${missing.join(', ')}`;
  return 'no check in the harness names this clause';
}
