/**
 * PUT /api/v1/ChatSession/{id}: what a chat console expects when it saves a session. Each
 * interaction holds the tenant to what its clause promises; the whole entity is ENTITY-SHAPE's
 * interaction and the rights and links ENTITY-LINKS', so one broken property fails one clause.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { validate, validateProperty } from '../schemas/index.ts';
import { chatConsolePact, clientFor, jsonRequestHeaders, sessionPath } from './consumer.ts';
import { buildChatSessionWithLinks, exampleId, selected } from './fixtures.ts';
import { answersWithSavedName, assertSavedName, interaction, saved, savingJson } from './interactions.ts';
import { matchersFor } from './matchers.ts';
import { states } from './states.ts';

const { matchStatus } = MatchersV3;
const pact = chatConsolePact();

describe('PUT /api/v1/ChatSession/{id}', () => {
  test('PUT-200 saves the entity and answers 200 with the saved values', async () => {
    await interaction(pact, states.exists, 'PUT-200 saving a chat session answers 200 with the saved values')
      .withRequest('PUT', sessionPath(), savingJson())
      .willRespondWith(200, answersWithSavedName(buildChatSessionWithLinks({ ...saved })))
      .executeTest(async (server) => assertSavedName(await clientFor(server).put(exampleId, saved)));
  });

  test('ENTITY-SHAPE the answer has the 31 documented properties with their types', async () => {
    await interaction(
      pact,
      states.exists,
      'ENTITY-SHAPE saving a chat session answers with the 31 documented properties and their types',
    )
      .withRequest('PUT', sessionPath(), savingJson())
      .willRespondWith(200, (res) => res.jsonBody(matchersFor('ChatSessionEntity', saved)))
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.deepEqual(validate('ChatSessionEntity', res.body).errors, []);
      });
  });

  test('ENTITY-LINKS the answer carries TableRight, FieldProperties and _Links', async () => {
    const expected = buildChatSessionWithLinks({ ...saved });
    await interaction(
      pact,
      states.exists,
      'ENTITY-LINKS saving a chat session answers with its TableRight, FieldProperties and _Links',
    )
      .withRequest('PUT', sessionPath(), savingJson())
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
    await interaction(
      pact,
      states.exists,
      'SELECT-FIELDS saving with $select answers with only the selected properties, others null',
    )
      .withRequest('PUT', sessionPath(), (req) => savingJson()(req.query({ $select: select.join(',') })))
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
        assertSavedName(res);
        assert.equal(res.body.CustomerEmail, null);
      });
  });

  test('PUT-400 without an entity in the body is refused with 400', async () => {
    await interaction(pact, states.exists, 'PUT-400 saving without an entity in the body is refused with 400')
      .withRequest('PUT', sessionPath(), (req) => req.headers(jsonRequestHeaders))
      .willRespondWith(400)
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, undefined);
        assert.equal(res.status, 400);
      });
  });

  test('PUT-ID a non-integer id is refused with a client error', async () => {
    // the page: `id` is a required int32; how it is refused is the tenant's (400 here, 404 plausible)
    await interaction(pact, states.exists, 'PUT-ID saving to a non-integer id is refused with a client error (4xx)')
      .withRequest('PUT', '/api/v1/ChatSession/abc', savingJson())
      .willRespondWith(matchStatus(400, MatchersV3.HTTPResponseStatusClass.ClientError))
      .executeTest(async (server) => {
        const res = await clientFor(server).put('abc', saved);
        assert.equal(res.status, 400);
      });
  });

  test('PUT-404 an id that does not exist is refused (400 or 404: the pages do not say)', async () => {
    await interaction(pact, states.missing, 'PUT-404 saving to an id that does not exist is refused with 400 or 404')
      .withRequest('PUT', sessionPath(), savingJson())
      .willRespondWith(matchStatus(404, [400, 404]))
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.equal(res.status, 404);
      });
  });
});
