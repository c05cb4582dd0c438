/**
 * The key figures of one run, whichever engine ran it. The same record is written to summary.json
 * (`figures`), appended to reports/load/history.jsonl and compared with the baseline, so every
 * consumer reads one shape.
 */
import type { Measured, ThresholdResult } from '../scenario/metrics.ts';

export type { ThresholdResult } from '../scenario/metrics.ts';

/** Who, what and when of one run (no credentials: `target` is scheme://host[:port]). */
export interface RunMeta {
  runId: string;
  /** ISO time the run started. */
  time: string;
  profile: string;
  /** scheme://host[:port] of the tenant; never credentials, paths or queries. */
  target: string;
  /** `embedded` (in-process, undici + HdrHistogram) or `k6` (an external k6 the user has). */
  engine: 'embedded' | 'k6';
  /** `undici 7.30.2, hdr-histogram-js 3.0.1` or `k6 v1.8.1`. */
  engineVersion: string;
  gitRevision: string;
  nsApiSlowMs: number;
}

export interface RunFigures extends RunMeta {
  /** PUT duration statistics in ms. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  avg: number;
  /** PUTs measured (every PUT sent). */
  requests: number;
  /** Arrivals planned, and those not sent because LOAD_MAX_VUS PUTs were in flight. */
  planned: number;
  notSent: number;
  slowCount: number;
  /** slowCount / requests (0 when no requests). */
  slowShare: number;
  /** Share of PUTs not answered 200 (setup and teardown requests never count). */
  errorRate: number;
  /** Share of checks (PUT-200 and ENTITY-SHAPE) that passed. */
  checksRate: number;
  /** PUTs per second over the whole run. */
  requestRate: number;
  durationSeconds: number;
  thresholds: ThresholdResult[];
  /** All thresholds held. */
  passed: boolean;
}

export interface CheckResult {
  name: string;
  passes: number;
  fails: number;
}

/** The record for a run from what its engine measured and how the thresholds judged it. */
export function figuresOf(
  m: Measured,
  thresholds: ThresholdResult[],
  checks: readonly CheckResult[],
  meta: RunMeta,
): RunFigures {
  const passes = checks.reduce((n, c) => n + c.passes, 0);
  const total = checks.reduce((n, c) => n + c.passes + c.fails, 0);
  return {
    ...meta,
    p50: m.p50,
    p90: m.p90,
    p95: m.p95,
    p99: m.p99,
    max: m.max,
    avg: m.avg,
    requests: m.requests,
    planned: m.planned,
    notSent: m.notSent,
    slowCount: m.slowCount,
    slowShare: m.requests > 0 ? m.slowCount / m.requests : 0,
    errorRate: m.requests > 0 ? m.failed / m.requests : 0,
    checksRate: total > 0 ? passes / total : 0,
    requestRate: m.durationSeconds > 0 ? m.requests / m.durationSeconds : 0,
    durationSeconds: m.durationSeconds,
    thresholds,
    passed: thresholds.length > 0 && thresholds.every((t) => t.ok),
  };
}
