/**
 * What PUT, PickUp and TransferTo do: PUT stores, refuses a missing body and a bad id, and what it
 * does with an unknown id or a stale If-Unmodified-Since (the pages are silent: observed); PickUp
 * assigns a queued session or answers null; TransferTo names the new associate, and does nothing
 * when the caller does not own the session.
 */
import { rawSchema } from '../schemas/index.ts';
import {
  blame,
  config,
  entityOf,
  errorBody,
  expect,
  expectValues,
  forEachTenant,
  myAssociateId,
  observe,
  shape,
  test,
} from './fixtures.ts';
import { secondUserReason } from '../lib/auth.ts';
import type { Entity } from '../lib/client.ts';
import { putBody } from './support/routes.ts';
import { transferTarget } from './support/users.ts';

const statuses = (rawSchema('common.json#/definitions/ChatSessionStatus').enum as string[]).filter(
  (s) => s !== 'Deleted',
);
const missingId = 2_147_000_000;
const refusal = (status: number) => status >= 400 && status < 500;

forEachTenant(() => {
  test.describe('PUT /api/v1/ChatSession/{id}', () => {
    test('updates the session and returns 200 with the saved values @PUT-200', async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      const body = entityOf(await api.put(session.ChatSessionId, putBody(session, { CustomerName: 'Stored by PUT' })));
      expectValues(body, { ChatSessionId: session.ChatSessionId, CustomerName: 'Stored by PUT' });
      expectValues(await sessions.read(session.ChatSessionId), { CustomerName: 'Stored by PUT' });
    });

    test('stores and returns every documented Status @ENTITY-STATUS @PUT-200', async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      for (const Status of statuses) {
        const reply = await api.put(session.ChatSessionId, putBody(session, { Status: Status as Entity['Status'] }));
        const body = blame('PUT-200', () => entityOf(reply));
        expect(shape(body, ['Status']).Status, `Status after a PUT of ${Status}`).toBe(Status);
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
        expect(reply.status, `status (body: ${reply.text.slice(0, 200)})`).toBe(400);
        errorBody('PUT-400', reply);
        expect(await sessions.read(session.ChatSessionId)).toEqual(session);
      });
    }

    for (const id of ['abc', '1.5'] as const) {
      test(`refuses the non-integer id "${id}" and changes nothing @PUT-ID`, async ({ api, sessions }) => {
        const session = await sessions.create({ owner: 'me' });
        const reply = await api.put(id, putBody(session));
        expect(refusal(reply.status), `refused with a 4xx (got ${reply.status})`).toBe(true);
        observe({
          clause: 'PUT-ID',
          what: `status for the non-integer id "${id}"`,
          actual: reply.status,
          reference: 400,
        });
        expect(await sessions.read(session.ChatSessionId)).toEqual(session);
      });
    }

    test('refuses an id that does not exist and creates nothing @PUT-404', async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      const reply = await api.put(missingId, { ...putBody(session), ChatSessionId: missingId });
      observe({
        clause: 'PUT-404',
        what: 'PUT to an id that does not exist',
        actual: reply.status,
        reference: 'refused (4xx)',
        agrees: refusal,
      });
      observe({
        clause: 'PUT-404',
        what: 'status for an id that does not exist',
        actual: reply.status,
        reference: 404,
        kind: 'note',
      });
      const after = await api.get(missingId);
      observe({ clause: 'PUT-404', what: 'GET of that id afterwards', actual: after.status, reference: 404 });
    });

    test('answers a stale If-Unmodified-Since as it stores: 412 and unchanged, or 200 and saved @PUT-200', async ({
      api,
      sessions,
    }) => {
      const session = await sessions.create({ owner: 'me' });
      const reply = await api.put(session.ChatSessionId, putBody(session, { CustomerName: 'Stale save' }), {
        ifUnmodifiedSince: new Date(Date.UTC(2000, 0, 1)),
      });
      observe({
        clause: 'PUT-200',
        what: 'status for a PUT with an If-Unmodified-Since before the last change',
        actual: reply.status,
        reference: 412,
        kind: 'note',
      });
      expect([200, 412], `status (body: ${reply.text.slice(0, 200)})`).toContain(reply.status);
      const stored = shape(await sessions.read(session.ChatSessionId), ['CustomerName']).CustomerName;
      expect(stored, `CustomerName after a ${reply.status}`).toBe(
        reply.status === 200 ? 'Stale save' : session.CustomerName,
      );
    });
  });

  test.describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
    test('assigns a queued session to the caller and answers with the entity, without _Links @PICK-200', async ({
      api,
      sessions,
    }) => {
      const session = await sessions.create({ owner: 'nobody', values: { Status: 'InQueue' } });
      const body = shape(entityOf(await api.pickUp(session.ChatSessionId)), ['User']) as unknown as Entity;
      expect(body).not.toHaveProperty('_Links');
      expect(body.User?.AssociateId, 'User after PickUp').toEqual(myAssociateId ?? expect.any(Number));
      expect((await sessions.read(session.ChatSessionId)).User?.AssociateId).toBe(body.User?.AssociateId);
    });

    test('sends the welcome message to the customer @PICK-WELCOME', async ({ api, sessions }) => {
      const session = await sessions.create({
        owner: 'nobody',
        values: { Status: 'InQueue', LastMessage: 'Anyone there?' },
      });
      const reply = await api.pickUp(session.ChatSessionId);
      const last = shape(
        blame('PICK-200', () => entityOf(reply)),
        ['LastMessage'],
      ).LastMessage as string;
      // Only the reference tenant's way of showing it is observable: the welcome text becomes LastMessage.
      observe({
        clause: 'PICK-WELCOME',
        what: 'LastMessage after PickUp',
        actual: last,
        reference: 'the welcome message, no longer the customer\'s "Anyone there?"',
        agrees: (text) => text !== 'Anyone there?' && text.trim().length > 0,
      });
    });

    for (const Status of ['UserLast', 'CustomerLast', 'Closed'] as const) {
      test(`answers 200 with null and changes nothing when the session is ${Status}, not queued @PICK-NULL`, async ({
        api,
        sessions,
      }) => {
        const session = await sessions.create({ owner: 'nobody', values: { Status } });
        const reply = await api.pickUp(session.ChatSessionId);
        expect(reply.status).toBe(200);
        // null in whatever form the answer takes (JSON `null`, an XML nil); its Content-Type is ACCEPT-JSON's concern
        expect(reply.body, `body: ${JSON.stringify(reply.text.slice(0, 200))}`).toBeNull();
        observe({
          clause: 'PICK-NULL',
          what: 'how the null answer is framed',
          actual: reply.headers['content-length'] ? `Content-Length: ${reply.headers['content-length']}` : 'chunked',
          reference: 'Content-Length: 4',
          kind: 'note',
        });
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
        const body = shape(entityOf(await api.transferTo(session.ChatSessionId, value ?? '')), ['TransferTo']);
        const expected =
          target?.associateId !== undefined ? { AssociateId: target.associateId } : { AssociateId: expect.any(Number) };
        expect(body.TransferTo, 'TransferTo').toMatchObject(expected);
        expect((await sessions.read(session.ChatSessionId)).TransferTo).toMatchObject(expected);
      });
    }

    test('does nothing when the session belongs to another user @XFER-NOTOWNER', async ({ secondApi, sessions }) => {
      test.skip(!secondApi, secondUserReason(config.auth.scheme));
      const session = await sessions.create({ owner: 'me' });
      const reply = await secondApi!.transferTo(session.ChatSessionId, target?.username ?? target?.associateId ?? '');
      expect(shape(entityOf(reply), ['TransferTo']).TransferTo, 'TransferTo in the answer').toBeNull();
      expect(await sessions.read(session.ChatSessionId)).toEqual(session);
    });

    test('transfers to no one when the associate does not exist @XFER-TARGET', async ({ api, sessions }) => {
      const session = await sessions.create({ owner: 'me' });
      const reply = await api.transferTo(session.ChatSessionId, 'no-such-associate-4711');
      observe({
        clause: 'XFER-TARGET',
        what: 'status for a toAssociate that names no associate',
        actual: reply.status,
        reference: 400,
        kind: 'note',
      });
      expect(reply.status === 200 || refusal(reply.status), `answered (got ${reply.status})`).toBe(true);
      expect(await sessions.read(session.ChatSessionId)).toEqual(session);
    });
  });
});
