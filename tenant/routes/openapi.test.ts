import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOpenApiDocument } from '../../schemas/openapi.ts';
import { call, useTenant } from '../test-support.ts';

const tenant = useTenant();

describe('GET /openapi.json', () => {
  test('serves the generated document without credentials, with this tenant as its server', async () => {
    const res = await call(tenant(), 'GET', '/openapi.json', { as: null, headers: { host: 'tenant.example:8080' } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const { servers, ...rest } = JSON.parse(res.body) as Record<string, unknown>;
    assert.deepEqual(servers, [{ url: 'http://tenant.example:8080' }]);
    const { servers: _template, ...expected } = buildOpenApiDocument();
    assert.deepEqual(rest, expected);
  });

  test('is not an API route: never counted, delayed or faulted', async () => {
    tenant().control.setFaults({ '*': { status503Fraction: 1, seed: 1 } });
    try {
      assert.equal((await call(tenant(), 'GET', '/openapi.json', { as: null })).statusCode, 200);
    } finally {
      tenant().control.setFaults({});
    }
  });
});
