/**
 * Is this run worse than the accepted baseline by more than run-to-run noise explains?
 *
 * - p95: the baseline is several runs of the same build. A new run of that build should fall
 *   under the one-sided 99.5 % prediction bound  mean + t(n-1) * sd * sqrt(1 + 1/n)  of their
 *   p95s (Student's t: few runs give a wide, honest bound). Differences under 10 % of the mean
 *   or under 1 % of the NsApiSlow line (50 ms) are never called regressions: they are noise on a
 *   loaded machine or network, and far too small to matter against a 5000 ms line. One baseline run has no measured
 *   spread, so then a fixed 25 % margin is used and the result says so.
 * - slow calls: counts of rare events. Pooling the baseline runs gives s_b slow calls in n_b PUTs;
 *   the run has s_c in n_c. If both came from one rate, s_c given s_b + s_c total slow calls is
 *   Binomial(s_b + s_c, n_c / (n_b + n_c)) (the conditional test for two Poisson rates). The run
 *   regressed when its share is higher and that tail probability is under 1 %.
 * Pure functions over RunFigures: used by the load runner and unit-tested on synthetic histories.
 */
import type { RunFigures } from './figures.ts';

/** reports/load/baseline.json */
export interface Baseline {
  acceptedAt: string;
  profile: string;
  target: string;
  runs: RunFigures[];
}

export interface Verdict {
  metric: 'p95' | 'slow calls';
  regressed: boolean;
  current: number;
  /** Baseline mean p95 (ms) or pooled slow share. */
  baseline: number;
  /** p95: the bound in ms; slow calls: the tail probability. */
  limit: number;
  detail: string;
}

export interface Comparison {
  regressed: boolean;
  verdicts: Verdict[];
  /** Things the reader should know (different profile, a small baseline). */
  notes: string[];
  baselineRuns: number;
}

export const compareSettings = {
  /** One-sided confidence of the p95 prediction bound. */
  p95Confidence: 0.995,
  relativeFloor: 0.1,
  /** Share of NsApiSlow under which a p95 difference is never a regression. */
  absoluteFloorOfThreshold: 0.01,
  singleRunMargin: 0.25,
  /** Tail probability under which more slow calls are a regression. */
  slowAlpha: 0.01,
} as const;

// Student's t, one-sided 0.995 quantiles for 1..30 degrees of freedom; beyond: the normal 2.576.
const t995 = [
  63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.25, 3.169, 3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898,
  2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.75,
];
const tQuantile = (df: number) => t995[df - 1] ?? 2.576;

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log(1 - p));
  return Math.min(1, sum);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

export function compareP95(current: RunFigures, runs: readonly RunFigures[]): Verdict {
  const { mean, sd } = meanAndSd(runs.map((r) => r.p95));
  const n = runs.length;
  const floor = Math.max(
    mean * (1 + compareSettings.relativeFloor),
    mean + current.nsApiSlowMs * compareSettings.absoluteFloorOfThreshold,
  );
  const spread =
    n > 1 ? mean + tQuantile(n - 1) * sd * Math.sqrt(1 + 1 / n) : mean * (1 + compareSettings.singleRunMargin);
  const limit = Math.max(floor, spread);
  const regressed = current.p95 > limit;
  const how =
    n > 1
      ? `99.5 % prediction bound from ${n} baseline runs (mean ${ms(mean)}, sd ${ms(sd)})`
      : 'one baseline run: a 25 % margin, no measured spread';
  return {
    metric: 'p95',
    regressed,
    current: current.p95,
    baseline: mean,
    limit,
    detail: `p95 ${ms(current.p95)} ${regressed ? 'exceeds' : 'is within'} ${ms(limit)} (${how})`,
  };
}

export function compareSlowCalls(current: RunFigures, runs: readonly RunFigures[]): Verdict {
  const sb = runs.reduce((a, r) => a + r.slowCount, 0);
  const nb = runs.reduce((a, r) => a + r.requests, 0);
  const sc = current.slowCount;
  const nc = current.requests;
  const baseShare = nb > 0 ? sb / nb : 0;
  const share = nc > 0 ? sc / nc : 0;
  const tail = share > baseShare && nc > 0 ? binomialTail(sc, sb + sc, nc / (nb + nc)) : 1;
  const regressed = tail < compareSettings.slowAlpha;
  return {
    metric: 'slow calls',
    regressed,
    current: share,
    baseline: baseShare,
    limit: tail,
    detail: `${sc} of ${nc} PUTs slow (${pct(share)}) vs ${sb} of ${nb} in the baseline (${pct(baseShare)}); chance of this many or more at the baseline rate: ${tail < 0.0001 ? tail.toExponential(1) : tail.toFixed(4)} (regression below ${compareSettings.slowAlpha})`,
  };
}

export function compareRuns(current: RunFigures, baseline: Baseline): Comparison {
  const notes: string[] = [];
  if (baseline.runs.length === 0)
    throw new Error('the baseline holds no runs: accept one with `npm run load -- --accept-baseline`');
  if (baseline.profile !== current.profile)
    notes.push(`the baseline was a ${baseline.profile} run, this is ${current.profile}: figures may not be comparable`);
  if (baseline.target !== current.target)
    notes.push(`the baseline ran against ${baseline.target}, this run against ${current.target}`);
  if (baseline.runs.length < 3)
    notes.push(
      `the baseline has ${baseline.runs.length} run(s); 5 give a tighter, still honest p95 bound (npm run load -- --accept-baseline --runs 5)`,
    );
  const verdicts = [compareP95(current, baseline.runs), compareSlowCalls(current, baseline.runs)];
  return { regressed: verdicts.some((v) => v.regressed), verdicts, notes, baselineRuns: baseline.runs.length };
}

/** A baseline from the last `count` runs of the history that match the profile and target. */
export function baselineFrom(
  history: readonly RunFigures[],
  profile: string,
  target: string,
  count: number,
  now: string,
): Baseline {
  const runs = history.filter((r) => r.profile === profile && r.target === target).slice(-count);
  if (runs.length === 0)
    throw new Error(
      `no ${profile} run against ${target} in the history yet: run \`npm run load -- --profile ${profile}\` first`,
    );
  return { acceptedAt: now, profile, target, runs };
}
