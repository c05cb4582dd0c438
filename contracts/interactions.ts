/**
 * What the PUT, PATCH and XML consumer tests share beyond consumer.ts: how an interaction starts,
 * the session a chat console saves and the JSON request that saves it, and the answer to a change
 * of CustomerName (PUT-200, CT-XML, PATCH-200) with what the consumer checks on it. One place, so
 * the interactions that promise the same thing are written the same way.
 */
import assert from 'node:assert/strict';
import type { PactV4 } from '@pact-foundation/pact';
import type { ApiResponse, Entity } from '../lib/client.ts';
import { mediaTypes } from '../lib/headers.ts';
import type { ChatSessionEntityWithLinks } from '../schemas/index.ts';
import { jsonRequestHeaders, stateId } from './consumer.ts';
import { buildChatSession, callerAssociate, exampleId } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { stateCarriers, type StateName } from './states.ts';

/** pact-js does not export its V4 builder types; these are the ones its public API hands out. */
type Interaction = ReturnType<PactV4['addInteraction']>;
type WithRequest = ReturnType<Interaction['withRequest']>;
type RequestBuilder = Parameters<NonNullable<Parameters<Interaction['withRequest']>[2]>>[0];
export type ResponseBuilder = Parameters<NonNullable<Parameters<WithRequest['willRespondWith']>[1]>>[0];
type Headers = Parameters<RequestBuilder['headers']>[0];

/** A new interaction in `pact`: `state` with the example id (or `params`), then its description. */
export function interaction(
  pact: PactV4,
  state: StateName,
  description: string,
  params: Parameters<Interaction['given']>[1] = { id: exampleId },
): Interaction {
  return pact.addInteraction().given(state, params).uponReceiving(description);
}

/** The CustomerName every change in the pacts writes. */
export const savedName = 'Ada Lovelace';

/** The session a chat console saves (PUT-200, ACCEPT-XML, CT-XML). */
export const saved = buildChatSession({
  CustomerName: savedName,
  Status: 'UserLast',
  User: callerAssociate,
  ...stateCarriers,
});

/** Headers of a request with a JSON body (Accept JSON, credentials, Content-Type JSON). */
export const jsonBodyHeaders = { ...jsonRequestHeaders, 'Content-Type': mediaTypes.json };

const savedBody = { ...(matchersFor('ChatSessionEntity', saved) as object), ChatSessionId: stateId };

/**
 * The request that saves `saved` as JSON, with the id the provider state supplies; `headers` take
 * the place of the JSON ones they name.
 */
export const savingJson =
  (headers: Headers = {}) =>
  (req: RequestBuilder): RequestBuilder =>
    req.headers({ ...jsonBodyHeaders, ...headers }).jsonBody(savedBody);

/** The answer to a change of CustomerName: `entity`, held to its id and the exact saved name only. */
export const answersWithSavedName =
  (entity: ChatSessionEntityWithLinks) =>
  (res: ResponseBuilder): ResponseBuilder =>
    res.jsonBody(
      matchersFor('ChatSessionEntityWithLinks', entity, {
        exact: ['CustomerName'],
        only: ['ChatSessionId', 'CustomerName'],
      }),
    );

/** What the consumer checks on that answer: 200, with the saved name. */
export function assertSavedName(res: ApiResponse<Entity>): void {
  assert.equal(res.status, 200);
  assert.equal(res.body.CustomerName, savedName);
}
