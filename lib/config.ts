/**
 * One typed, validated, frozen configuration from `.env` and the environment. Everything that
 * talks to a tenant takes its settings from here; nothing else reads process.env for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import dotenv from 'dotenv';
import { authSecrets, type AuthConfig, type AuthScheme } from './auth.ts';
import { embeddedUsers, type EmbeddedUser } from './embedded-users.ts';
import type { Env } from './env.gen.ts';
import envSchema from './env.schema.json' with { type: 'json' };
import { createAjv } from '../schemas/ajv.ts';

export type { AuthConfig, AuthScheme } from './auth.ts';
export type LoadProfile = NonNullable<Env['LOAD_PROFILE']>;
export type LoadEngine = NonNullable<Env['LOAD_ENGINE']>;

/**
 * The run's configuration, a union on `target`: `embedded` (the harness starts its own tenant) or
 * `live` (TENANT_URL), so `config.target === 'live'` narrows `tenantUrl` to a string.
 */
export type Config = EmbeddedConfig | LiveConfig;

export interface EmbeddedConfig extends CommonConfig {
  readonly target: 'embedded';
  readonly tenantUrl: undefined;
}

export interface LiveConfig extends CommonConfig {
  readonly target: 'live';
  /** Live tenant base URL (no trailing slash, no /api/v1, no user info). */
  readonly tenantUrl: string;
}

interface CommonConfig {
  readonly auth: AuthConfig;
  /** A second user for checks that need two (XFER-NOTOWNER); undefined when not configured. */
  readonly secondUser: AuthConfig | undefined;
  readonly appToken: string | undefined;
  readonly chatSessionId: number | undefined;
  readonly transferTo: string | undefined;
  /** STRICT: assumed behaviour fails a live run too, instead of being reported as observed. */
  readonly strict: boolean;
  readonly nsApiSlowMs: number;
  readonly load: {
    readonly profile: LoadProfile;
    readonly rate: number | undefined;
    readonly duration: string | undefined;
    /** Most PUTs in flight at once (LOAD_MAX_VUS); undefined: the profile's default. */
    readonly maxVus: number | undefined;
    readonly sessions: number;
    /** LOAD_ENGINE: `embedded` (in-process) or `k6` (an external k6 the user has). */
    readonly engine: LoadEngine;
    readonly maxSlowShare: number;
    readonly allowProduction: boolean;
  };
  readonly k6Bin: string | undefined;
  readonly reportsDir: string;
  readonly embedded: {
    readonly host: string;
    readonly port: number;
    readonly adminToken: string;
    /** Sessions the embedded tenant seeds (TENANT_SEED_SESSIONS). */
    readonly seedSessions: number;
    /** Raw TENANT_DEVIATIONS / TENANT_LATENCY / TENANT_FAULTS; tenant/options.ts parses them. */
    readonly deviations: string | undefined;
    readonly latency: string | undefined;
    readonly faults: string | undefined;
  };
  readonly pact: {
    readonly consumer: string;
    readonly provider: string;
    readonly brokerUrl: string | undefined;
    readonly brokerToken: string | undefined;
  };
  /** Every secret value in this config, for redaction. Never print this. */
  readonly secrets: readonly string[];
  /** What works but a user should know (plain http to a remote host): printed by entry points. */
  readonly warnings: readonly string[];
}

/** A configuration problem: `problems` has one line per variable, naming it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

interface VarSchema {
  description: string;
  examples: unknown[];
  enum?: string[];
}
const vars = envSchema.properties as Record<string, VarSchema>;
const secretVars = new Set(
  Object.entries(vars)
    .filter(([, v]) => v.description.includes('Secret.'))
    .map(([k]) => k),
);

const ajv = createAjv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
const validateEnv = ajv.compile<Env>(envSchema);

export interface LoadOptions {
  /** Variables to read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The .env file to merge under `env` (environment wins). `false` skips it. Default `.env` in cwd. */
  envFile?: string | false;
}

