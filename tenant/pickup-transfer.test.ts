import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { body, call, PICKUP, session, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
  test(
    'assigns an InQueue session to the caller ' + 'and returns a ChatSessionEntity without _Links @PICK-200',
    async () => {
      const res = await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 120 }, as: 'kari' });
      assert.equal(res.statusCode, 200);
      const entity = body(res);
      assert.deepEqual(validate('ChatSessionEntity', entity).errors, []);
      assert.equal('_Links' in entity, false);
      assert.deepEqual([(entity.User as { UserName: string }).UserName, entity.Status], ['kari', 'UserLast']);
      assert.equal(tenant().control.getSession(120)?.User?.AssociateId, 7);
    },
  );

  test('sets WhenStarted and records the welcome message as LastMessage @PICK-WELCOME', async () => {
    const entity = body(await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 121 } }));
    assert.equal(entity.LastMessage, 'Hi, this is Tje Zero. How can I help you?');
    assert.ok(Math.abs(Date.parse(`${String(entity.WhenStarted)}Z`) - Date.now()) < 60_000);
  });

  for (const [what, id] of [
    ['owned by someone (UserLast)', 1],
    ['closed', 300],
    ['picked up already', 122],
    ['unknown', 66666],
  ] as const) {
    test(`returns 200 with null and changes nothing when the session is ${what} @PICK-NULL`, async () => {
      if (id === 122) await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 122 }, as: 'ola' });
      const before = tenant().control.getSession(id);
      const res = await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: id } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, 'null');
      assert.deepEqual(tenant().control.getSession(id), before);
    });
  }

  for (const bad of [{}, { ChatSessionId: 'x' }, { ChatSessionId: 2147483648 }, [1]]) {
    test(`answers 400 for the request body ${JSON.stringify(bad)} @PICK-200`, async () => {
      const res = await call(tenant(), 'POST', PICKUP, { body: bad });
      assert.equal(res.statusCode, 400);
      assert.ok(validate('ErrorBody', body(res)).ok);
    });
  }
});

describe('POST /api/v1/ChatSession/{id}/TransferTo/{toAssociate}', () => {
  const transferTo = (id: number, to: string | number, as: 'tje0' | 'ola' = 'tje0') =>
    call(tenant(), 'POST', `${session(id)}/TransferTo/${to}`, { as });

  test("sets TransferTo on the caller's own session and returns 200 with the entity @XFER-200", async () => {
    const res = await transferTo(50, 'ola');
    assert.equal(res.statusCode, 200);
    const entity = body(res);
    assert.deepEqual(validate('ChatSessionEntity', entity).errors, []);
    assert.equal('_Links' in entity, false);
    assert.equal((entity.TransferTo as { AssociateId: number }).AssociateId, 6);
    assert.equal(tenant().control.getSession(50)?.TransferTo?.UserName, 'ola');
  });

  for (const target of ['kari', 'KARI', '7']) {
    test(`takes the associate "${target}" by user name or id @XFER-TARGET`, async () => {
      const res = await transferTo(51, target);
      assert.equal(body<{ TransferTo: { UserName: string } }>(res).TransferTo.UserName, 'kari');
    });
  }

  test(
    'does nothing and answers 200 with the entity unchanged ' + 'when the caller does not own it @XFER-NOTOWNER',
    async () => {
      const before = tenant().control.getSession(52);
      const res = await transferTo(52, 'kari', 'ola');
      assert.equal(res.statusCode, 200);
      assert.equal(body(res).TransferTo, null);
      assert.deepEqual(tenant().control.getSession(52), before);
    },
  );

  test('answers 404 for an unknown session and 400 for an unknown associate @XFER-TARGET', async () => {
    assert.equal((await transferTo(55555, 'ola')).statusCode, 404);
    assert.equal((await transferTo(53, 'nobody')).statusCode, 400);
    assert.equal(tenant().control.getSession(53)?.TransferTo, null);
  });
});
