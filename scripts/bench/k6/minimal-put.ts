/**
 * The least a k6 PUT test can do, as the bench's yardstick for the harness script's overhead
 * (section 2) and section 1's fallback generator: one precomputed body, ids in turn, no checks,
 * no custom metrics, response bodies discarded. Settings from __ENV (set by scripts/bench/k6run.ts):
 * BASE_URL, LOAD_HEADERS, BENCH_BODY_FILE, BENCH_EXECUTOR (rate | vus), BENCH_RATE, BENCH_VUS,
 * BENCH_DURATION, BENCH_SUMMARY (where handleSummary writes k6's end-of-test data).
 */
import http from 'k6/http';
import type { Options, Scenario } from 'k6/options';

const base = __ENV.BASE_URL ?? '';
const body = open(__ENV.BENCH_BODY_FILE ?? '');
const headers: Record<string, string> = {
  ...(JSON.parse(__ENV.LOAD_HEADERS ?? '{}') as Record<string, string>),
  'Content-Type': 'application/json',
  Accept: 'application/json',
};
const vus = Number(__ENV.BENCH_VUS ?? 32);
const duration = __ENV.BENCH_DURATION ?? '10s';

const scenario: Scenario =
  __ENV.BENCH_EXECUTOR === 'vus'
    ? { executor: 'constant-vus', vus, duration }
    : {
        executor: 'constant-arrival-rate',
        rate: Number(__ENV.BENCH_RATE ?? 100),
        timeUnit: '1s',
        duration,
        preAllocatedVUs: vus,
        maxVUs: vus,
      };

export const options: Options = {
  scenarios: { put: scenario },
  discardResponseBodies: true,
  summaryTrendStats: ['avg', 'med', 'p(99)', 'max', 'count'],
};

let n = 0;
export default function (): void {
  http.put(`${base}/api/v1/ChatSession/${400 + (n++ % 50)}`, body, { headers });
}

export function handleSummary(data: unknown): Record<string, string> {
  return { [__ENV.BENCH_SUMMARY ?? 'bench-summary.json']: JSON.stringify(data) };
}
