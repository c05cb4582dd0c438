/**
 * Tenant bugs Schemathesis (scripts/schemathesis/) found against the OpenAPI document, each kept
 * as a test that failed before its fix.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { basic, body, call, PICKUP, session, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('a method a known path does not serve', () => {
  for (const [method, url, allow] of [
    ['OPTIONS', PICKUP, 'POST'],
    ['DELETE', PICKUP, 'POST'],
    ['POST', session(3), 'DELETE, GET, HEAD, PATCH, PUT'],
  ] as const) {
    test(`${method} ${url} answers 405 with Allow: ${allow}, not 404`, async () => {
      const res = await call(tenant(), method, url);
      assert.equal(res.statusCode, 405);
      assert.equal(res.headers.allow, allow);
      assert.equal(body(res).Error, true);
    });
  }

  test(
    'a body-less QUERY on TransferTo answers 405, ' + 'not the 400 Fastify gives QUERY without Content-Type',
    async () => {
      const res = await tenant().inject({
        method: 'QUERY',
        url: '/api/v1/ChatSession/3/TransferTo/ola',
        headers: basic('tje0'),
      });
      assert.equal(res.statusCode, 405);
      assert.equal(res.headers.allow, 'POST');
    },
  );

  test('an unknown path still answers 404', async () => {
    assert.equal((await call(tenant(), 'GET', '/api/v1/NoSuchThing')).statusCode, 404);
  });
});

describe('PUT /api/v1/ChatSession/{id} @CT-XML', () => {
  for (const type of ['application/xml', 'text/xml'])
    test(`an empty <ChatSessionEntity/> in ${type} changes nothing and answers 200, as {} in JSON does`, async () => {
      const before = tenant().control.getSession(5);
      const res = await call(tenant(), 'PUT', session(5), {
        body: '<ChatSessionEntity></ChatSessionEntity>',
        contentType: type,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(tenant().control.getSession(5), before);
    });
});

describe('PUT /api/v1/ChatSession/{id} @CT-FORM', () => {
  test('a carrier number written with an exponent (Sale[Amount]=4.6e+16) is read as that number', async () => {
    const form = 'Sale[SaleId]=7&Sale[Amount]=4.605507523399282e%2B16';
    const res = await call(tenant(), 'PUT', session(7), {
      body: form,
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(tenant().control.getSession(7)?.Sale?.Amount, 4.605507523399282e16);
  });
});
