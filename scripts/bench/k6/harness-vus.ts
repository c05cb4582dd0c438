/**
 * The harness's PUT iteration (load/put-chatsession.ts: realistic body, checks, schema validation,
 * custom metrics) unchanged, under a constant-vus scenario so exactly BENCH_VUS VUs are in flight
 * (section 4, scale). Its arrival-rate profiles size VUs from the rate, which cannot pin a count.
 */
import type { Options } from 'k6/options';

export { setup, putChatSession } from '../../../load/put-chatsession.ts';

export const options: Options = {
  scenarios: {
    put: {
      executor: 'constant-vus',
      vus: Number(__ENV.BENCH_VUS ?? 100),
      duration: __ENV.BENCH_DURATION ?? '20s',
      exec: 'putChatSession',
      gracefulStop: '30s',
    },
  },
  summaryTrendStats: ['avg', 'med', 'p(99)', 'max', 'count'],
  setupTimeout: '2m',
};

export function handleSummary(data: unknown): Record<string, string> {
  return { [__ENV.BENCH_SUMMARY ?? 'bench-summary.json']: JSON.stringify(data) };
}
