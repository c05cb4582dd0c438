/**
 * Tenant bugs Schemathesis (scripts/schemathesis/) found against the OpenAPI document, each kept
 * as a test that failed before its fix.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Tenant } from './app.ts';
import { call, newTenant, session } from './test-support.ts';

let tenant: Tenant;
before(async () => {
  tenant = await newTenant();
});
after(() => tenant.close());

describe('PUT /api/v1/ChatSession/{id} @CT-XML', () => {
  for (const type of ['application/xml', 'text/xml'])
    test(`an empty <ChatSessionEntity/> in ${type} changes nothing and answers 200, as {} in JSON does`, async () => {
      const before = tenant.control.getSession(5);
      const res = await call(tenant, 'PUT', session(5), {
        body: '<ChatSessionEntity></ChatSessionEntity>',
        contentType: type,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(tenant.control.getSession(5), before);
    });
});