/** Reads and validates the configuration. Throws ConfigError naming every bad variable. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const problems: string[] = [];
  let fromFile: Record<string, string> = {};
  const envFile = options.envFile === undefined ? resolve('.env') : options.envFile;
  if (envFile && existsSync(envFile)) {
    fromFile = dotenv.parse(readFileSync(envFile));
    for (const key of Object.keys(fromFile)) {
      if (!(key in vars)) problems.push(`${key} (in ${envFile}) is not a variable this harness reads${suggest(key)}`);
    }
  }

  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(vars)) {
    const value = (env[key] ?? fromFile[key])?.trim();
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const typos = environmentTypos(env, raw);
  problems.push(...typos.unknown);
  if (typeof raw.TENANT_URL === 'string') {
    const url = raw.TENANT_URL.replace(/\/+$/, '');
    raw.TENANT_URL = url;
    if (/\/api\/v1$/i.test(url))
      problems.push(describe('TENANT_URL', url, 'must be the tenant base URL without /api/v1'));
    if (userInfo(url)) problems.push(describe('TENANT_URL', url, userInfoProblem));
  }
  const given = { ...raw }; // ajv coerces in place; messages show what the user wrote
  if (!validateEnv(raw)) problems.push(...explain(validateEnv.errors ?? [], given, typos.near));
  const insecure = insecureHttp(raw as Env);
  if (insecure?.refused) problems.push(insecure.refused);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(build(raw as Env, insecure ? [insecure.warning] : []));
}

const userInfoProblem =
  'must not carry user info (user:password@): put the credentials in AUTH_SCHEME and SO_USERNAME/SO_PASSWORD ' +
  '(or SO_TICKET, SO_TOKEN), which every report masks';

/** `user:password` of a URL, or undefined; an unparsable URL has none (ajv names it). */
function userInfo(url: string): { username: string; password: string } | undefined {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return undefined;
    return { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  } catch {
    return undefined;
  }
}

/** A URL as it may be shown: any user info masked. */
export function withoutUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Plain http to a host other than loopback: a warning, and a refusal when the credentials would
 * cross the network as the reusable password itself (Basic), unless ALLOW_INSECURE_HTTP=true.
 */
function insecureHttp(env: Env): { warning: string; refused?: string } | undefined {
  if (!env.TENANT_URL?.toLowerCase().startsWith('http://')) return undefined;
  let host: string;
  try {
    host = new URL(env.TENANT_URL).hostname;
  } catch {
    return undefined;
  }
  if (loopback.test(host)) return undefined;
  const warning =
    `warning: TENANT_URL uses plain http to ${host}: credentials and session data cross the network ` +
    'unencrypted; use https://';
  if ((env.AUTH_SCHEME ?? 'basic') !== 'basic' || env.ALLOW_INSECURE_HTTP === true) return { warning };
  const problem = 'sends Basic credentials (the password itself) over plain http to a host other than loopback';
  return {
    warning,
    refused:
      `${describe('TENANT_URL', env.TENANT_URL, problem)} ` +
      'Use https://, or set ALLOW_INSECURE_HTTP=true if you accept that.',
  };
}

/** The harness's own variable families: a near miss among these in the environment is a typo. */
const families = /^(SO|AUTH|SECOND|TENANT|LOAD|NS|PACT|K6|REPORTS|CHAT|TRANSFER|ALLOW|STRICT)_/;

/**
 * Typos of the harness's variables in the environment, caught as unknown keys in .env are: an
 * unknown name of the same family at most two edits from a known one, or a known one cut short
 * (NS_API_SLOW), is a problem unless the known one is set too; a required variable that is
 * missing says which near name is set instead.
 */
function environmentTypos(env: NodeJS.ProcessEnv, raw: Record<string, unknown>) {
  const unknown: string[] = [];
  const near = new Map<string, string>();
  for (const key of Object.keys(env)) {
    if (key in vars || !families.test(key) || !env[key]) continue;
    const match = nearest(key, 3) ?? Object.keys(vars).find((known) => known.startsWith(`${key}_`));
    if (!match || key.split('_')[0] !== match.split('_')[0]) continue;
    near.set(match, key);
    if (raw[match] === undefined && !requiredSometimes.has(match))
      unknown.push(`${key} (in the environment) is not a variable this harness reads (did you mean ${match}?)`);
  }
  return { unknown, near };
}

