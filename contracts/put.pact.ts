/** PUT /api/v1/ChatSession/{id}: what a chat console expects when it saves a session. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { validate, validateSelected } from '../schemas/index.ts';
import { chatConsolePact, clientFor, jsonRequestHeaders, sessionPath, stateId } from './consumer.ts';
import { buildChatSession, buildChatSessionWithLinks, callerAssociate, exampleId, selected } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
const saved = buildChatSession({
  CustomerName: 'Ada Lovelace',
  Status: 'UserLast',
  User: callerAssociate,
  ...stateCarriers,
});
const requestBody = { ...(matchersFor('ChatSessionEntity', saved) as object), ChatSessionId: stateId };

describe('PUT /api/v1/ChatSession/{id}', () => {
  test('PUT-200 saves the entity and answers 200 with the ChatSessionEntityWithLinks', async () => {
    const expected = buildChatSessionWithLinks({ ...saved });
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PUT-200 ENTITY-LINKS saving a chat session answers 200 with the entity, its rights and links')
      .withRequest('PUT', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json }).jsonBody(requestBody),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(matchersFor('ChatSessionEntityWithLinks', expected, { exact: ['CustomerName'] })),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved);
        assert.equal(res.status, 200);
        assert.deepEqual(validate('ChatSessionEntityWithLinks', res.body).errors, []);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });

  test('PUT-200 with $select answers with the selected properties and the others nulled out', async () => {
    const select = ['CustomerName', 'Status'] as const;
    const expected = selected(buildChatSessionWithLinks({ ...saved }), select);
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PUT-200 SELECT-FIELDS saving with $select answers with only the selected properties, others null')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .query({ $select: select.join(',') })
          .headers({ ...jsonRequestHeaders, 'Content-Type': mediaTypes.json })
          .jsonBody(requestBody),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(matchersFor('ChatSessionEntityWithLinks', expected, { select, exact: ['CustomerName'] })),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { select });
        assert.equal(res.status, 200);
        assert.deepEqual(validateSelected('ChatSessionEntityWithLinks', select, res.body).errors, []);
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
});
