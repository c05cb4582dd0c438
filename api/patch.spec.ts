/**
 * PATCH /api/v1/ChatSession/{id}: the four JSON Patch operations, case-insensitive paths, merge
 * patch, and the documented refusals (404, 409, 412), each of which must leave the entity as it was.
 */
import type { ApiResponse, Entity } from '../lib/client.ts';
import { mediaTypes } from '../lib/headers.ts';
import { blame, entityOf, errorBody, expect, expectValues, forEachTenant, observe, shape, test } from './fixtures.ts';
import type { Api } from './support/api.ts';
import type { Sessions } from './support/sessions.ts';

const missingId = 2_147_000_000;
const refusal = (status: number) => status >= 400 && status < 500;

/** A new session and the Last-Modified its GET answers with (undefined when the tenant sends none). */
async function newSessionWithLastModified(api: Api, sessions: Sessions) {
  const session = await sessions.create();
  return { session, lastModified: (await api.get(session.ChatSessionId)).headers['last-modified'] };
}

/** A refused patch: its status (where the pages document one), an error body, and the session as it was. */
async function refusedUnchanged(
  clause: string,
  reply: ApiResponse<unknown>,
  sessions: Sessions,
  session: Entity,
  documentedStatus?: number,
) {
  if (documentedStatus !== undefined)
    expect(reply.status, `status (body: ${reply.text.slice(0, 200)})`).toBe(documentedStatus);
  errorBody(clause, reply);
  expect(await sessions.read(session.ChatSessionId)).toEqual(session);
}

