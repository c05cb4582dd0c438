/**
 * k6's end-of-test data, as the harness reads it: the figures both engines report (`Measured`),
 * the check tallies, and a text summary for a standalone k6 (k6-operator, Cloud). Pure: imported
 * by the k6 script's handleSummary and by the Node runner, which judges the figures itself.
 */
import { judge, metricNames, thresholdsFor, type Measured, type ThresholdSettings } from '../scenario/metrics.ts';

interface Group {
  checks?: Array<{ name: string; passes: number; fails: number }>;
  groups?: Group[];
}

/** k6's handleSummary data, as much of it as this harness reads. */
export interface K6SummaryData {
  metrics: Record<string, { type: string; values: Record<string, number> }>;
  state: { testRunDurationMs: number };
  root_group?: Group;
  setup_data?: unknown;
}

export function checksOf(group: Group | undefined): Array<{ name: string; passes: number; fails: number }> {
  if (!group) return [];
  return [
    ...(group.checks ?? []).map(({ name, passes, fails }) => ({ name, passes, fails })),
    ...(group.groups ?? []).flatMap(checksOf),
  ];
}

/** The engine-neutral figures of a k6 run; `planned` comes from the plan (k6 does not report it). */
export function measuredFromK6(data: K6SummaryData, planned: number): Measured {
  const m = data.metrics;
  const put = m[metricNames.duration]?.values ?? {};
  const rateCount = (name: string) => m[name]?.values.passes ?? 0;
  return {
    requests: put.count ?? 0,
    planned,
    notSent: m.dropped_iterations?.values.count ?? 0,
    p50: put.med ?? 0,
    p90: put['p(90)'] ?? 0,
    p95: put['p(95)'] ?? 0,
    p99: put['p(99)'] ?? 0,
    max: put.max ?? 0,
    avg: put.avg ?? 0,
    slowCount: m[metricNames.slowCount]?.values.count ?? 0,
    // A k6 Rate counts non-zero samples as passes: here, PUTs that failed / bodies that did not match.
    failed: rateCount(metricNames.failed),
    shapeFailed: rateCount(metricNames.shapeFailed),
    durationSeconds: data.state.testRunDurationMs / 1000,
  };
}

/** A few lines for k6's stdout: the figures and each threshold, judged as the runner judges them. */
export function k6Text(data: K6SummaryData, planned: number, t: ThresholdSettings): string {
  const m = measuredFromK6(data, planned);
  const results = judge(thresholdsFor(t), m);
  return [
    '',
    `PUT ChatSession: ${m.requests} PUTs, p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, ${m.slowCount} over ${t.nsApiSlowMs} ms`,
    ...results.map(
      (r) => `  ${r.ok ? 'pass' : 'FAIL'}  ${r.clause.padEnd(12)} ${r.metric} ${r.expression} (observed ${r.observed})`,
    ),
    '',
  ].join('\n');
}
