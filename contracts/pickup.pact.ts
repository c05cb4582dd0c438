/** POST /api/v1/Agents/Chat/PickUpChatSession: answering a queued session, and the NULL answer. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { validate } from '../schemas/index.ts';
import { chatConsolePact, clientFor, jsonRequestHeaders, stateId } from './consumer.ts';
import { buildChatSession, callerAssociate, exampleId } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
const path = '/api/v1/Agents/Chat/PickUpChatSession';
const headers = { ...jsonRequestHeaders, 'Content-Type': mediaTypes.json };

describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
  test('PICK-200 picking up a queued session assigns it to the caller and answers with the entity', async () => {
    const picked = buildChatSession({ User: callerAssociate, ...stateCarriers });
    await pact
      .addInteraction()
      .given(states.inQueue, { id: exampleId })
      .uponReceiving('PICK-200 picking up a queued session answers 200 with the entity, now with a user')
      .withRequest('POST', path, (req) => req.headers(headers).jsonBody({ ChatSessionId: stateId }))
      .willRespondWith(200, (res) => res.jsonBody(matchersFor('ChatSessionEntity', picked)))
      .executeTest(async (server) => {
        const res = await clientFor(server).pickUp(exampleId);
        assert.equal(res.status, 200);
        assert.deepEqual(validate('ChatSessionEntity', res.body).errors, []);
        assert.notEqual(res.body?.User, null);
      });
  });

  test('PICK-NULL picking up a session that is not in the queue answers 200 with null', async () => {
    await pact
      .addInteraction()
      .given(states.notInQueue, { id: exampleId })
      .uponReceiving('PICK-NULL picking up a session that is not in the queue answers 200 with null')
      .withRequest('POST', path, (req) => req.headers(headers).jsonBody({ ChatSessionId: stateId }))
      // Pact records a JSON `null` body as "no body" and then accepts any body (see README), so the
      // pact pins the four bytes instead: a JSON body of length 4 can only be `null`.
      .willRespondWith(200, (res) => res.headers({ 'Content-Length': '4' }).body(mediaTypes.json, Buffer.from('null')))
      .executeTest(async (server) => {
        const res = await clientFor(server).pickUp(exampleId);
        assert.equal(res.status, 200);
        assert.equal(res.body, null);
      });
  });
});
