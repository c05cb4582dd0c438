/**
 * Judging a run against a tenant in a deviation mode, with the main job's own clause matrix and
 * verdict (so a proof can never disagree with what `npm start` would say): a benign mode (what a
 * real tenant may do) must pass; a breaking mode must fail, naming the clause it breaks first and
 * at most two clauses in all.
 */
import { deviationTable } from '../../tenant/deviations.ts';
import type { StageResult } from '../run/stages.ts';
import { clauseMatrix, observedBehaviour, type ObservedRow } from './matrix.ts';
import { verdictOf, type RunRecord, type Verdict } from './write.ts';

export type ModeKind = 'normal' | 'benign' | 'breaking';

export interface TenantMode {
  /** A deviation name, a comma list of them, or `normal`. */
  name: string;
  /** How a table shows it, when not by name (all benign modes at once). */
  label?: string;
  kind: ModeKind;
  /** Breaking modes: the clause the mode breaks. */
  clause?: string;
}

/** At most this many failed clauses for one broken clause (issue 13: one root cause, one clause). */
export const maxFailedClauses = 2;

/** The embedded tenant's deviation modes, from its registry (tenant/deviations.ts), breaking first. */
export function tenantModes(): TenantMode[] {
  return deviationTable.map((m) =>
    m.kind === 'breaking' ? { name: m.name, kind: m.kind, clause: m.clause } : { name: m.name, kind: m.kind },
  );
}

/**
 * A mode by name: `normal`, one registry name, or a comma list of benign names (run together).
 * Throws naming what is unknown or not combinable.
 */
export function modeOf(name: string): TenantMode {
  if (name === 'normal') return { name, kind: 'normal' };
  const parts = name.split(',').map((p) => p.trim());
  const known = tenantModes();
  const found = parts.map((p) => known.find((m) => m.name === p));
  const unknown = parts.filter((_, i) => !found[i]);
  if (unknown.length) throw new Error(`unknown tenant mode(s): ${unknown.join(', ')}`);
  if (parts.length === 1) return found[0]!;
  if (found.some((m) => m!.kind !== 'benign')) throw new Error(`only benign modes run together: ${name}`);
  return { name: parts.join(','), kind: 'benign' };
}

/** Every benign mode at once, as one mode: what a real tenant may do, all together. */
export function allBenign(): TenantMode {
  const benign = tenantModes().filter((m) => m.kind === 'benign');
  return {
    name: benign.map((m) => m.name).join(','),
    label: `all ${benign.length} benign modes at once`,
    kind: 'benign',
  };
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
  if (mode.kind !== 'breaking') {
    const notes = [...new Set(base.observed.filter((o) => !o.agrees).map((o) => o.clause))];
    const seen = notes.length ? `passed; observed where it differs from the reference: ${notes.join(', ')}` : 'passed';
    return { ...base, ok: verdict.word === 'PASSED', why: verdict.word === 'PASSED' ? seen : verdict.line };
  }
  if (verdict.word !== 'FAILED') return { ...base, ok: false, why: `not caught: ${verdict.line}` };
  if (failedClauses[0] !== mode.clause)
    return { ...base, ok: false, why: `names ${failedClauses[0] ?? 'no clause'} first, not ${mode.clause}` };
  if (failedClauses.length > maxFailedClauses)
    return { ...base, ok: false, why: `names ${failedClauses.length} clauses (at most ${maxFailedClauses})` };
  return { ...base, ok: true, why: `caught: ${failedClauses.join(', ')}` };
}