/** Variables some combination requires: when missing, their own message names the near miss. */
const requiredSometimes = new Set(
  JSON.stringify(envSchema.allOf ?? [])
    .match(/"required":\[[^\]]*\]/g)
    ?.flatMap((r) => r.match(/[A-Z][A-Z0-9_]+/g) ?? []) ?? [],
);

function build(env: Env, warnings: string[]): Config {
  const live = env.TENANT_URL !== undefined;
  const scheme = (env.AUTH_SCHEME ?? 'basic') as AuthScheme;
  const [primary, second] = embeddedUsers as [EmbeddedUser, EmbeddedUser];
  const auth = live
    ? authFrom(scheme, env.SO_USERNAME, env.SO_PASSWORD, env.SO_TICKET, env.SO_TOKEN, env.SO_XSRF_TOKEN)
    : embeddedAuth(scheme, primary, env);
  const secondUser = live ? secondAuth(scheme, env) : embeddedAuth(scheme, second, { SO_USERNAME: undefined });
  const config: Config = {
    ...(env.TENANT_URL === undefined
      ? { target: 'embedded' as const, tenantUrl: undefined }
      : { target: 'live' as const, tenantUrl: env.TENANT_URL }),
    auth,
    secondUser,
    appToken: env.SO_APP_TOKEN,
    chatSessionId: env.CHAT_SESSION_ID,
    transferTo: env.TRANSFER_TO_ASSOCIATE,
    strict: env.STRICT ?? false,
    nsApiSlowMs: env.NS_API_SLOW_MS ?? 5000,
    load: Object.freeze({
      profile: env.LOAD_PROFILE ?? 'smoke',
      rate: env.LOAD_RATE,
      duration: env.LOAD_DURATION,
      maxVus: env.LOAD_MAX_VUS,
      sessions: env.LOAD_SESSIONS ?? 50,
      engine: env.LOAD_ENGINE ?? 'embedded',
      maxSlowShare: env.LOAD_MAX_SLOW_SHARE ?? 0,
      allowProduction: env.ALLOW_PRODUCTION_LOAD ?? false,
    }),
    k6Bin: env.K6_BIN,
    reportsDir: resolve(env.REPORTS_DIR ?? 'reports'),
    embedded: Object.freeze({
      host: env.TENANT_HOST ?? '127.0.0.1',
      port: env.TENANT_PORT ?? 3777,
      adminToken: env.TENANT_ADMIN_TOKEN ?? 'local-admin-token',
      seedSessions: env.TENANT_SEED_SESSIONS ?? 500,
      deviations: env.TENANT_DEVIATIONS,
      latency: env.TENANT_LATENCY,
      faults: env.TENANT_FAULTS,
    }),
    pact: Object.freeze({
      consumer: env.PACT_CONSUMER_NAME ?? 'ChatConsole',
      provider: env.PACT_PROVIDER_NAME ?? 'SuperOfficeChatSessionAPI',
      brokerUrl: env.PACT_BROKER_BASE_URL,
      brokerToken: env.PACT_BROKER_TOKEN,
    }),
    secrets: [],
    warnings: Object.freeze(warnings),
  };
  const broker = env.PACT_BROKER_BASE_URL ? userInfo(env.PACT_BROKER_BASE_URL) : undefined;
  const secrets = [
    ...authSecrets(auth),
    ...authSecrets(secondUser),
    ...(broker?.password ? authSecrets({ scheme: 'basic', ...broker }) : []),
    ...[env.SO_APP_TOKEN, env.PACT_BROKER_TOKEN, env.TENANT_ADMIN_TOKEN].filter((s): s is string => !!s),
  ];
  return { ...config, secrets: Object.freeze([...new Set(secrets)]) };
}

