import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handedRun, runEnvironment } from '../../lib/run.ts';
import { openRun, readConfig } from './run.ts';

test('a run is opened once, frozen, and handed to a child whole', async () => {
  const open = await openRun(readConfig({ env: {}, envFile: false }));
  try {
    const { run } = open;
    assert.equal(run.tenant.kind, 'embedded');
    assert.match(run.tenant.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(Object.isFrozen(run) && Object.isFrozen(run.config.load) && Object.isFrozen(run.tenant));
    const child = handedRun(runEnvironment(run));
    assert.deepEqual(child, JSON.parse(JSON.stringify(run)), 'the same run (undefined settings stay unset)');
    assert.ok(Object.isFrozen(child?.config.auth));
    const res = await fetch(`${run.tenant.baseUrl}/api/v1/ChatSession/default`, {
      headers: { Authorization: 'Basic dGplMDpUamUw' },
    });
    assert.equal(res.status, 200);
  } finally {
    await open.close();
  }
});

test('a live run is the configured URL, and nothing is started', async () => {
  const config = readConfig({
    env: { TENANT_URL: 'https://t.example', AUTH_SCHEME: 'bearer', SO_TOKEN: 'tok' },
    envFile: false,
  });
  const { run } = await openRun(config);
  assert.deepEqual(run.tenant, { kind: 'live', baseUrl: 'https://t.example' });
});

test('without a handed-down run there is none; a malformed one is an error', () => {
  assert.equal(handedRun({}), undefined);
  assert.throws(() => handedRun({ CHATSESSION_RUN: '{"x":1}' }), /does not hold a run/);
});
