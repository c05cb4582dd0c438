/**
 * startTenant(): the embedded tenant listening on 127.0.0.1 (a free port unless told otherwise),
 * for tests, benchmarks and the suites' own tenants. It reads no configuration: a caller that runs
 * under a Run passes `optionsFromConfig(run.config)` (tenant/options.ts); options not given are the
 * tenant's defaults, so a test's tenant does not change with someone's `.env`.
 */
import type { FastifyInstance } from 'fastify';
import { buildTenant } from './app.ts';
import type { TenantControl } from './control.ts';
import { DEFAULT_ADMIN_TOKEN, type TenantOptions } from './options.ts';

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
  const merged: TenantOptions = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
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
