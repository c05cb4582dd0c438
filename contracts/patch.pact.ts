/** PATCH /api/v1/ChatSession/{id}: JSON Patch and merge patch, and the codes that refuse a change. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { validate } from '../schemas/index.ts';
import { chatConsolePact, clientFor, contentType, jsonRequestHeaders, sessionPath } from './consumer.ts';
import { buildChatSessionWithLinks, buildErrorBody, callerAssociate, exampleId } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { MatchersV3 } from '@pact-foundation/pact';
import { longAgo, stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
/** The session `chat session {id} exists` promises, after CustomerName was changed to Ada Lovelace. */
const patched = buildChatSessionWithLinks({
  Status: 'CustomerLast',
  User: callerAssociate,
  ...stateCarriers,
  CustomerName: 'Ada Lovelace',
});
const patchHeaders = { ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.jsonPatch) };

describe('PATCH /api/v1/ChatSession/{id}', () => {
  test('PATCH-200 applies a JSON Patch and answers with the updated entity', async () => {
    const changes = [{ op: 'replace' as const, path: '/CustomerName', value: 'Ada Lovelace' }];
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PATCH-200 CT-JSONPATCH a JSON Patch replace answers 200 with the updated entity')
      .withRequest('PATCH', sessionPath(), (req) => req.headers(patchHeaders).jsonBody(changes))
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', patched, {
            exact: ['CustomerName'],
            only: ['ChatSessionId', 'CustomerName'],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, changes);
        assert.equal(res.status, 200);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });

  test('PATCH-200 applies a merge patch and answers with the updated entity', async () => {
    const changes = { CustomerName: 'Ada Lovelace' };
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('PATCH-200 PATCH-MERGE a merge patch answers 200 with the updated entity')
      .withRequest('PATCH', sessionPath(), (req) =>
        req.headers({ ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.mergePatch) }).jsonBody(changes),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', patched, {
            exact: ['CustomerName'],
            only: ['ChatSessionId', 'CustomerName'],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, changes);
        assert.equal(res.status, 200);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });

  test('PATCH-404 a patch for an id that does not exist answers 404', async () => {
    await pact
      .addInteraction()
      .given(states.missing, { id: exampleId })
      .uponReceiving('PATCH-404 a patch for an unknown id answers 404 with an error body')
      .withRequest('PATCH', sessionPath(), (req) =>
        req.headers(patchHeaders).jsonBody([{ op: 'replace', path: '/CustomerName', value: 'Ada Lovelace' }]),
      )
      // Error: true and a message, documented for 404; never a type name (FACTS.md)
      .willRespondWith(404, (res) =>
        res.jsonBody(matchersFor('ErrorBody', buildErrorBody(), { only: ['Error', 'ErrorMessage'] })),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, [
          { op: 'replace', path: '/CustomerName', value: 'Ada Lovelace' },
        ]);
        assert.equal(res.status, 404);
        assert.deepEqual(validate('ErrorBody', res.body).errors, []);
      });
  });

  test('PATCH-409 a failed test operation is refused with 409', async () => {
    // `is in the queue` promises Status InQueue, so a test for Finished fails.
    const changes = [
      { op: 'test' as const, path: '/Status', value: 'Finished' },
      { op: 'replace' as const, path: '/CustomerName', value: 'Ada Lovelace' },
    ];
    await pact
      .addInteraction()
      .given(states.inQueue, { id: exampleId })
      .uponReceiving('PATCH-409 a failed test operation is refused with 409')
      .withRequest('PATCH', sessionPath(), (req) => req.headers(patchHeaders).jsonBody(changes))
      .willRespondWith(409)
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, changes);
        assert.equal(res.status, 409);
      });
  });

  test('PATCH-412 a patch with a stale If-Unmodified-Since is refused with 412', async () => {
    const changes = [{ op: 'replace' as const, path: '/CustomerName', value: 'Ada Lovelace' }];
    await pact
      .addInteraction()
      .given(states.changedAfter, { id: exampleId, since: longAgo })
      .uponReceiving('PATCH-412 a patch with a stale If-Unmodified-Since is refused with 412')
      .withRequest('PATCH', sessionPath(), (req) =>
        req
          .headers({ ...patchHeaders, 'If-Unmodified-Since': MatchersV3.fromProviderState('${since}', longAgo) })
          .jsonBody(changes),
      )
      .willRespondWith(412)
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, changes, { ifUnmodifiedSince: longAgo });
        assert.equal(res.status, 412);
      });
  });
});
