/**
 * The k6 script's settings, read from `__ENV`. The user's settings (LOAD_PROFILE, LOAD_RATE, ...)
 * are validated once, by lib/env.schema.json, before the Node runner passes them here (and the
 * k6-operator example's by load/k8s.test.ts); this only reads them. The secret one, LOAD_HEADERS,
 * comes in k6's process environment, never on its command line. Pure, so Node can unit-test it.
 */
import { isProfileName, settingsFor, type ProfileName, type ProfileSettings } from '../scenario/profiles.ts';
import { DEFAULT_MAX_ERROR_RATE } from '../scenario/metrics.ts';

export interface K6Settings {
  /** Tenant base URL without /api/v1 (BASE_URL). */
  baseUrl: string;
  /** Auth and SO-AppToken headers (LOAD_HEADERS, a JSON object; secret). */
  headers: Record<string, string>;
  profile: ProfileName;
  profileSettings: ProfileSettings;
  /**
   * Where the PUTs go: `ids` given by the Node runner (LOAD_SESSION_IDS: the seed's load pool, or
   * scratch sessions it created and journalled); standalone (k6-operator, Cloud) `scratch`: setup()
   * creates LOAD_SESSIONS sessions and teardown() deletes them, or `seed`: ids LOAD_FIRST_ID.. .
   */
  pool:
    | { kind: 'ids'; ids: number[] }
    | { kind: 'scratch'; count: number; templateId?: number }
    | { kind: 'seed'; first: number; count: number };
  nsApiSlowMs: number;
  maxSlowShare: number;
  maxErrorRate: number;
  /** Hard cap on PUTs sent (LOAD_MAX_REQUESTS); 0 = no cap. */
  maxRequests: number;
  /** Where handleSummary writes k6's end-of-test data for the runner (unset: stdout only). */
  summaryFile: string | undefined;
  runId: string;
}

type Env = Record<string, string | undefined>;

const numberOr = (raw: string | undefined, fallback: number) =>
  raw === undefined || raw === '' ? fallback : Number(raw);
const optional = (raw: string | undefined) => (raw === undefined || raw === '' ? undefined : Number(raw));

export function readSettings(env: Env): K6Settings {
  const baseUrl = (env.BASE_URL ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl))
    throw new Error(
      `BASE_URL=${JSON.stringify(env.BASE_URL ?? '')} must be the tenant base URL, e.g. https://sod.superoffice.com/Cust12345`,
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
  if (!isProfileName(profile)) throw new Error(`LOAD_PROFILE=${JSON.stringify(profile)} is not a profile`);
  const count = numberOr(env.LOAD_SESSIONS, 50);
  const ids = (env.LOAD_SESSION_IDS ?? '').split(',').filter(Boolean).map(Number);
  const templateId = optional(env.LOAD_TEMPLATE_ID);
  const pool: K6Settings['pool'] =
    ids.length > 0
      ? { kind: 'ids', ids }
      : env.LOAD_POOL === 'seed'
        ? { kind: 'seed', first: numberOr(env.LOAD_FIRST_ID, 400), count }
        : { kind: 'scratch', count, ...(templateId ? { templateId } : {}) };
  return {
    baseUrl,
    headers,
    profile,
    profileSettings: settingsFor(profile, {
      rate: optional(env.LOAD_RATE),
      duration: env.LOAD_DURATION || undefined,
      maxVus: optional(env.LOAD_MAX_VUS),
    }),
    pool,
    nsApiSlowMs: numberOr(env.NS_API_SLOW_MS, 5000),
    maxSlowShare: numberOr(env.LOAD_MAX_SLOW_SHARE, 0),
    maxErrorRate: DEFAULT_MAX_ERROR_RATE,
    maxRequests: numberOr(env.LOAD_MAX_REQUESTS, 0),
    summaryFile: env.LOAD_SUMMARY_FILE || undefined,
    runId: env.LOAD_RUN_ID || 'k6',
  };
}
