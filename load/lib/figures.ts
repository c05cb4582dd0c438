/**
 * The key figures of one run, taken from k6's end-of-test data. The same shape is written to
 * summary.json (`figures`), appended to reports/load/history.jsonl and compared with the
 * baseline, so every consumer reads one record. Pure: used by the k6 script and by Node.
 */

/** One threshold as k6 evaluated it, with the clause it guards. */
export interface ThresholdResult {
  metric: string;
  expression: string;
  ok: boolean;
  clause: string;
  /** The metric's observed value for the expression's statistic (ms, share or count). */
  observed: number | undefined;
}

/** Who, what and when of one run (no credentials: `target` is scheme://host[:port]). */
export interface RunMeta {
  runId: string;
  /** ISO time the run started. */
  time: string;
  profile: string;
  /** scheme://host[:port] of the tenant; never credentials, paths or queries. */
  target: string;
  k6Version: string;
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
  /** PUTs measured. */
  requests: number;
  slowCount: number;
  /** slowCount / requests (0 when no requests). */
  slowShare: number;
  /** http_req_failed rate over every request of the run. */
  errorRate: number;
  checksRate: number;
  /** PUTs per second over the whole run. */
  requestRate: number;
  durationSeconds: number;
  thresholds: ThresholdResult[];
  /** All thresholds held. */
  passed: boolean;
}

/** k6's handleSummary data, as much of it as this harness reads. */
export interface K6SummaryData {
  metrics: Record<
    string,
    { type: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }
  >;
  state: { testRunDurationMs: number };
}

/** The clause each thresholded metric guards (CLAUSES.md). */
export const thresholdClauses: Record<string, string> = {
  put_duration: 'PUT-SLOW',
  ns_api_slow: 'PUT-SLOW',
  http_req_failed: 'PUT-200',
  checks: 'PUT-200, ENTITY-SHAPE',
};

function statOf(expression: string): string {
  return /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)/.exec(expression)?.[1] ?? 'value';
}

function observed(values: Record<string, number>, expression: string): number | undefined {
  const stat = statOf(expression);
  return values[stat] ?? values[stat === 'p(50)' ? 'med' : stat];
}

export function figuresFromSummary(data: K6SummaryData, meta: RunMeta): RunFigures {
  const m = data.metrics;
  const put = m.put_duration?.values ?? {};
  const requests = put.count ?? 0;
  const slowCount = m.ns_api_slow_count?.values.count ?? 0;
  const seconds = data.state.testRunDurationMs / 1000;
  const thresholds: ThresholdResult[] = [];
  for (const [metric, entry] of Object.entries(m)) {
    for (const [expression, result] of Object.entries(entry.thresholds ?? {})) {
      const base = metric.split('{')[0] as string;
      thresholds.push({
        metric,
        expression,
        ok: result.ok,
        clause: thresholdClauses[base] ?? '',
        observed: observed(entry.values, expression),
      });
    }
  }
  thresholds.sort((a, b) => a.metric.localeCompare(b.metric) || a.expression.localeCompare(b.expression));
  return {
    ...meta,
    p50: put.med ?? 0,
    p90: put['p(90)'] ?? 0,
    p95: put['p(95)'] ?? 0,
    p99: put['p(99)'] ?? 0,
    max: put.max ?? 0,
    avg: put.avg ?? 0,
    requests,
    slowCount,
    slowShare: requests > 0 ? slowCount / requests : 0,
    errorRate: m.http_req_failed?.values.rate ?? 0,
    checksRate: m.checks?.values.rate ?? 0,
    requestRate: seconds > 0 ? requests / seconds : 0,
    durationSeconds: seconds,
    thresholds,
    passed: thresholds.every((t) => t.ok),
  };
}
