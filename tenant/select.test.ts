import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate, validateSelected } from '../schemas/index.ts';
import { body, call, PICKUP, session, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('$select on PUT, PATCH and PickUp', () => {
  test('keeps the named properties and nulls out every other one, scalars too @SELECT-FIELDS', async () => {
    const res = await call(tenant(), 'PUT', `${session(40)}?$select=CustomerName,Rating`, { body: { Rating: 2 } });
    const entity = body(res);
    assert.deepEqual(validateSelected('ChatSessionEntityWithLinks', ['CustomerName', 'Rating'], entity).errors, []);
    assert.deepEqual([entity.CustomerName, entity.Rating], ['Customer 40', 2]);
    for (const [k, v] of Object.entries(entity)) if (k !== 'CustomerName' && k !== 'Rating') assert.equal(v, null, k);
  });

  test('shows every property without $select @SELECT-FIELDS', async () => {
    const res = await call(tenant(), 'PUT', session(41), { body: { Rating: 2 } });
    assert.deepEqual(validate('ChatSessionEntityWithLinks', body(res)).errors, []);
  });

  test('matches names case-insensitively @SELECT-CASE', async () => {
    const res = await call(tenant(), 'PATCH', `${session(42)}?$select=customername,STATUS`, {
      body: { Rating: 1 },
      contentType: 'application/merge-patch+json',
    });
    const entity = body(res);
    assert.deepEqual([entity.CustomerName, entity.Status, entity.Rating], ['Customer 42', 'CustomerLast', null]);
    assert.ok(validateSelected('ChatSessionEntityWithLinks', ['customername', 'STATUS'], entity).ok);
  });

  test('accepts nested paths, keeping only those carrier properties @SELECT-NESTED', async () => {
    const res = await call(tenant(), 'POST', `${PICKUP}?$select=User/AssociateId,user/username,ChatSessionId`, {
      body: { ChatSessionId: 110 },
    });
    const entity = body<{ User: Record<string, unknown>; CustomerName: unknown }>(res);
    assert.deepEqual(
      [entity.User.AssociateId, entity.User.UserName, entity.User.FullName, entity.CustomerName],
      [5, 'tje0', null, null],
    );
    assert.deepEqual(validateSelected('ChatSessionEntity', ['User/AssociateId', 'ChatSessionId'], entity).errors, []);
  });

  test('ignores names that are not properties @SELECT-FIELDS', async () => {
    const res = await call(tenant(), 'PUT', `${session(43)}?$select=name,department,category/id`, {
      body: { Rating: 2 },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(body(res).CustomerName, null);
  });

  test('applies to XML responses as well @SELECT-FIELDS', async () => {
    const res = await call(tenant(), 'PUT', `${session(44)}?$select=Rating`, {
      body: { Rating: 6 },
      headers: { accept: 'text/xml' },
    });
    const entity = body(res, 'ChatSessionEntityWithLinks');
    assert.deepEqual([entity.Rating, entity.CustomerName], [6, null]);
  });
});
