/** POST /api/v1/ChatSession/{id}/TransferTo/{toAssociate}: by user name, by id, and by a non-owner. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { chatConsolePact, clientFor, jsonRequestHeaders } from './consumer.ts';
import {
  buildAssociate,
  buildChatSession,
  callerAssociate,
  exampleId,
  otherAssociate,
  otherAssociateId,
  otherUsername,
} from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { stateCarriers, states } from './states.ts';

const pact = chatConsolePact();

/** The path with the session id and the target both supplied by provider states. */
function transferPath(toAssociate: string | number) {
  return MatchersV3.fromProviderState(
    '/api/v1/ChatSession/${id}/TransferTo/${toAssociate}',
    `/api/v1/ChatSession/${exampleId}/TransferTo/${toAssociate}`,
  );
}

describe('POST /api/v1/ChatSession/{chatSessionId}/TransferTo/{toAssociate}', () => {
  for (const [form, toAssociate] of [
    ['a user name', otherUsername],
    ['an associate id', otherAssociateId],
  ] as const) {
    test(`XFER-200 XFER-TARGET transferring to ${form} answers with TransferTo set`, async () => {
      const transferred = buildChatSession({ User: callerAssociate, ...stateCarriers, TransferTo: otherAssociate });
      await pact
        .addInteraction()
        .given(states.ownedByCaller, { id: exampleId })
        .given(states.transferTarget, { toAssociate })
        .uponReceiving(`XFER-200 XFER-TARGET transferring to ${form} answers 200 with TransferTo now that associate`)
        .withRequest('POST', transferPath(toAssociate), (req) => req.headers(jsonRequestHeaders))
        .willRespondWith(200, (res) =>
          res.jsonBody(
            matchersFor('ChatSessionEntity', transferred, { only: ['ChatSessionId', 'TransferTo.AssociateId'] }),
          ),
        )
        .executeTest(async (server) => {
          const res = await clientFor(server).transferTo(exampleId, toAssociate);
          assert.equal(res.status, 200);
          assert.notEqual(res.body.TransferTo, null);
        });
    });
  }

  test('XFER-NOTOWNER transferring a session the caller does not own changes nothing', async () => {
    const third = embeddedUsers[2]!;
    const unchanged = buildChatSession({ User: otherAssociate, ...stateCarriers });
    await pact
      .addInteraction()
      .given(states.ownedByOther, { id: exampleId })
      .given(states.transferTarget, { toAssociate: third.username })
      .uponReceiving('XFER-NOTOWNER transferring a session owned by another user answers 200 with the entity unchanged')
      .withRequest('POST', transferPath(third.username), (req) => req.headers(jsonRequestHeaders))
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntity', unchanged, { only: ['ChatSessionId', 'TransferTo', 'User.AssociateId'] }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).transferTo(exampleId, third.username);
        assert.equal(res.status, 200);
        assert.equal(res.body.TransferTo, null);
        assert.equal(res.body.User?.AssociateId, buildAssociate(embeddedUsers[1]).AssociateId);
      });
  });
});
