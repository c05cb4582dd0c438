/**
 * `npm run load -- --archive`: the k6 archive for k6-operator and Grafana Cloud k6, written by the
 * user's k6 (`k6 archive`). It holds the script, its modules, the generated validators, the sample
 * body and the current settings as defaults; never credentials (k6 leaves system env vars out, and
 * LOAD_HEADERS comes from the TestRun's Secret), report paths or a per-run bound.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../lib/config.ts';
import { k6Args, runK6 } from './k6.ts';
import { k6Inputs } from './once.ts';
import type { RunPlan } from './plan.ts';

export async function archive(
  config: Config,
  plan: RunPlan,
  k6: string,
  loadDir: string,
  log: (line: string) => void,
): Promise<number> {
  const out = join(loadDir, 'put-chatsession.tar');
  mkdirSync(loadDir, { recursive: true });
  const inputs = k6Inputs(config, plan, config.tenantUrl ?? 'http://tenant.invalid', {
    LOAD_POOL: 'scratch',
    LOAD_TEMPLATE_ID: config.chatSessionId,
  });
  const result = await runK6(k6, k6Args('archive', inputs, ['--archive-out', out]), {}, { timeoutMs: 120_000 });
  if (result.code !== 0) {
    log(`error: k6 archive exited ${result.code}: ${result.output.slice(-500)}`);
    return 2;
  }
  log(
    `wrote ${out}: the script, its modules, the schema validators and the settings above (no credentials). Run it with \`k6 run ${out}\` or put it in a ConfigMap for load/k8s/testrun.yaml.`,
  );
  return 0;
}
