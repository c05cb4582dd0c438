/** PATCH /api/v1/ChatSession/{id}: JSON Patch and merge patch, and the codes that refuse a change. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { mediaTypes } from '../lib/headers.ts';
import { validate, type JsonPatchDocument, type MergePatchDocument } from '../schemas/index.ts';
import { chatConsolePact, clientFor, contentType, jsonRequestHeaders, sessionPath } from './consumer.ts';
import { buildChatSessionWithLinks, buildErrorBody, callerAssociate, exampleId } from './fixtures.ts';
import { answersWithSavedName, assertSavedName, interaction, savedName } from './interactions.ts';
import { matchersFor } from './matchers.ts';
import { longAgo, stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
/** The session `chat session {id} exists` promises, after CustomerName was changed to the saved name. */
const patched = buildChatSessionWithLinks({
  Status: 'CustomerLast',
  User: callerAssociate,
  ...stateCarriers,
  CustomerName: savedName,
});
const patchHeaders = { ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.jsonPatch) };
const mergePatchHeaders = { ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.mergePatch) };
const replaceName: JsonPatchDocument = [{ op: 'replace', path: '/CustomerName', value: savedName }];

describe('PATCH /api/v1/ChatSession/{id}', () => {
  const forms: Array<
    [form: string, described: string, headers: typeof patchHeaders, changes: JsonPatchDocument | MergePatchDocument]
  > = [
    ['a JSON Patch', 'CT-JSONPATCH a JSON Patch replace', patchHeaders, replaceName],
    ['a merge patch', 'PATCH-MERGE a merge patch', mergePatchHeaders, { CustomerName: savedName }],
  ];
  for (const [form, described, headers, changes] of forms)
    test(`PATCH-200 applies ${form} and answers with the updated entity`, async () => {
      await interaction(pact, states.exists, `PATCH-200 ${described} answers 200 with the updated entity`)
        .withRequest('PATCH', sessionPath(), (req) => req.headers(headers).jsonBody(changes))
        .willRespondWith(200, answersWithSavedName(patched))
        .executeTest(async (server) => assertSavedName(await clientFor(server).patch(exampleId, changes)));
    });

  test('PATCH-404 a patch for an id that does not exist answers 404', async () => {
    await interaction(pact, states.missing, 'PATCH-404 a patch for an unknown id answers 404 with an error body')
      .withRequest('PATCH', sessionPath(), (req) => req.headers(patchHeaders).jsonBody(replaceName))
      // Error: true and a message, documented for 404; never a type name (FACTS.md)
      .willRespondWith(404, (res) =>
        res.jsonBody(matchersFor('ErrorBody', buildErrorBody(), { only: ['Error', 'ErrorMessage'] })),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, replaceName);
        assert.equal(res.status, 404);
        assert.deepEqual(validate('ErrorBody', res.body).errors, []);
      });
  });

  test('PATCH-409 a failed test operation is refused with 409', async () => {
    // `is in the queue` promises Status InQueue, so a test for Finished fails.
    const changes: JsonPatchDocument = [{ op: 'test', path: '/Status', value: 'Finished' }, ...replaceName];
    await interaction(pact, states.inQueue, 'PATCH-409 a failed test operation is refused with 409')
      .withRequest('PATCH', sessionPath(), (req) => req.headers(patchHeaders).jsonBody(changes))
      .willRespondWith(409)
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, changes);
        assert.equal(res.status, 409);
      });
  });

  test('PATCH-412 a patch with a stale If-Unmodified-Since is refused with 412', async () => {
    await interaction(
      pact,
      states.changedAfter,
      'PATCH-412 a patch with a stale If-Unmodified-Since is refused with 412',
      {
        id: exampleId,
        since: longAgo,
      },
    )
      .withRequest('PATCH', sessionPath(), (req) =>
        req
          .headers({ ...patchHeaders, 'If-Unmodified-Since': MatchersV3.fromProviderState('${since}', longAgo) })
          .jsonBody(replaceName),
      )
      .willRespondWith(412)
      .executeTest(async (server) => {
        const res = await clientFor(server).patch(exampleId, replaceName, { ifUnmodifiedSince: longAgo });
        assert.equal(res.status, 412);
      });
  });
});
