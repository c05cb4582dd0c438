/**
 * The embedded tenants the API suite runs against, one per Playwright project: started on port 0
 * by the global setup (so the suite tests the tenant it started, never one already listening on a
 * fixed port) and found by each worker through API_TENANT_URLS. `API_TENANT_MODES` (set by the
 * deviation proof) asks for one project per deviation mode; without it there is one project, `api`,
 * whose tenant runs in TENANT_DEVIATIONS' modes (`npm start -- --tenant-deviation`).
 */
export interface TenantProject {
  /** The Playwright project name. */
  name: string;
  /** Deviation modes of its tenant; undefined: those of the configuration (TENANT_DEVIATIONS). */
  deviations?: string[];
}

export const modesVariable = 'API_TENANT_MODES';
export const urlsVariable = 'API_TENANT_URLS';

/**
 * `normal;drop-property;gzip,chunked` -> projects `normal`, `drop-property`, `gzip,chunked`, each
 * tenant in the listed modes (`normal`: none). Unset: the one `api` project.
 */
export function tenantProjects(modes: string | undefined): TenantProject[] {
  if (!modes) return [{ name: 'api' }];
  return modes
    .split(';')
    .map((m) => m.trim())
    .filter(Boolean)
    .map((name) => ({ name, deviations: name === 'normal' ? [] : name.split(',').map((d) => d.trim()) }));
}

/** The base URL of a project's tenant, as the global setup published it. */
export function tenantUrlFor(project: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const urls = JSON.parse(env[urlsVariable] ?? '{}') as Record<string, string>;
  return urls[project];
}