function authFrom(
  scheme: AuthScheme,
  username?: string,
  password?: string,
  ticket?: string,
  token?: string,
  xsrf?: string,
): AuthConfig {
  switch (scheme) {
    case 'basic':
      return Object.freeze({ scheme, username: username as string, password: password as string });
    case 'soticket':
      return Object.freeze({ scheme, ticket: ticket as string });
    case 'bearer':
      return Object.freeze({ scheme, token: token as string });
    case 'xsrf':
      return Object.freeze({ scheme, xsrfToken: xsrf as string });
  }
}

function secondAuth(scheme: AuthScheme, env: Env): AuthConfig | undefined {
  if (scheme === 'basic' && env.SECOND_USERNAME && env.SECOND_PASSWORD)
    return authFrom(scheme, env.SECOND_USERNAME, env.SECOND_PASSWORD);
  if (scheme === 'soticket' && env.SECOND_TICKET) return authFrom(scheme, undefined, undefined, env.SECOND_TICKET);
  if (scheme === 'bearer' && env.SECOND_TOKEN)
    return authFrom(scheme, undefined, undefined, undefined, env.SECOND_TOKEN);
  return undefined;
}

/** The embedded tenant's seed credentials for a scheme, unless the user gave their own. */
function embeddedAuth(
  scheme: AuthScheme,
  user: EmbeddedUser,
  env: Pick<Env, 'SO_USERNAME'> & Partial<Env>,
): AuthConfig {
  return authFrom(
    scheme,
    env.SO_USERNAME ?? user.username,
    env.SO_PASSWORD ?? user.password,
    env.SO_TICKET ?? user.ticket,
    env.SO_TOKEN ?? user.token,
    env.SO_XSRF_TOKEN ?? user.xsrfToken,
  );
}

/** One line per variable (the first problem ajv found with it). */
function explain(
  errors: readonly ErrorObject[],
  raw: Record<string, unknown>,
  near: ReadonlyMap<string, string>,
): string[] {
  const lines: string[] = [];
  const named = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (e.keyword === 'required') {
      const name = (e.params as { missingProperty: string }).missingProperty;
      const because =
        name === 'AUTH_SCHEME'
          ? 'TENANT_URL is set'
          : name === 'PACT_BROKER_TOKEN'
            ? 'PACT_BROKER_BASE_URL is set'
            : `AUTH_SCHEME=${String(raw.AUTH_SCHEME)}`;
      const typo = near.has(name) ? ` The environment has ${near.get(name)}: did you mean ${name}?` : '';
      lines.push(
        `${name} is missing: it is required when ${because}. ${vars[name]?.description ?? ''} ` +
          `Example: ${name}=${String(vars[name]?.examples[0])}${typo}`,
      );
      continue;
    }
    const name = e.instancePath.replace(/^\//, '');
    if (named.has(name)) continue;
    named.add(name);
    let problem = e.message ?? 'is not valid';
    if (e.keyword === 'enum')
      problem = `must be one of ${(e.params as { allowedValues: string[] }).allowedValues.join(', ')}`;
    if (e.keyword === 'format') problem = `must be a ${(e.params as { format: string }).format}`;
    if (e.keyword === 'pattern' && name.endsWith('_URL')) problem = 'must start with http:// or https://';
    lines.push(describe(name, raw[name], problem));
  }
  return lines;
}

function describe(name: string, value: unknown, problem: string): string {
  const shown = secretVars.has(name)
    ? '(value hidden)'
    : JSON.stringify(typeof value === 'string' && name.endsWith('_URL') ? withoutUserInfo(value) : value);
  const v = vars[name];
  return `${name}=${shown} ${problem}. ${v?.description ?? ''} Example: ${name}=${String(v?.examples[0])}`;
}

function suggest(key: string): string {
  const best = nearest(key, 4);
  return best ? ` (did you mean ${best}?)` : '';
}

/** The known variable closest to `key`, when it is under `within` edits away. */
function nearest(key: string, within: number): string | undefined {
  let best: string | undefined;
  let bestDistance = within;
  for (const known of Object.keys(vars)) {
    const d = distance(key.toUpperCase(), known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
