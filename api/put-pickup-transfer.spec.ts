/**
 * What PUT, PickUp and TransferTo do: PUT stores and answers with links, refuses a missing body,
 * a bad id and an unknown id; PickUp assigns a queued session or answers null; TransferTo names
 * the new associate, and does nothing when the caller does not own the session.
 */
import { rawSchema } from '../schemas/index.ts';
import { config, expect, expectEntity, expectError, myAssociateId, test } from './fixtures.ts';
import type { Entity } from './support/api.ts';
import { putBody } from './support/routes.ts';
import { transferTarget } from './support/users.ts';

const statuses = (rawSchema('common.json#/definitions/ChatSessionStatus').enum as string[]).filter(
  (s) => s !== 'Deleted',
);

test.describe('PUT /api/v1/ChatSession/{id}', () => {
  test('updates the session and returns 200 with TableRight, FieldProperties and _Links @PUT-200 @ENTITY-SHAPE @ENTITY-LINKS', async ({
    api,
    sessions,
  }) => {
    const session = await sessions.create({ owner: 'me' });
    const body = expectEntity(
      await api.put(session.ChatSessionId, putBody(session, { CustomerName: 'Stored by PUT' })),
      'ChatSessionEntityWithLinks',
    );
    expect(body).toMatchObject({
      ChatSessionId: session.ChatSessionId,
      CustomerName: 'Stored by PUT',
      CustomerEmail: session.CustomerEmail,
    });
    expect(body.TableRight, 'TableRight').toMatchObject({ Mask: expect.any(String) });
    expect(Object.keys(body.FieldProperties ?? {}).length, 'FieldProperties entries').toBeGreaterThan(0);
    const links = (body as Entity & { _Links?: Record<string, string> | null })._Links;
    expect(
      Object.values(links ?? {}).some((url) => /^https?:\/\/.+\/ChatSession\/\d+$/i.test(url)),
      `_Links: ${JSON.stringify(links)}`,
    ).toBe(true);
    expect(await sessions.read(session.ChatSessionId)).toMatchObject({ CustomerName: 'Stored by PUT' });
  });

  test('stores and returns every documented Status @ENTITY-STATUS @PUT-200', async ({ api, sessions }) => {
    const session = await sessions.create({ owner: 'me' });
    for (const Status of statuses) {
      const body = expectEntity(
        await api.put(session.ChatSessionId, putBody(session, { Status: Status as Entity['Status'] })),
        'ChatSessionEntityWithLinks',
      );
      expect(body.Status).toBe(Status);
    }
  });

  for (const [name, call] of [
    ['no body at all', {}],
    ['an empty JSON body', { contentType: 'application/json' }],
  ] as const) {
    test(`answers 400 and changes nothing when the request has ${name} @PUT-400`, async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      const reply =
        name === 'no body at all'
          ? await api.put(session.ChatSessionId, undefined, call)
          : await api.send('PUT', `/api/v1/ChatSession/${session.ChatSessionId}`, '', call, undefined);
      expectError(reply, 400);
      expect(await sessions.read(session.ChatSessionId)).toEqual(session);
    });
  }

  for (const id of ['abc', '1.5'] as const) {
    test(`refuses the non-integer id "${id}" with 400 @PUT-ID`, async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      expectError(await api.put(id, putBody(session)), 400);
    });
  }

  test('answers 404 for an id that does not exist @PUT-404', async ({ api, sessions }) => {
    const session = await sessions.create({ owner: 'me' });
    expectError(await api.put(2_147_000_000, { ...putBody(session), ChatSessionId: 2_147_000_000 }), 404);
  });
});

test.describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
  test('assigns a queued session to the caller and answers with the entity, without _Links @PICK-200 @ENTITY-SHAPE', async ({
    api,
    sessions,
  }) => {
    const session = await sessions.create({ owner: 'nobody', values: { Status: 'InQueue' } });
    const body = expectEntity(await api.pickUp(session.ChatSessionId), 'ChatSessionEntity');
    expect(body).not.toHaveProperty('_Links');
    expect(body.User?.AssociateId, 'User after PickUp').toEqual(myAssociateId ?? expect.any(Number));
    expect((await sessions.read(session.ChatSessionId)).User?.AssociateId).toBe(body.User?.AssociateId);
  });

  test('sends the welcome message to the customer @PICK-WELCOME', async ({ api, sessions }) => {
    const session = await sessions.create({
      owner: 'nobody',
      values: { Status: 'InQueue', LastMessage: 'Anyone there?' },
    });
    const body = expectEntity(await api.pickUp(session.ChatSessionId), 'ChatSessionEntity');
    expect(body.LastMessage, 'LastMessage after PickUp').not.toBe('Anyone there?');
    expect(body.LastMessage.trim().length).toBeGreaterThan(0);
  });

  for (const Status of ['UserLast', 'CustomerLast', 'Closed'] as const) {
    test(`answers 200 with null and changes nothing when the session is ${Status}, not queued @PICK-NULL`, async ({
      api,
      sessions,
    }) => {
      const session = await sessions.create({ owner: 'nobody', values: { Status } });
      const reply = await api.pickUp(session.ChatSessionId);
      expect(reply.status).toBe(200);
      expect(reply.text.trim()).toBe('null');
      expect(await sessions.read(session.ChatSessionId)).toEqual(session);
    });
  }
});

test.describe('POST /api/v1/ChatSession/{chatSessionId}/TransferTo/{toAssociate}', () => {
  const target = transferTarget(config);
  test.skip(!target, 'set TRANSFER_TO_ASSOCIATE to an associate the live tenant may transfer sessions to');

  const forms = [
    { form: 'username', value: target?.username },
    { form: 'associate id', value: target?.associateId },
  ] as const;
  for (const { form, value } of forms) {
    test(`asks to send the session to an associate named by ${form} @XFER-200 @XFER-TARGET`, async ({
      api,
      sessions,
    }) => {
      test.skip(value === undefined, `TRANSFER_TO_ASSOCIATE does not give the associate's ${form}`);
      const session = await sessions.create({ owner: 'me' });
      const body = expectEntity(await api.transferTo(session.ChatSessionId, value ?? ''), 'ChatSessionEntity');
      const expected =
        target?.associateId !== undefined ? { AssociateId: target.associateId } : { AssociateId: expect.any(Number) };
      expect(body.TransferTo, 'TransferTo').toMatchObject(expected);
      expect((await sessions.read(session.ChatSessionId)).TransferTo).toMatchObject(expected);
    });
  }

  test('does nothing when the session belongs to another user @XFER-NOTOWNER', async ({ secondApi, sessions }) => {
    test.skip(!secondApi, 'needs a second user: set SECOND_USERNAME/SECOND_PASSWORD (or SECOND_TICKET / SECOND_TOKEN)');
    const session = await sessions.create({ owner: 'me' });
    const reply = await secondApi!.transferTo(session.ChatSessionId, target?.username ?? target?.associateId ?? '');
    const body = expectEntity(reply, 'ChatSessionEntity');
    expect(body.TransferTo, 'TransferTo in the answer').toBeNull();
    expect(await sessions.read(session.ChatSessionId)).toEqual(session);
  });
});
