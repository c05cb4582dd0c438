/**
 * One run, built once: the validated configuration and the tenant under test, frozen, and handed
 * to every stage: in-process to the stages the main job runs itself (the embedded load engine),
 * serialised once into CHATSESSION_RUN for the child processes (Playwright, the Pact stages). No
 * stage reads `.env` again. The main job opens it (scripts/run/run.ts); the suites only read it.
 */
import type { Config } from './config.ts';

/** The tenant under test: the embedded one (with its admin API) or a live one. */
export type TenantTarget =
  | { readonly kind: 'embedded'; readonly baseUrl: string; readonly adminToken: string }
  | { readonly kind: 'live'; readonly baseUrl: string };

export interface Run {
  readonly config: Config;
  readonly tenant: TenantTarget;
}

/** The variable a parent hands its Run down in. Holds credentials: child environments only. */
export const RUN_VARIABLE = 'CHATSESSION_RUN';

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
  return deepFreeze(run);
}

/** Freezes a value and everything in it, so a Run cannot be changed by a stage it is handed to. */
export function deepFreeze<const T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
