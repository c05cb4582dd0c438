/**
 * startTenant(): the embedded tenant listening on 127.0.0.1 (a free port unless told otherwise),
 * for Pact provider verification, Playwright and k6 runs. Options not given come from the config
 * (TENANT_ADMIN_TOKEN, TENANT_SEED_SESSIONS, TENANT_DEVIATIONS, TENANT_LATENCY, TENANT_FAULTS).
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../lib/config.ts';
import { buildTenant } from './app.ts';
import type { TenantControl } from './control.ts';
import { DEFAULT_ADMIN_TOKEN, optionsFromConfig, type TenantOptions } from './options.ts';

export interface StartOptions extends TenantOptions {
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** Port (default 0: a free one). */
  port?: number;
}

export interface RunningTenant {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  adminToken: string;
  control: TenantControl;
  app: FastifyInstance;
  /** Stops listening; resolves when open connections are closed. */
  close(): Promise<void>;
}

export async function startTenant(options: Partial<StartOptions> = {}): Promise<RunningTenant> {
  const fromConfig = optionsFromConfig(loadConfig());
  const merged: TenantOptions = {
    ...fromConfig,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const tenant = await buildTenant(merged);
  const host = options.host ?? '127.0.0.1';
  await tenant.listen({ host, port: options.port ?? 0 });
  const address = tenant.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    adminToken: merged.adminToken ?? DEFAULT_ADMIN_TOKEN,
    control: tenant.control,
    app: tenant,
    close: () => tenant.close(),
  };
}
