/**
 * One run, built once: the validated configuration and the tenant under test, frozen, and handed
 * to every stage: in-process to the stages the main job runs itself (provider verification, the
 * embedded load engine), serialised once into CHATSESSION_RUN for the child processes (Playwright,
 * the consumer tests). No stage reads `.env` again; a standalone entry point (`npm run api`) that
 * was not handed a Run builds its own here, the same way.
 */
import { ConfigError, loadConfig, type Config, type LoadOptions } from '../../lib/config.ts';
import { optionsFromConfig } from '../../tenant/options.ts';
import { startTenantThread } from '../../tenant/thread.ts';

/** The tenant under test: the embedded one (with its admin API) or a live one. */
export type TenantTarget =
  | { readonly kind: 'embedded'; readonly baseUrl: string; readonly adminToken: string }
  | { readonly kind: 'live'; readonly baseUrl: string };

export interface Run {
  readonly config: Config;
  readonly tenant: TenantTarget;
}

/** An open run: the Run, and what ends it (stops the embedded tenant it started). */
export interface OpenRun {
  readonly run: Run;
  close(): Promise<void>;
}

/** The variable a parent hands its Run down in. Holds credentials: child environments only. */
export const RUN_VARIABLE = 'CHATSESSION_RUN';

/** The configuration from `.env` and the environment: the one place that reads them. */
export function readConfig(options?: LoadOptions): Config {
  return loadConfig(options);
}

/**
 * Opens the run for a configuration: a live tenant is its URL; the embedded one is started on a
 * thread of its own, on 127.0.0.1 and a port the system picks, never one someone else listens on.
 */
export async function openRun(config: Config): Promise<OpenRun> {
  if (config.target === 'live')
    return { run: freeze({ config, tenant: { kind: 'live', baseUrl: config.tenantUrl } }), close: async () => {} };
  const tenant = await startTenantThread(optionsFromConfig(config));
  const run = freeze({
    config,
    tenant: { kind: 'embedded' as const, baseUrl: tenant.url, adminToken: tenant.adminToken },
  });
  return { run, close: () => tenant.close() };
}

/** The environment entries that hand `run` to a child process. */
export function runEnvironment(run: Run): Record<string, string> {
  return { [RUN_VARIABLE]: JSON.stringify(run) };
}

/** The Run a parent handed down, or undefined when this process was started on its own. */
export function handedRun(env: NodeJS.ProcessEnv = process.env): Run | undefined {
  const text = env[RUN_VARIABLE];
  if (!text) return undefined;
  const run = JSON.parse(text) as Run;
  if (!run?.config?.target || !run.tenant?.baseUrl) throw new Error(`${RUN_VARIABLE} does not hold a run`);
  return freeze(run);
}

/**
 * For a standalone entry point (`npm run api`, `npm run verify:provider`): the Run handed down by
 * the main job, or one opened here from `.env`; a bad configuration exits 2 with every problem named.
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
  return openRun(config);
}

function freeze<const T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}
