/**
 * The k6 script's settings, read from `__ENV`. The Node runner (scripts/load.ts) derives them from
 * the typed config and passes the plain ones with `-e` and the secret one (LOAD_HEADERS) in the
 * child's environment only; on k6-operator or Grafana Cloud k6 they come from the TestRun's env.
 * Pure: takes the env map, so it is unit-testable in Node as well.
 */
import {
  isProfileName,
  profileNames,
  settingsFor,
  parseDuration,
  type ProfileName,
  type ProfileSettings,
} from './profiles.ts';

export interface LoadSettings {
  /** Tenant base URL without /api/v1 (BASE_URL). */
  baseUrl: string;
  /** Auth and SO-AppToken headers (LOAD_HEADERS, a JSON object; secret). */
  headers: Record<string, string>;
  profile: ProfileName;
  profileSettings: ProfileSettings;
  /** How many sessions the PUTs are spread over (LOAD_SESSIONS). */
  sessions: number;
  /**
   * `seed`: existing ids LOAD_FIRST_ID.. (the embedded tenant's 400+ load pool);
   * `scratch`: setup() creates LOAD_SESSIONS sessions and teardown() deletes them (live tenants).
   */
  pool: 'seed' | 'scratch';
  firstId: number;
  /** A session whose shape scratch sessions copy (LOAD_TEMPLATE_ID, live: CHAT_SESSION_ID). */
  templateId: number | undefined;
  /** NsApiSlow threshold in ms (NS_API_SLOW_MS, default 5000). */
  slowMs: number;
  /** Allowed share of PUTs over slowMs (LOAD_MAX_SLOW_SHARE, default 0). */
  maxSlowShare: number;
  /** Allowed http_req_failed rate (LOAD_MAX_ERROR_RATE, default 0.01). */
  maxErrorRate: number;
  /** Hard cap on PUTs sent (LOAD_MAX_REQUESTS); 0 = no cap. */
  maxRequests: number;
  /** Where handleSummary writes; unset = stdout only (k6-operator, cloud). */
  reportDir: string | undefined;
  latestDir: string | undefined;
  /** A JSON array of earlier history entries for the trend chart (LOAD_HISTORY_FILE). */
  historyFile: string | undefined;
  meta: { runId: string; gitRevision: string; k6Version: string; targetHost: string; startedAt: string };
}

type Env = Record<string, string | undefined>;

function num(
  env: Env,
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Error(
      `${name}=${JSON.stringify(raw)} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
    );
  }
  return value;
}

function optionalNum(env: Env, name: string, opts: Parameters<typeof num>[3]): number | undefined {
  return env[name] === undefined || env[name] === '' ? undefined : num(env, name, 0, opts);
}

export function readSettings(env: Env): LoadSettings {
  const baseUrl = (env.BASE_URL ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl))
    throw new Error(
      `BASE_URL=${JSON.stringify(env.BASE_URL ?? '')} must be the tenant base URL, e.g. http://127.0.0.1:3777 (npm run load sets it)`,
    );
  let headers: Record<string, string> = {};
  if (env.LOAD_HEADERS) {
    try {
      headers = JSON.parse(env.LOAD_HEADERS) as Record<string, string>;
    } catch {
      throw new Error(
        'LOAD_HEADERS must be a JSON object of header names to values (value hidden: it holds credentials)',
      );
    }
  }
  const profile = env.LOAD_PROFILE ?? 'smoke';
  if (!isProfileName(profile))
    throw new Error(`LOAD_PROFILE=${JSON.stringify(profile)} must be one of ${profileNames.join(', ')}`);
  const duration = env.LOAD_DURATION || undefined;
  if (duration !== undefined) parseDuration(duration);
  const pool = env.LOAD_POOL ?? 'seed';
  if (pool !== 'seed' && pool !== 'scratch')
    throw new Error(`LOAD_POOL=${JSON.stringify(pool)} must be seed or scratch`);
  return {
    baseUrl,
    headers,
    profile,
    profileSettings: settingsFor(profile, {
      rate: optionalNum(env, 'LOAD_RATE', { min: 0.01, max: 100_000 }),
      duration,
      maxVus: optionalNum(env, 'LOAD_MAX_VUS', { min: 1, max: 100_000, integer: true }),
    }),
    sessions: num(env, 'LOAD_SESSIONS', 50, { min: 1, max: 100_000, integer: true }),
    pool,
    firstId: num(env, 'LOAD_FIRST_ID', 400, { min: 1, max: 2 ** 31 - 1, integer: true }),
    templateId: optionalNum(env, 'LOAD_TEMPLATE_ID', { min: 1, max: 2 ** 31 - 1, integer: true }),
    slowMs: num(env, 'NS_API_SLOW_MS', 5000, { min: 1 }),
    maxSlowShare: num(env, 'LOAD_MAX_SLOW_SHARE', 0, { max: 1 }),
    maxErrorRate: num(env, 'LOAD_MAX_ERROR_RATE', 0.01, { max: 1 }),
    maxRequests: num(env, 'LOAD_MAX_REQUESTS', 0, { integer: true }),
    reportDir: env.LOAD_REPORT_DIR || undefined,
    latestDir: env.LOAD_LATEST_DIR || undefined,
    historyFile: env.LOAD_HISTORY_FILE || undefined,
    meta: {
      runId: env.LOAD_RUN_ID || 'unnamed',
      gitRevision: env.LOAD_GIT_REV || 'unknown',
      k6Version: env.LOAD_K6_VERSION || 'unknown',
      targetHost: env.LOAD_TARGET_HOST || hostOf(baseUrl),
      startedAt: env.LOAD_STARTED_AT || '',
    },
  };
}

/** `scheme://host[:port]` of a URL, never its user info, path or query. */
export function hostOf(url: string): string {
  const m = /^(https?:\/\/)(?:[^@/]*@)?([^/?#]+)/i.exec(url);
  return m ? `${(m[1] as string).toLowerCase()}${(m[2] as string).toLowerCase()}` : 'unknown';
}
