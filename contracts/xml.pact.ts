/**
 * XML on the wire (ACCEPT-XML, CT-XML). Pact-js 16.5 V4 supports XML bodies (`xmlBody`, with
 * matchers through XmlBuilder); contracts/README.md has the details.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { chatConsolePact, clientFor, contentType, jsonRequestHeaders, sessionPath, stateId } from './consumer.ts';
import { buildChatSession, buildChatSessionWithLinks, callerAssociate, exampleId } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { MatchersV3 } from '@pact-foundation/pact';
import { toXml } from '../lib/xml.ts';
import { xmlMatchersFor, xmlTextRule } from './xml-matchers.ts';
import { stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
const saved = buildChatSession({
  CustomerName: 'Ada Lovelace',
  Status: 'UserLast',
  User: callerAssociate,
  ...stateCarriers,
});

/**
 * The XML answer as text (README: why not Pact's XML matching): a ChatSession entity root with
 * the id and the saved name, in any namespace and order; the whole shape is ENTITY-SHAPE's.
 */
const xmlAnswer = toXml(
  buildChatSessionWithLinks({ ...saved }),
  'ChatSessionEntityWithLinks',
  'ChatSessionEntityWithLinks',
);
const xmlAnswerRule = xmlTextRule(
  ['ChatSessionEntity', 'ChatSessionEntityWithLinks'],
  [
    ['ChatSessionId', '\\d+'],
    ['CustomerName', 'Ada Lovelace'],
  ],
);

describe('XML bodies', () => {
  test('ACCEPT-XML answers with the entity as XML when the caller accepts application/xml', async () => {
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('ACCEPT-XML saving with Accept application/xml answers 200 with the entity as XML')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .headers({ ...jsonRequestHeaders, Accept: mediaTypes.xml, 'Content-Type': mediaTypes.json })
          .jsonBody({ ...(matchersFor('ChatSessionEntity', saved) as object), ChatSessionId: stateId }),
      )
      .willRespondWith(200, (res) =>
        res
          .headers({ 'Content-Type': contentType(mediaTypes.xml) })
          .body('text/xml', Buffer.from(xmlAnswer))
          .matchingRules({ body: [{ path: '$', rules: [MatchersV3.regex(xmlAnswerRule, xmlAnswer)] }] }),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { accept: mediaTypes.xml });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /xml/);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });

  test('CT-XML reads an entity sent as application/xml', async () => {
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('CT-XML saving an entity sent as application/xml answers 200 with the entity')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .headers({ ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.xml) })
          .xmlBody(xmlMatchersFor('ChatSessionEntity', saved)),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', buildChatSessionWithLinks({ ...saved }), {
            exact: ['CustomerName'],
            only: ['ChatSessionId', 'CustomerName'],
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { xmlBody: true });
        assert.equal(res.status, 200);
        assert.equal(res.body.CustomerName, 'Ada Lovelace');
      });
  });
});
