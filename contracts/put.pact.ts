/**
 * PUT /api/v1/ChatSession/{id}: what a chat console expects when it saves a session. Each
 * interaction holds the tenant to what its clause promises; the whole entity is ENTITY-SHAPE's
 * interaction and the rights and links ENTITY-LINKS', so one broken property fails one clause.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { mediaTypes } from '../lib/headers.ts';
import { validate, validateProperty } from '../schemas/index.ts';
import { chatConsolePact, clientFor, jsonRequestHeaders, sessionPath, stateId } from './consumer.ts';
import { buildChatSession, buildChatSessionWithLinks, callerAssociate, exampleId, selected } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { stateCarriers, states } from './states.ts';

const { matchStatus } = MatchersV3;
const pact = chatConsolePact();
const saved = buildChatSession({
  CustomerName: 'Ada Lovelace',
  Status: 'UserLast',
  User: callerAssociate,
  ...stateCarriers,
});
const requestBody = { ...(matchersFor('ChatSessionEntity', saved) as object), ChatSessionId: stateId };

describe('PUT /api/v1/ChatSession/{id}', () => {
  test('PUT-200 saves the entity and answers 200 with the saved values', async () => {
    const expected = buildChatSessionWithLinks({ ...saved });
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PUT-200 saving a chat session answers 200 with the saved values')
      .withRequest('PUT', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', expected, {
            exact: ['CustomerName'],
            only: ['ChatSessionId', 'CustomerName'],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.equal(res.status, 200);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });

  test('ENTITY-SHAPE the answer has the 31 documented properties with their types', async () => {
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('ENTITY-SHAPE saving a chat session answers with the 31 documented properties and their types')
      .withRequest('PUT', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(200, (res) => res.jsonBody(matchersFor('ChatSessionEntity', saved)))
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.deepEqual(validate('ChatSessionEntity', res.body).errors, []);
      });
  });

  test('ENTITY-LINKS the answer carries TableRight, FieldProperties and _Links', async () => {
    const expected = buildChatSessionWithLinks({ ...saved });
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('ENTITY-LINKS saving a chat session answers with its TableRight, FieldProperties and _Links')
      .withRequest('PUT', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', expected, { only: ['TableRight', 'FieldProperties', '_Links'] }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        for (const part of ['TableRight', 'FieldProperties', '_Links'])
          assert.deepEqual(
            validateProperty('ChatSessionEntityWithLinks', part, res.body[part as keyof typeof res.body]).errors,
            [],
          );
      });
  });

  test('SELECT-FIELDS with $select answers with the selected properties and the others nulled out', async () => {
    const select = ['CustomerName', 'Status'] as const;
    const expected = selected(buildChatSessionWithLinks({ ...saved }), select);
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('SELECT-FIELDS saving with $select answers with only the selected properties, others null')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .query({ $select: select.join(',') })
          .headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json })
          .jsonBody(requestBody),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', expected, {
            select,
            exact: ['CustomerName'],
            only: [...select, 'CustomerEmail', 'FirstMessage', 'User', 'Rating', 'WhenRequested', 'CustomerConsented'],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { select });
        assert.equal(res.status, 200);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
        assert.equal(res.body.CustomerEmail, null);
      });
  });

  test('PUT-400 without an entity in the body is refused with 400', async () => {
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PUT-400 saving without an entity in the body is refused with 400')
      .withRequest('PUT', sessionPath(), (req) => req.headers(jsonRequestHeaders))
      .willRespondWith(400)
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, undefined);
        assert.equal(res.status, 400);
      });
  });

  test('PUT-ID a non-integer id is refused with a client error', async () => {
    // the page: `id` is a required int32; how it is refused is the tenant's (400 here, 404 plausible)
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PUT-ID saving to a non-integer id is refused with a client error (4xx)')
      .withRequest('PUT', '/api/v1/ChatSession/abc', (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(matchStatus(400, MatchersV3.HTTPResponseStatusClass.ClientError))
      .executeTest(async (server) => {
        const res = await clientFor(server).put('abc', saved);
        assert.equal(res.status, 400);
      });
  });

  test('PUT-404 an id that does not exist is refused (400 or 404: the pages do not say)', async () => {
    await pact
      .addInteraction()
      .given(states.missing, { id: exampleId })
      .uponReceiving('PUT-404 saving to an id that does not exist is refused with 400 or 404')
      .withRequest('PUT', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(matchStatus(404, [400, 404]))
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.equal(res.status, 404);
      });
  });
});
