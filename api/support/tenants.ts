/**
 * The embedded tenants the API suite runs against: started on port 0 by the global setup (so the
 * suite tests the tenant it started, never one already listening on a fixed port) and found by
 * each worker through API_TENANT_URLS. Normally there is one, in TENANT_DEVIATIONS' modes
 * (`npm start -- --tenant-deviation`). The deviation proof sets API_TENANT_MODES: one tenant per
 * mode, and every test once per tenant, all in the one project and its two workers (a project per
 * mode would start two worker processes per mode, a third of the proof's time).
 */
export const modesVariable = 'API_TENANT_MODES';
export const urlsVariable = 'API_TENANT_URLS';
/** The tenant of a run without API_TENANT_MODES. */
export const defaultTenant = 'api';

export interface TenantMode {
  /** `normal`, a deviation name or a comma list of them. */
  name: string;
  /** Deviation modes of its tenant; undefined: those of the configuration (TENANT_DEVIATIONS). */
  deviations?: string[];
}

/**
 * `normal;drop-property;gzip,chunked` -> tenants `normal`, `drop-property`, `gzip,chunked`, each in
 * the listed modes (`normal`: none). Unset: the one default tenant.
 */
export function tenantModes(modes: string | undefined): TenantMode[] {
  if (!modes) return [{ name: defaultTenant }];
  return modes
    .split(';')
    .map((m) => m.trim())
    .filter(Boolean)
    .map((name) => ({ name, deviations: name === 'normal' ? [] : name.split(',').map((d) => d.trim()) }));
}

/** The base URL of a tenant, as the global setup published it. */
export function tenantUrlFor(tenant: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const urls = JSON.parse(env[urlsVariable] ?? '{}') as Record<string, string>;
  return urls[tenant];
}
