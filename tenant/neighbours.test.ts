import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { body, call, session, useTenant } from './test-support.ts';

const tenant = useTenant();
const agents = (method: string) => `/api/v1/Agents/Chat/${method}`;

describe('neighbouring REST routes', () => {
  test('GET /{id} returns 200 with ChatSessionEntityWithLinks, or 404 @ENTITY-LINKS', async () => {
    const res = await call(tenant(), 'GET', session(5));
    assert.deepEqual(validate('ChatSessionEntityWithLinks', body(res)).errors, []);
    assert.equal((await call(tenant(), 'GET', session(54321))).statusCode, 404);
  });

  test('GET /default returns a blank entity without _Links @ENTITY-SHAPE', async () => {
    const entity = body(await call(tenant(), 'GET', '/api/v1/ChatSession/default'));
    assert.deepEqual(validate('ChatSessionEntity', entity).errors, []);
    assert.deepEqual([entity.ChatSessionId, '_Links' in entity], [0, false]);
  });

  test('POST creates with a new id and answers 200 @ENTITY-LINKS', async () => {
    const res = await call(tenant(), 'POST', '/api/v1/ChatSession', {
      body: { Status: 'InQueue', CustomerName: 'New' },
    });
    assert.equal(res.statusCode, 200);
    const entity = body(res);
    assert.deepEqual(validate('ChatSessionEntityWithLinks', entity).errors, []);
    assert.equal(tenant().control.getSession(entity.ChatSessionId as number)?.CustomerName, 'New');
  });

  test('DELETE answers 204, then 404 @ENTITY-SHAPE', async () => {
    assert.equal((await call(tenant(), 'DELETE', session(399))).statusCode, 204);
    assert.equal(tenant().control.getSession(399), undefined);
    assert.equal((await call(tenant(), 'DELETE', session(399))).statusCode, 404);
  });

  test('paths are case-insensitive as on the real API @ENTITY-SHAPE', async () => {
    assert.equal((await call(tenant(), 'GET', '/API/V1/chatsession/6')).statusCode, 200);
  });
});

describe('POST /api/v1/Agents/Chat/<Method>', () => {
  test('GetChatSessionEntity returns the entity, or 200 null for an unknown id @ENTITY-SHAPE', async () => {
    const res = await call(tenant(), 'POST', `${agents('GetChatSessionEntity')}?chatSessionEntityId=7`);
    assert.deepEqual(validate('ChatSessionEntity', body(res)).errors, []);
    const none = await call(tenant(), 'POST', `${agents('GetChatSessionEntity')}?chatSessionEntityId=44444`);
    assert.deepEqual([none.statusCode, none.body], [200, 'null']);
  });

  test('SaveChatSessionEntity creates for id 0, replaces an existing one, null for unknown @PUT-200', async () => {
    const created = body(
      await call(tenant(), 'POST', agents('SaveChatSessionEntity'), {
        body: { ChatSessionId: 0, CustomerName: 'Agent made' },
      }),
    );
    assert.ok((created.ChatSessionId as number) > 500);
    const saved = body(
      await call(tenant(), 'POST', agents('SaveChatSessionEntity'), {
        body: { ChatSessionId: 8, CustomerName: 'Agent saved' },
      }),
    );
    assert.equal(saved.CustomerName, 'Agent saved');
    assert.equal(
      (await call(tenant(), 'POST', agents('SaveChatSessionEntity'), { body: { ChatSessionId: 43210 } })).body,
      'null',
    );
  });

  test('TransferChatSession takes {ChatSessionId, ToAssociate}, null for unknown @XFER-200', async () => {
    const res = await call(tenant(), 'POST', agents('TransferChatSession'), {
      body: { ChatSessionId: 60, ToAssociate: 'ola' },
    });
    assert.equal(body<{ TransferTo: { UserName: string } }>(res).TransferTo.UserName, 'ola');
    assert.equal(
      (
        await call(tenant(), 'POST', agents('TransferChatSession'), {
          body: { ChatSessionId: 43210, ToAssociate: 'ola' },
        })
      ).body,
      'null',
    );
  });

  test('CreateDefaultChatSessionEntity and DeleteChatSessionEntity work @ENTITY-SHAPE', async () => {
    assert.equal(body(await call(tenant(), 'POST', agents('CreateDefaultChatSessionEntity'))).ChatSessionId, 0);
    assert.equal(
      (await call(tenant(), 'POST', `${agents('DeleteChatSessionEntity')}?ChatSessionEntityId=398`)).statusCode,
      204,
    );
    assert.equal(tenant().control.getSession(398), undefined);
  });
});
