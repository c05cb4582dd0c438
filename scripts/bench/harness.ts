/**
 * How the bench runs the harness's own k6 script: through scripts/load-run.ts (planRun, k6Inputs)
 * and scripts/load-k6.ts (k6Args), exactly as `npm run load` sets it up, against the embedded
 * tenant with the documentation's user (the .env is not read: the bench measures the embedded
 * tenant only). Reports go to reports/bench/k6/<label>/, not reports/load/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config.ts';
import type { ProfileSettings } from '../../load/lib/profiles.ts';
import { k6Args } from '../load-k6.ts';
import { EMBEDDED, k6Inputs, planRun } from '../load-run.ts';

export interface HarnessRun {
  args: string[];
  headers: Record<string, string>;
  plain: Record<string, string | number | undefined>;
  timeoutMs: number;
  reportDir: string;
}

const config = loadConfig({ env: {}, envFile: false });

/** Auth headers for the embedded tenant's user tje0, as the harness builds them. */
export function embeddedHeaders(): Record<string, string> {
  return k6Inputs(
    {
      config,
      plan: planRun('smoke', {}),
      target: { baseUrl: 'http://127.0.0.1', pool: 'seed' },
      runId: 'x',
      k6Version: '',
      gitRevision: '',
    },
    {},
  ).headers;
}

/** The smoke profile (constant arrival rate) at the given rate, duration and max VUs. */
export function harnessRun(
  baseUrl: string,
  settings: ProfileSettings,
  label: string,
  benchDir: string,
  meta: { k6Version: string; gitRevision: string },
): HarnessRun {
  const plan = planRun('smoke', settings);
  const reportDir = join(benchDir, 'k6', label);
  mkdirSync(reportDir, { recursive: true }); // k6's handleSummary does not create folders
  const inputs = k6Inputs(
    {
      config,
      plan,
      target: { baseUrl, pool: 'seed', firstId: 400, label: EMBEDDED },
      runId: `bench-${label}`,
      ...meta,
    },
    { runDir: reportDir },
  );
  // Bounded like scripts/load-run.ts, but without its 4-minute setup/teardown allowance.
  return {
    args: k6Args('run', inputs),
    headers: inputs.headers,
    plain: {},
    timeoutMs: (plan.seconds + 60) * 1000,
    reportDir,
  };
}

/** Settings for the harness script under bench/k6/harness-vus.ts (constant VUs), as `-e` values. */
export function harnessVusPlain(
  baseUrl: string,
  vus: number,
  duration: string,
  maxRequests: number,
): Record<string, string | number> {
  const inputs = k6Inputs(
    {
      config,
      plan: planRun('smoke', {}),
      target: { baseUrl, pool: 'seed', firstId: 400, label: EMBEDDED },
      runId: 'bench-scale',
      k6Version: '',
      gitRevision: '',
    },
    {},
  );
  const plain = Object.fromEntries(Object.entries(inputs.plain).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  return { ...plain, LOAD_MAX_REQUESTS: maxRequests, BENCH_VUS: vus, BENCH_DURATION: duration };
}
