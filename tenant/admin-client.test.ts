import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminClient } from './admin-client.ts';
import { startTenant } from './start.ts';

test('the admin client drives the tenant as TenantControl does, and names a refused call @ENTITY-SHAPE', async () => {
  const tenant = await startTenant({ seedSessions: 60 });
  try {
    const admin = adminClient(tenant.url, tenant.adminToken);
    const made = await admin.createSession({ CustomerName: 'From the admin client', owner: 'ola' });
    assert.equal((await admin.getSession(made.ChatSessionId))?.CustomerName, 'From the admin client');
    assert.equal(await admin.getSession(9999), undefined);
    await admin.setDeviations(['no-links']);
    await admin.setLatency({ PUT: { kind: 'fixed', ms: 1 } });
    await admin.setFaults({ PUT: { status503Fraction: 0.5 } });
    const state = await admin.state();
    assert.deepEqual(state.deviations, ['no-links']);
    assert.equal(state.sessions, 61);
    assert.equal((await admin.counters()).PUT.requests, 0);
    assert.equal((await admin.reset()).sessions, 60);
    await assert.rejects(admin.setDeviations(['no-such-mode']), /PUT \/_admin\/deviations answered 400/);
    await assert.rejects(adminClient(tenant.url, 'wrong-token').state(), /answered 401/);
  } finally {
    await tenant.close();
  }
});
