/**
 * How a tenant is set up: the admin token, the seed size, and the deviations, latency and faults
 * it starts with. `optionsFromConfig` reads them from the typed config (TENANT_* variables), so
 * `npm run tenant` and startTenant() honour the environment; buildTenant itself reads no env.
 */
import type { AuthConfig, Config } from '../lib/config.ts';
import { parseDeviations, type ModeName } from './deviations.ts';
import { parseFaultSpec, parseLatencySpec, type FaultSpec, type LatencySpec } from './modes.ts';

export interface TenantOptions {
  /** Token the admin API requires in `X-Admin-Token`. Default `local-admin-token` (TENANT_ADMIN_TOKEN's default). */
  adminToken?: string;
  /** Sessions seeded as ids 1..N (default 500). */
  seedSessions?: number;
  /** Deviation modes to start with, breaking or benign (deviations.ts). */
  deviations?: ModeName[];
  latency?: LatencySpec;
  faults?: FaultSpec;
  /** Fastify's request log (pino) to stdout; off by default. */
  logger?: boolean;
  /**
   * Credentials accepted for the primary user (tje0) besides its seed ones: the harness's own
   * configured credentials, so a run with other values (sentinels in the secret-scan test) works.
   */
  primaryAuth?: AuthConfig;
}

export const DEFAULT_ADMIN_TOKEN = 'local-admin-token';

/** A problem with a TENANT_* variable; the message names it. */
export class TenantOptionsError extends Error {
  override name = 'TenantOptionsError';
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new TenantOptionsError(`${name} must be JSON (${(err as Error).message}); see tenant/README.md`);
  }
}

function wrap<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TenantOptionsError) throw err;
    throw new TenantOptionsError(`${name}: ${(err as Error).message}`);
  }
}

/** `a,b` or `["a","b"]` -> deviation names; throws naming TENANT_DEVIATIONS. */
export function parseDeviationList(text: string, name = 'TENANT_DEVIATIONS'): ModeName[] {
  const trimmed = text.trim();
  const list = trimmed.startsWith('[')
    ? parseJson(name, trimmed)
    : trimmed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  return wrap(name, () => parseDeviations(list, name));
}

/** The tenant options the config's `embedded` section describes. */
export function optionsFromConfig(config: Config): TenantOptions {
  const e = config.embedded;
  return {
    ...(config.target === 'embedded' ? { primaryAuth: config.auth } : {}),
    adminToken: e.adminToken,
    seedSessions: e.seedSessions,
    deviations: e.deviations === undefined ? [] : parseDeviationList(e.deviations),
    latency:
      e.latency === undefined
        ? {}
        : wrap('TENANT_LATENCY', () =>
            parseLatencySpec(parseJson('TENANT_LATENCY', e.latency as string), 'TENANT_LATENCY'),
          ),
    faults:
      e.faults === undefined
        ? {}
        : wrap('TENANT_FAULTS', () => parseFaultSpec(parseJson('TENANT_FAULTS', e.faults as string), 'TENANT_FAULTS')),
  };
}
