/**
 * Opening the one Run (lib/run.ts): the configuration read once, the reports folder claimed, and
 * the tenant under test ready: a live tenant is its URL; the embedded one is started on a thread
 * of its own, on 127.0.0.1 and a port the system picks, never one someone else listens on. The
 * main job opens it once; an entry point started on its own (`npm run api`) opens its own here.
 */
import { ConfigError, loadConfig, type Config, type LoadOptions } from '../../lib/config.ts';
import { claimReportsDir, ForeignReportsDir } from '../../lib/outputs.ts';
import { deepFreeze, handedRun, type Run } from '../../lib/run.ts';
import { optionsFromConfig } from '../../tenant/options.ts';
import { startTenantThread } from '../../tenant/thread.ts';

/** An open run: the Run, and what ends it (stops the embedded tenant it started). */
export interface OpenRun {
  readonly run: Run;
  close(): Promise<void>;
}

/** The configuration from `.env` and the environment: the one place that reads them. */
export function readConfig(options?: LoadOptions): Config {
  return loadConfig(options);
}

/** The ids 400.. the load test PUTs to on the embedded tenant must be seeded. */
const LOAD_POOL_FIRST_ID = 400;

/** Opens the run for a configuration (claims its reports folder first: lib/outputs.ts). */
export async function openRun(config: Config): Promise<OpenRun> {
  claimReportsDir(config.reportsDir);
  if (config.target === 'live')
    return { run: deepFreeze({ config, tenant: { kind: 'live', baseUrl: config.tenantUrl } }), close: async () => {} };
  const options = optionsFromConfig(config);
  const seedSessions = Math.max(options.seedSessions ?? 0, LOAD_POOL_FIRST_ID - 1 + config.load.sessions);
  const tenant = await startTenantThread({ ...options, seedSessions });
  const embedded = { kind: 'embedded' as const, baseUrl: tenant.url, adminToken: tenant.adminToken };
  return { run: deepFreeze({ config, tenant: embedded }), close: () => tenant.close() };
}

/**
 * For an entry point started on its own (`npm run api`, `npm run load`): the Run handed down by
 * the main job, or one opened here from `.env`; a bad configuration exits 2 naming every problem.
 */
export async function standaloneRun(): Promise<OpenRun> {
  const handed = handedRun();
  if (handed) return { run: handed, close: async () => {} };
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`error: ${err.message}\nFix the variables above in .env or the environment (see .env.example).`);
    process.exit(2);
  }
  for (const warning of config.warnings) console.error(warning);
  try {
    return await openRun(config);
  } catch (err) {
    // A REPORTS_DIR the harness did not write, a bad TENANT_* value: the run cannot be made.
    if (!(err instanceof ForeignReportsDir) && (err as Error).name !== 'TenantOptionsError') throw err;
    console.error(`error: ${(err as Error).message}`);
    process.exit(2);
  }
}
