import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readConfig, type Run } from '../../lib/run.ts';
import { checkTenant, tenantStatusUrl } from './preflight.ts';
import { openRun } from './run.ts';

const live = (url: string): Run => ({
  config: readConfig({ env: { TENANT_URL: url, AUTH_SCHEME: 'bearer', SO_TOKEN: 'secret-token' }, envFile: false }),
  tenant: { kind: 'live', baseUrl: url },
});

async function fakeTenant(status: number): Promise<{ url: string; close: () => void }> {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('checkTenant (stage "tenant up")', () => {
  test("the run's embedded tenant accepts the seed user", async () => {
    const open = await openRun(
      readConfig({ env: { REPORTS_DIR: mkdtempSync(join(tmpdir(), 'pre-')) }, envFile: false }),
    );
    try {
      const result = await checkTenant(open.run);
      assert.equal(result.ok, true, result.detail);
    } finally {
      await open.close();
    }
  });

  test('an unreachable tenant is named with what to do', async () => {
    const closed = await fakeTenant(200);
    closed.close(); // a port nobody listens on any more
    const result = await checkTenant(live(closed.url));
    assert.equal(result.ok, false);
    assert.match(result.detail, /^127\.0\.0\.1:\d+ is unreachable: ECONNREFUSED/);
    assert.match(result.hint ?? '', /check TENANT_URL/);
  });

  for (const status of [401, 403] as const) {
    test(`credentials refused with ${status} says so, without the secret`, async () => {
      const tenant = await fakeTenant(status);
      try {
        const result = await checkTenant(live(tenant.url));
        assert.equal(result.ok, false);
        assert.match(result.detail, new RegExp(`refused the credentials \\(${status}\\) for AUTH_SCHEME=bearer`));
        assert.doesNotMatch(JSON.stringify(result), /secret-token/);
      } finally {
        tenant.close();
      }
    });
  }

  test('a 5xx tenant cannot be verified', async () => {
    const tenant = await fakeTenant(503);
    try {
      assert.match((await checkTenant(live(tenant.url))).detail, /answered 503/);
    } finally {
      tenant.close();
    }
  });
});

describe('tenantStatusUrl', () => {
  test('is the state endpoint for an Online tenant URL', () => {
    assert.equal(
      tenantStatusUrl('https://sod.superoffice.com/Cust12345'),
      'https://sod.superoffice.com/api/state/Cust12345',
    );
    assert.equal(
      tenantStatusUrl('https://online.superoffice.com/Cust9/'),
      'https://online.superoffice.com/api/state/Cust9',
    );
  });

  test('is undefined for an onsite installation', () => {
    assert.equal(tenantStatusUrl('https://crm.example.com/SuperOffice'), undefined);
  });
});
