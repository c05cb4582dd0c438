/**
 * Content negotiation: XML answers that carry the same entity as the JSON answer, XML, text/json
 * and form request bodies, and the JSON-family media types in Accept.
 */
import { mediaTypes } from '../lib/headers.ts';
import { config, expect, forEachTenant, myAssociateId, test } from './fixtures.ts';
import { documented, documentedView, entityOf, expectValues, shape } from './support/checks.ts';
import type { ApiResponse, CallOptions, Entity } from '../lib/client.ts';
import { putBody, routeProbes } from './support/routes.ts';

const xmlTypes = [mediaTypes.xml, mediaTypes.textXml] as const;

/** The answer's media type, without parameters. */
const typeOf = (reply: ApiResponse<unknown>) => reply.contentType.split(';')[0]?.trim().toLowerCase() ?? '';

/** The documented part of an answer, for the properties the JSON answer has (a newer version's extras aside). */
const documentedOnly = (entity: Entity, json: Entity) =>
  documentedView(
    entity,
    documented.filter((p) => p in json),
  );

forEachTenant(() => {
  for (const route of routeProbes(config)) {
    test.describe(route.title, () => {
      test.skip(!!route.skip, route.skip);

      for (const accept of xmlTypes) {
        test(`answers Accept ${accept} with XML carrying the same entity as JSON @ACCEPT-XML`, async ({
          api,
          sessions,
        }) => {
          const session = await sessions.create(route.seed);
          const reply = await route.send(api, session, { accept });
          const xml = entityOf(reply);
          expect(typeOf(reply), `Content-Type for Accept ${accept}`).toMatch(/^(application|text)\/xml$/);
          // the same call again in JSON; PickUp cannot be repeated, so its entity is read back instead
          const json = route.title.includes('PickUp')
            ? await sessions.read(session.ChatSessionId)
            : entityOf(await route.send(api, session));
          shape(json, documented, true);
          expect(documentedOnly(xml, json)).toEqual(documentedOnly(json, json));
        });
      }

      for (const accept of [
        mediaTypes.json,
        mediaTypes.textJson,
        mediaTypes.jsonPatch,
        mediaTypes.mergePatch,
      ] as const) {
        const tag = accept.includes('patch') ? 'ACCEPT-PATCHTYPES' : 'ACCEPT-JSON';
        test(`answers Accept ${accept} with a JSON body @${tag}`, async ({ api, sessions }) => {
          const reply = await route.send(api, await sessions.create(route.seed), { accept });
          entityOf(reply);
          if (accept.includes('patch'))
            expect(typeOf(reply), `Content-Type for Accept ${accept}`).toMatch(/^(application|text)\/json$/);
          else expect(typeOf(reply), `Content-Type for Accept ${accept}`).toBe(accept);
          expect(() => JSON.parse(reply.text) as unknown, 'the body is JSON').not.toThrow();
        });
      }
    });
  }

  /** The request body media types PUT and PickUp document (CT-XML, CT-JSON, CT-FORM). */
  const bodies: Array<{ tag: string; name: string; call: CallOptions }> = [
    { tag: '@CT-XML', name: 'application/xml', call: { encoding: 'xml', contentType: mediaTypes.xml } },
    { tag: '@CT-XML', name: 'text/xml', call: { encoding: 'xml', contentType: mediaTypes.textXml } },
    { tag: '@CT-JSON', name: 'text/json', call: { contentType: mediaTypes.textJson } },
    { tag: '@CT-FORM', name: 'application/x-www-form-urlencoded', call: { encoding: 'form' } },
  ];

  test.describe('PUT /api/v1/ChatSession/{id}', () => {
    for (const { tag, name, call } of bodies) {
      test(`reads a ${name} request body ${tag}`, async ({ api, sessions }) => {
        const session = await sessions.create({ owner: 'me' });
        const reply = await api.put(
          session.ChatSessionId,
          putBody(session, { CustomerName: `sent as ${name}`, Rating: 2 }),
          call,
        );
        expectValues(entityOf(reply), {
          CustomerName: `sent as ${name}`,
          Rating: 2,
          CustomerEmail: session.CustomerEmail,
        });
        expectValues(await sessions.read(session.ChatSessionId), { CustomerName: `sent as ${name}`, Rating: 2 });
      });
    }
  });

  test.describe('PUT /api/v1/ChatSession/{id}', () => {
    test('reads an XML body whose carrier texts look like numbers as texts @CT-XML', async ({ api, sessions }) => {
      const Person = {
        PersonId: 4243,
        Firstname: 'Customer',
        Lastname: '662',
        FullName: 'Customer 662',
        ContactId: 78,
        ContactName: 'Company 2 AS',
        Email: 'c662@example.com',
      };
      const Contact = {
        ContactId: 78,
        Name: 'Company 2 AS',
        Department: '',
        OrgNr: '900000002',
        FullName: 'Company 2 AS',
      };
      const session = await sessions.create({ owner: 'me' });
      const reply = await api.put(session.ChatSessionId, putBody(session, { Person, Contact }), { encoding: 'xml' });
      expectValues(entityOf(reply), { Person, Contact });
    });
  });

  test.describe('PATCH /api/v1/ChatSession/{id}', () => {
    for (const contentType of xmlTypes) {
      test(`reads a JSON Patch sent as ${contentType} @CT-XML @PATCH-OPS`, async ({ api, sessions }) => {
        const session = await sessions.create();
        const reply = await api.patch(
          session.ChatSessionId,
          [
            { op: 'replace', path: '/CustomerName', value: 'Patched by XML' },
            { op: 'replace', path: '/Rating', value: 1 },
          ],
          { encoding: 'xml', contentType },
        );
        expectValues(entityOf(reply), { CustomerName: 'Patched by XML', Rating: 1 });
      });
    }
  });

  test.describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
    for (const { tag, name, call } of bodies) {
      test(`reads a ${name} request body ${tag} @PICK-200`, async ({ api, sessions }) => {
        const session = await sessions.create({ owner: 'nobody', values: { Status: 'InQueue' } });
        const body = shape(entityOf(await api.pickUp(session.ChatSessionId, call)), ['ChatSessionId', 'User']);
        expect(body.ChatSessionId).toBe(session.ChatSessionId);
        expect((body.User as Entity['User'])?.AssociateId).toEqual(myAssociateId ?? expect.any(Number));
      });
    }
  });
});
