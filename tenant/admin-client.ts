/**
 * The embedded tenant's admin API (tenant/admin.ts) from outside its process or thread: the
 * TenantControl calls over HTTP with `X-Admin-Token`. One client for every caller that arranges
 * or reads the tenant (the load runner, Pact provider states, the API suite, benchmarks, tests),
 * so a route and its token header are spelled once. A refused call throws, naming the route.
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import type { SessionOverrides, TenantState } from './control.ts';
import type { DeviationName } from './deviations.ts';
import type { Counters, FaultSpec, LatencySpec } from './modes.ts';

export interface AdminClient {
  /** Back to the seed data, counters zeroed; `modes: true` also restores the start-up modes. */
  reset(options?: { modes?: boolean }): Promise<TenantState>;
  createSession(overrides: SessionOverrides): Promise<ChatSessionEntity>;
  /** The stored session, or undefined when there is none. */
  getSession(id: number): Promise<ChatSessionEntity | undefined>;
  setDeviations(deviations: readonly DeviationName[] | readonly string[]): Promise<void>;
  setLatency(spec: LatencySpec): Promise<void>;
  setFaults(spec: FaultSpec): Promise<void>;
  counters(): Promise<Counters>;
  state(): Promise<TenantState>;
}

/** A client for the admin API of the tenant at `baseUrl` (loopback only, as the API itself). */
export function adminClient(baseUrl: string, adminToken: string): AdminClient {
  const call = async (method: string, path: string, body?: unknown, missing?: 404): Promise<unknown> => {
    const res = await fetch(`${baseUrl}/_admin${path}`, {
      method,
      headers: { 'X-Admin-Token': adminToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === missing) return undefined;
    if (res.status !== 200)
      throw new Error(`tenant admin ${method} /_admin${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
  return {
    reset: (options = {}) => call('POST', '/reset', options) as Promise<TenantState>,
    createSession: (overrides) => call('POST', '/sessions', overrides) as Promise<ChatSessionEntity>,
    getSession: (id) => call('GET', `/sessions/${id}`, undefined, 404) as Promise<ChatSessionEntity | undefined>,
    setDeviations: async (deviations) => void (await call('PUT', '/deviations', { deviations })),
    setLatency: async (spec) => void (await call('PUT', '/latency', spec)),
    setFaults: async (spec) => void (await call('PUT', '/faults', spec)),
    counters: () => call('GET', '/counters') as Promise<Counters>,
    state: () => call('GET', '/state') as Promise<TenantState>,
  };
}
