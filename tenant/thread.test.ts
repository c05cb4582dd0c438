import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTenantThread } from './thread.ts';

test('the tenant on its own thread answers on a port of its own choosing, and stops @ENTITY-SHAPE', async () => {
  const tenant = await startTenantThread({ seedSessions: 60, deviations: ['no-links'] });
  try {
    assert.match(tenant.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${tenant.url}/api/v1/ChatSession/7`, { headers: { Authorization: 'Basic dGplMDpUamUw' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.ChatSessionId, 7);
    assert.equal('_Links' in body, false, 'the deviation given is on');
    const state = await fetch(`${tenant.url}/_admin/state`, { headers: { 'X-Admin-Token': tenant.adminToken } });
    assert.equal(((await state.json()) as { sessions: number }).sessions, 60);
  } finally {
    await tenant.close();
  }
  await assert.rejects(fetch(`${tenant.url}/api/v1/ChatSession/default`), 'closed after close()');
});

test('a tenant that cannot start rejects with its own error', async () => {
  const latency = { PUT: { kind: 'bogus' } } as never;
  await assert.rejects(startTenantThread({ latency }), /latency\.PUT\.kind must be "fixed", "uniform"/);
});
