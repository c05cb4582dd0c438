/**
 * Playwright global setup for the embedded target: starts the embedded tenant (one per mode in the
 * deviation proof, support/tenants.ts) on a free port, publishes the URLs to the workers
 * (API_TENANT_URLS) and stops them at the end. Against a live tenant (TENANT_URL) it starts nothing.
 */
import { loadConfig } from '../lib/config.ts';
import { parseDeviationList } from '../tenant/options.ts';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { modesVariable, tenantModes, urlsVariable } from './support/tenants.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const config = loadConfig();
  if (config.target === 'live') return async () => {};
  const started: RunningTenant[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const mode of tenantModes(process.env[modesVariable])) {
      const deviations = mode.deviations && parseDeviationList(mode.deviations.join(','), modesVariable);
      const host = config.embedded.host as '127.0.0.1' | 'localhost' | '::1';
      // the suite makes every session it uses; a proof tenant needs no seed data beyond a few
      const proof = deviations ? { deviations, seedSessions: 10 } : {};
      const tenant = await startTenant({ host, ...proof });
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
