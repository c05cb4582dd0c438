/**
 * The tenant a verification runs against: a live one when TENANT_URL is set (config.target
 * `live`), otherwise the embedded tenant, started on a free port and stopped afterwards.
 */
import type { Config } from '../lib/config.ts';
import { startTenant } from '../tenant/start.ts';
import type { VerifyTarget } from './verify.ts';

/** Runs `fn` with the tenant under test, starting and stopping the embedded one as needed. */
export async function withTarget<T>(config: Config, fn: (target: VerifyTarget) => Promise<T>): Promise<T> {
  if (config.target === 'live') {
    if (!config.tenantUrl) throw new Error('TENANT_URL is not set');
    return fn({ kind: 'live', baseUrl: config.tenantUrl });
  }
  const tenant = await startTenant();
  try {
    return await fn({ kind: 'embedded', baseUrl: tenant.url, adminToken: tenant.adminToken });
  } finally {
    await tenant.close();
  }
}

/** Switches the embedded tenant's deviation modes (and resets its data) through the admin API. */
export async function setDeviations(
  target: Extract<VerifyTarget, { kind: 'embedded' }>,
  deviations: readonly string[],
): Promise<void> {
  const headers = { 'X-Admin-Token': target.adminToken, 'Content-Type': 'application/json' };
  const reset = await fetch(`${target.baseUrl}/_admin/reset`, { method: 'POST', headers, body: '{}' });
  const set = await fetch(`${target.baseUrl}/_admin/deviations`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ deviations }),
  });
  if (!reset.ok || !set.ok)
    throw new Error(
      `the embedded tenant refused the deviations ${deviations.join(', ') || '(none)'}: ${set.status} ${await set.text()}`,
    );
}
