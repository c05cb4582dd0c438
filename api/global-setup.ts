/**
 * Playwright global setup for the embedded target. Under a Run (the main job, `npm run api`) the
 * suite tests the Run's tenant: the one the harness started on a port it chose, never one already
 * listening somewhere. The deviation proof (API_TENANT_MODES) starts one tenant per mode on a free
 * port, as does a bare `npx playwright test`. The URLs go to the workers in API_TENANT_URLS.
 * Against a live tenant (TENANT_URL) it starts nothing.
 */
import { handedRun, runConfig } from '../lib/run.ts';
import { optionsFromConfig, parseDeviationList } from '../tenant/options.ts';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { defaultTenant, modesVariable, tenantModes, urlsVariable } from './support/tenants.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const run = handedRun();
  const config = run?.config ?? runConfig();
  if (config.target === 'live') return async () => {};
  const modes = process.env[modesVariable];
  if (!modes && run?.tenant.kind === 'embedded') {
    process.env[urlsVariable] = JSON.stringify({ [defaultTenant]: run.tenant.baseUrl });
    return async () => {};
  }
  const started: RunningTenant[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const mode of tenantModes(modes)) {
      const deviations = mode.deviations && parseDeviationList(mode.deviations.join(','), modesVariable);
      const host = config.embedded.host as '127.0.0.1' | 'localhost' | '::1';
      // the suite makes every session it uses; a proof tenant needs no seed data beyond a few
      const proof = deviations ? { deviations, seedSessions: 10 } : {};
      const tenant = await startTenant({ ...optionsFromConfig(config), host, ...proof });
      started.push(tenant);
      urls[mode.name] = tenant.url;
    }
  } catch (err) {
    await Promise.all(started.map((t) => t.close()));
    throw err;
  }
  process.env[urlsVariable] = JSON.stringify(urls);
  return async () => {
    await Promise.all(started.map((t) => t.close()));
  };
}
