/** POST /api/v1/Agents/Chat/PickUpChatSession: answering a queued session, and the NULL answer. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { MatchersV3 } from '@pact-foundation/pact';
import { chatConsolePact, clientFor, contentType, stateId } from './consumer.ts';
import { buildChatSession, callerAssociate, exampleId } from './fixtures.ts';
import { interaction, jsonBodyHeaders } from './interactions.ts';
import { matchersFor } from './matchers.ts';
import { stateCarriers, states, type StateName } from './states.ts';

const pact = chatConsolePact();
const path = '/api/v1/Agents/Chat/PickUpChatSession';
/** An interaction in `state` whose request picks up the session the state supplies. */
const pickingUp = (state: StateName, description: string) =>
  interaction(pact, state, description).withRequest('POST', path, (req) =>
    req.headers(jsonBodyHeaders).jsonBody({ ChatSessionId: stateId }),
  );

describe('POST /api/v1/Agents/Chat/PickUpChatSession', () => {
  test('PICK-200 picking up a queued session assigns it to the caller and answers with the entity', async () => {
    const picked = buildChatSession({ User: callerAssociate, ...stateCarriers });
    await pickingUp(states.inQueue, 'PICK-200 picking up a queued session answers 200 with the entity, now with a user')
      .willRespondWith(200, (res) =>
        res.jsonBody(matchersFor('ChatSessionEntity', picked, { only: ['ChatSessionId', 'User.AssociateId'] })),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).pickUp(exampleId);
        assert.equal(res.status, 200);
        assert.equal(typeof res.body?.User?.AssociateId, 'number');
      });
  });

  test('PICK-NULL picking up a session that is not in the queue answers 200 with null', async () => {
    await pickingUp(states.notInQueue, 'PICK-NULL picking up a session that is not in the queue answers 200 with null')
      // pact-js records a JSON `null` body as an empty one (README): the body is matched as text
      // instead, `null` with any whitespace, in a JSON answer however it is framed (chunked, gzip)
      .willRespondWith(200, (res) =>
        res
          .headers({ 'Content-Type': contentType(mediaTypes.json) })
          .body('text/plain', Buffer.from('null'))
          .matchingRules({ body: [{ path: '$', rules: [MatchersV3.regex('^\\s*null\\s*$', 'null')] }] }),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).pickUp(exampleId);
        assert.equal(res.status, 200);
        assert.equal(res.body, null);
      });
  });
});
