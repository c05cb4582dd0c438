/**
 * The load stage's key figures for the main report, read from reports/load/latest/summary.json
 * (k6's handleSummary data: metrics -> values). Missing file or metric: null, never a made-up 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadFigures {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  ratePerSecond: number | null;
  slowCount: number | null;
  slowShare: number | null;
  errorRate: number | null;
  thresholdMs: number;
}

type Metric = { values?: Record<string, number> };

/** The PUT duration metric: the PUT-tagged sub-metric when k6 wrote one, else all requests. */
function putDuration(metrics: Record<string, Metric>): Metric | undefined {
  const key = Object.keys(metrics).find((k) => /^http_req_duration\{.*(name|method|op|endpoint):PUT/i.test(k)) ?? Object.keys(metrics).find((k) => k.startsWith('put_duration')) ?? 'http_req_duration';
  return metrics[key];
}

export function readLoadFigures(reportsDir: string, thresholdMs: number): LoadFigures | null {
  const path = join(reportsDir, 'load', 'latest', 'summary.json');
  if (!existsSync(path)) return null;
  let data: { metrics?: Record<string, Metric> };
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as typeof data;
  } catch {
    return null;
  }
  const metrics = data.metrics ?? {};
  const d = putDuration(metrics)?.values;
  if (!d || d['p(95)'] === undefined) return null;
  const reqs = metrics.http_reqs?.values;
  return {
    p50: d.med ?? d['p(50)'] ?? NaN,
    p90: d['p(90)'] ?? NaN,
    p95: d['p(95)'],
    p99: d['p(99)'] ?? NaN,
    max: d.max ?? NaN,
    requests: reqs?.count ?? NaN,
    ratePerSecond: reqs?.rate ?? null,
    slowCount: metrics.ns_api_slow_count?.values?.count ?? null,
    slowShare: metrics.ns_api_slow?.values?.rate ?? null,
    errorRate: metrics.http_req_failed?.values?.rate ?? null,
    thresholdMs,
  };
}
