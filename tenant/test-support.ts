/**
 * Helpers for the tenant's integration tests: one tenant per file (or describe), one request
 * through `inject()` with a seed user's credentials, and the parsed body. Not a test file itself.
 */
import { after, before, beforeEach } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { authHeaders } from '../lib/headers.ts';
import { fromXml } from '../lib/xml.ts';
import type { SchemaName } from '../schemas/index.ts';
import { buildTenant, type Tenant, type TenantOptions } from './app.ts';
import { embeddedUsers } from './users.ts';

export type UserName = 'tje0' | 'ola' | 'kari';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface CallOptions {
  /** Seed user whose Basic credentials are sent; `null` sends none. Default tje0. */
  as?: UserName | null;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with Content-Type application/json. */
  body?: unknown;
  contentType?: string;
}

export const user = (name: UserName) => embeddedUsers.find((u) => u.username === name)!;
export const basic = (name: UserName) =>
  authHeaders({ scheme: 'basic', username: name, password: user(name).password });

export function newTenant(options: TenantOptions = {}): Promise<Tenant> {
  return buildTenant({ seedSessions: 500, ...options });
}

export interface UseTenantOptions {
  /** Passed to newTenant. */
  options?: TenantOptions;
  /** Run before each test, e.g. `allModesOff`. */
  beforeEach?: (tenant: Tenant) => void;
}

/**
 * Registers the node:test hooks for one tenant: built before the tests of the file (or of the
 * describe it is called in) and closed after them. Returns that tenant's getter, to call inside
 * tests and hooks (at load time there is no tenant yet).
 */
export function useTenant({ options, beforeEach: each }: UseTenantOptions = {}): () => Tenant {
  let built: Tenant | undefined;
  const tenant = () => {
    if (!built) throw new Error('no tenant: useTenant() builds it in a before() hook');
    return built;
  };
  before(async () => {
    built = await newTenant(options);
  });
  if (each) beforeEach(() => each(tenant()));
  after(() => built?.close());
  return tenant;
}

/** Every deviation mode off and the seed put back: each test starts from the honest tenant. */
export function allModesOff(tenant: Tenant): void {
  tenant.control.setDeviations([]);
  tenant.control.reset();
}

export async function call(
  tenant: Tenant,
  method: Method,
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {
    ...(options.as === null ? {} : basic(options.as ?? 'tje0')),
    ...options.headers,
  };
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? headers['content-type'] ?? 'application/json';
  }
  return tenant.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
}

/** The body parsed by its Content-Type (JSON, or XML through the shared codec). */
export function body<T = Record<string, unknown>>(res: LightMyRequestResponse, schema?: SchemaName): T {
  const type = String(res.headers['content-type'] ?? '');
  return (/xml/.test(type) ? fromXml(res.body, schema) : JSON.parse(res.body)) as T;
}

export const session = (id: number) => `/api/v1/ChatSession/${id}`;
export const PICKUP = '/api/v1/Agents/Chat/PickUpChatSession';
