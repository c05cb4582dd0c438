/**
 * Judging a run against a tenant in a deviation mode, with the main job's own clause matrix and
 * verdict (so a proof can never disagree with what `npm start` would say): a benign mode (what a
 * real tenant may do) must pass; a breaking mode must fail, naming the clause it breaks first and
 * at most two clauses in all.
 */
import { deviationClauses, deviationNames } from '../../tenant/deviations.ts';
import type { StageResult } from '../run/stages.ts';
import { clauseMatrix, observedBehaviour, type ObservedRow } from './matrix.ts';
import { verdictOf, type RunRecord, type Verdict } from './write.ts';

export type ModeKind = 'normal' | 'benign' | 'breaking';

export interface TenantMode {
  /** A deviation name, a comma list of them, or `normal`. */
  name: string;
  kind: ModeKind;
  /** Breaking modes: the clause the mode breaks. */
  clause?: string;
}

/** At most this many failed clauses for one broken clause (issue 13: one root cause, one clause). */
export const maxFailedClauses = 2;

/** The embedded tenant's deviation modes, from its registry. */
export function tenantModes(): TenantMode[] {
  return deviationNames.map((name) => ({ name, kind: 'breaking', clause: deviationClauses[name] }));
}

export interface ModeJudgement extends TenantMode {
  verdict: Verdict;
  failedClauses: string[];
  observed: ObservedRow[];
  ok: boolean;
  /** Why it is not ok, or what it showed. */
  why: string;
}

/** The failed clauses a verdict line names, in its order. */
export function clausesNamed(verdict: Verdict): string[] {
  const m = /clauses? failed: (.+)$/.exec(verdict.line);
  return m ? m[1]!.split(', ').map((s) => s.trim()) : [];
}

/** Judges one mode's run (its stages) by the rule of its kind. */
export function judgeMode(mode: TenantMode, stages: readonly StageResult[]): ModeJudgement {
  const run: RunRecord = {
    startedAt: '',
    finishedAt: '',
    complete: true,
    exitCode: undefined,
    target: 'embedded reference tenant',
    targetKind: 'embedded',
    options: {
      stages: stages.map((s) => s.id),
      profile: 'smoke',
      deviation: mode.kind === 'normal' ? null : mode.name,
    },
    nsApiSlowMs: 5000,
    stages: [...stages],
  };
  const matrix = clauseMatrix(stages);
  const verdict = verdictOf(run, matrix);
  const failedClauses = clausesNamed(verdict);
  const base = { ...mode, verdict, failedClauses, observed: observedBehaviour(stages) };
  if (mode.kind !== 'breaking')
    return { ...base, ok: verdict.word === 'PASSED', why: verdict.word === 'PASSED' ? 'passed' : verdict.line };
  if (verdict.word !== 'FAILED') return { ...base, ok: false, why: `not caught: ${verdict.line}` };
  if (failedClauses[0] !== mode.clause)
    return { ...base, ok: false, why: `names ${failedClauses[0] ?? 'no clause'} first, not ${mode.clause}` };
  if (failedClauses.length > maxFailedClauses)
    return { ...base, ok: false, why: `names ${failedClauses.length} clauses (at most ${maxFailedClauses})` };
  return { ...base, ok: true, why: `caught: ${failedClauses.join(', ')}` };
}
