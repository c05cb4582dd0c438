/**
 * The clause matrix: every clause of reference/CLAUSES.md -> the checks that name it -> their
 * results. A clause no check named in this run is `not-covered`, with the reason when known.
 * A failed check fails only the clauses its failure is attributed to (see Check.failedClauses),
 * so one broken clause is named once; an assumed behaviour a live tenant does differently makes
 * its clause `observed`, not failed. The consumer tests are listed under the clauses they name but
 * decide none: they check the pact against a mock, not the tenant.
 */
import type { Observation } from '../../lib/observed.ts';
import { clauseIdsIn, loadClauses, type Clause } from '../../lib/clauses.ts';
import type { Check } from '../../lib/junit-checks.ts';
import type { StageResult } from '../run/stages.ts';

export type ClauseStatus = 'passed' | 'failed' | 'observed' | 'skipped' | 'not-covered';

/** A check as it bears on one clause: `judged: false` when it failed on another clause first. */
export type ClauseCheck = Check & { stage: string; judged: boolean };

export interface ClauseRow extends Clause {
  status: ClauseStatus;
  checks: ClauseCheck[];
}

/** One behaviour a run observed, with every check that saw it. */
export interface ObservedRow extends Observation {
  checks: Array<{ stage: string; name: string }>;
}

/** Stages whose checks test the harness's own pact, not the tenant: they never decide a clause. */
const aboutThePact = new Set<string>(['contracts']);

/** Which stage covers clauses no other stage observes, so a left-out stage explains the gap. */
const ownedBy: Record<string, string> = { 'PUT-SLOW': 'load' };

/** The clauses a check bears on: those it names, those its failure blames, those it observed. */
function clausesOf(check: Check, ids: readonly string[]): string[] {
  const named = clauseIdsIn(`${check.name} ${check.suite}`, ids);
  const extra = [...(check.failedClauses ?? []), ...(check.observed ?? []).map((o) => o.clause)];
  return [...new Set([...named, ...extra.filter((id) => ids.includes(id))])];
}

/** Whether the check's failure counts against this clause. */
function failsClause(check: Check, id: string): boolean {
  if (check.status !== 'failed') return false;
  return check.failedClauses?.length ? check.failedClauses.includes(id) : true;
}

function differs(check: Check, id: string): boolean {
  return (check.observed ?? []).some((o) => o.clause === id && o.kind === 'assumed' && !o.agrees);
}

export function clauseMatrix(stages: readonly StageResult[], clauses: readonly Clause[] = loadClauses()): ClauseRow[] {
  const ids = clauses.map((c) => c.id);
  const byClause = new Map<string, ClauseCheck[]>(ids.map((id) => [id, []]));
  for (const stage of stages)
    for (const check of stage.checks)
      for (const id of clausesOf(check, ids))
        byClause
          .get(id)!
          .push({ ...check, stage: stage.id, judged: check.status !== 'failed' || failsClause(check, id) });
  return clauses.map((clause) => {
    const checks = byClause.get(clause.id)!;
    const ofTenant = checks.filter((c) => !aboutThePact.has(c.stage));
    const judged = ofTenant.filter((c) => c.judged);
    const status: ClauseStatus = judged.some((c) => failsClause(c, clause.id))
      ? 'failed'
      : judged.some((c) => c.status === 'passed' && differs(c, clause.id))
        ? 'observed'
        : judged.some((c) => c.status === 'passed')
          ? 'passed'
          : ofTenant.length
            ? 'skipped'
            : 'not-covered';
    return { ...clause, status, checks };
  });
}

/**
 * Every observation of the run, one row per distinct behaviour (clause, what, observed,
 * reference), those that differ from the reference tenant first.
 */
export function observedBehaviour(stages: readonly StageResult[]): ObservedRow[] {
  const rows = new Map<string, ObservedRow>();
  for (const stage of stages)
    for (const check of stage.checks)
      for (const o of check.observed ?? []) {
        const key = JSON.stringify([o.clause, o.what, o.observed, o.reference, o.kind]);
        const row = rows.get(key) ?? { ...o, checks: [] };
        row.checks.push({ stage: stage.id, name: check.name });
        rows.set(key, row);
      }
  return [...rows.values()].sort((a, b) => Number(a.agrees) - Number(b.agrees));
}

/** Every check that was not run (a skipped test, an interaction whose state could not be set up), with its stage. */
export function notRunChecks(run: {
  stages: readonly StageResult[];
}): Array<{ stage: string; name: string; reason?: string }> {
  return run.stages.flatMap((s) =>
    s.checks
      .filter((c) => c.status === 'skipped')
      .map((c) => ({ stage: s.id, name: c.name, ...(c.message ? { reason: c.message } : {}) })),
  );
}

/** Why a clause has no check in this run, for the report. */
export function notCoveredReason(row: ClauseRow, stages: readonly StageResult[]): string {
  const owner = ownedBy[row.id];
  const ran = new Set(stages.filter((s) => s.status === 'passed' || s.status === 'failed').map((s) => s.id));
  if (owner && !ran.has(owner as StageResult['id'])) return `checked by the ${owner} stage, which did not run`;
  const missing = ['contracts', 'verify', 'api', 'load'].filter((s) => !ran.has(s as StageResult['id']));
  const pactOnly = row.checks.length ? 'only the consumer tests name it (they check the pact, not the tenant)' : '';
  if (missing.length) return `${pactOnly || 'no check named it'}; stages not run: ${missing.join(', ')}`;
  if (pactOnly) return pactOnly;
  return 'no check in the harness names this clause';
}