forEachTenant(() => {
  test.describe('PATCH /api/v1/ChatSession/{id}', () => {
    const operations = [
      {
        op: 'replace',
        doc: [{ op: 'replace', path: '/CustomerName', value: 'Replaced Name' }],
        expected: { CustomerName: 'Replaced Name' },
      },
      {
        op: 'add',
        doc: [{ op: 'add', path: '/CustomerPhone', value: '+47 99 99 99 99' }],
        expected: { CustomerPhone: '+47 99 99 99 99' },
      },
      { op: 'remove', doc: [{ op: 'remove', path: '/CustomerEmail' }], expected: { CustomerEmail: '' } },
      {
        op: 'test',
        doc: [
          { op: 'test', path: '/CustomerAlias', value: 'api-suite' },
          { op: 'replace', path: '/Rating', value: 5 },
        ],
        expected: { Rating: 5 },
      },
    ] as const;
    for (const { op, doc, expected } of operations) {
      test(`applies a JSON Patch "${op}": 200 with the updated entity @PATCH-OPS @PATCH-200 @CT-JSONPATCH`, async ({
        api,
        sessions,
      }) => {
        const session = await sessions.create();
        const body = entityOf(await api.patch(session.ChatSessionId, [...doc]));
        expectValues(body, { ...expected, ChatSessionId: session.ChatSessionId });
        expectValues(await sessions.read(session.ChatSessionId), expected);
      });
    }

    for (const path of ['/CustomerName', 'CustomerName', 'customername', '/customername', '/CUSTOMERNAME'] as const) {
      test(`treats the path "${path}" as CustomerName @PATCH-PATH`, async ({ api, sessions }) => {
        const session = await sessions.create();
        const body = entityOf(await api.patch(session.ChatSessionId, [{ op: 'replace', path, value: `via ${path}` }]));
        expectValues(body, { CustomerName: `via ${path}` });
      });
    }

    test('applies a merge patch, leaving other properties as they were @PATCH-MERGE @CT-MERGEPATCH @PATCH-200', async ({
      api,
      sessions,
    }) => {
      const session = await sessions.create();
      const body = entityOf(await api.patch(session.ChatSessionId, { CustomerName: 'Merged Name', Rating: 4 }));
      expectValues(body, {
        CustomerName: 'Merged Name',
        Rating: 4,
        CustomerEmail: session.CustomerEmail,
        CustomerPhone: session.CustomerPhone,
      });
    });

    test('stores each documented Flags value @ENTITY-FLAGS', async ({ api, sessions }) => {
      const session = await sessions.create();
      for (const flags of ['UserIsTyping', 'CustomerIsTyping']) {
        const reply = await api.patch(session.ChatSessionId, { Flags: flags });
        const body = blame('PATCH-200', () => entityOf(reply));
        expect(shape(body, ['Flags']).Flags, `Flags after a PATCH to ${flags}`).toBe(flags);
      }
    });

    for (const [kind, doc] of [
      ['JSON Patch', [{ op: 'replace', path: '/CustomerName', value: 'x' }]],
      ['merge patch', { CustomerName: 'x' }],
    ] as const) {
      test(`answers 404 to a ${kind} for an id that does not exist @PATCH-404`, async ({ api }) => {
        const reply = await api.patch(missingId, doc as never);
        expect(reply.status, `status (body: ${reply.text.slice(0, 200)})`).toBe(404);
        errorBody('PATCH-404', reply);
      });
    }

    test('answers 409 and changes nothing when a test operation conflicts @PATCH-409', async ({ api, sessions }) => {
      const session = await sessions.create();
      const doc = [
        { op: 'replace', path: '/CustomerName', value: 'must not be stored' },
        { op: 'test', path: '/CustomerAlias', value: 'not the alias' },
      ] as const;
      const reply = await api.patch(session.ChatSessionId, [...doc]);
      await refusedUnchanged('PATCH-409', reply, sessions, session, 409);
    });

    test('answers 412 and changes nothing when the entity changed after If-Unmodified-Since @PATCH-412', async ({
      api,
      sessions,
    }) => {
      const { session, lastModified } = await newSessionWithLastModified(api, sessions);
      observe({
        clause: 'PATCH-412',
        what: 'Last-Modified on GET',
        actual: lastModified ? 'an HTTP-date' : 'none',
        reference: 'an HTTP-date',
        kind: 'note',
      });
      // a date before the session was made: it has changed since, whether or not the tenant says when
      const before = lastModified ? new Date(Date.parse(lastModified) - 3_600_000) : new Date(Date.UTC(2000, 0, 1));
      const reply = await api.patch(
        session.ChatSessionId,
        { CustomerName: 'must not be stored' },
        { ifUnmodifiedSince: before },
      );
      await refusedUnchanged('PATCH-412', reply, sessions, session, 412);
    });

    test('applies the patch when the entity is unmodified since If-Unmodified-Since @PATCH-412 @PATCH-200', async ({
      api,
      sessions,
    }) => {
      const { session, lastModified } = await newSessionWithLastModified(api, sessions);
      test.skip(!lastModified, 'not run: the tenant sends no Last-Modified to condition on');
      const reply = await api.patch(
        session.ChatSessionId,
        { CustomerName: 'Conditional' },
        { ifUnmodifiedSince: lastModified },
      );
      expectValues(entityOf(reply), { CustomerName: 'Conditional' });
    });

    for (const op of ['move', 'copy'] as const) {
      test(`refuses "${op}" and changes nothing @PATCH-NOMOVE`, async ({ api, sessions }) => {
        const session = await sessions.create();
        const reply = await api.patch(session.ChatSessionId, [{ op, from: '/CustomerName', path: '/CustomerAlias' }]);
        expect(refusal(reply.status), `refused with a 4xx (got ${reply.status})`).toBe(true);
        observe({
          clause: 'PATCH-NOMOVE',
          what: `status for a "${op}" operation`,
          actual: reply.status,
          reference: 400,
        });
        await refusedUnchanged('PATCH-NOMOVE', reply, sessions, session);
      });
    }

    test('reads a JSON Patch sent as application/json @CT-JSON @PATCH-OPS', async ({ api, sessions }) => {
      const session = await sessions.create();
      const reply = await api.patch(
        session.ChatSessionId,
        [{ op: 'replace', path: '/CustomerName', value: 'Plain JSON' }],
        { contentType: mediaTypes.json },
      );
      expectValues(entityOf(reply), { CustomerName: 'Plain JSON' });
    });
  });
});
