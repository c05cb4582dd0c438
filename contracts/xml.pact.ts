/**
 * XML on the wire (ACCEPT-XML, CT-XML). Pact-js 16.5 V4 supports XML bodies (`xmlBody`, with
 * matchers through XmlBuilder); contracts/README.md has the details.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { mediaTypes } from '../lib/headers.ts';
import { toXml } from '../lib/xml.ts';
import { chatConsolePact, clientFor, contentType, jsonRequestHeaders, sessionPath } from './consumer.ts';
import { buildChatSessionWithLinks, exampleId } from './fixtures.ts';
import { answersWithSavedName, assertSavedName, interaction, saved, savedName, savingJson } from './interactions.ts';
import { xmlMatchersFor, xmlTextRule } from './xml-matchers.ts';
import { states } from './states.ts';

const pact = chatConsolePact();

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
    ['CustomerName', savedName],
  ],
);

describe('XML bodies', () => {
  test('ACCEPT-XML answers with the entity as XML when the caller accepts application/xml', async () => {
    await interaction(
      pact,
      states.exists,
      'ACCEPT-XML saving with Accept application/xml answers 200 with the entity as XML',
    )
      .withRequest('PUT', sessionPath(), savingJson({ Accept: mediaTypes.xml }))
      .willRespondWith(200, (res) =>
        res
          .headers({ 'Content-Type': contentType(mediaTypes.xml) })
          .body('text/xml', Buffer.from(xmlAnswer))
          .matchingRules({ body: [{ path: '$', rules: [MatchersV3.regex(xmlAnswerRule, xmlAnswer)] }] }),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { accept: mediaTypes.xml });
        assertSavedName(res);
        assert.match(res.contentType, /xml/);
      });
  });

  test('CT-XML reads an entity sent as application/xml', async () => {
    await interaction(
      pact,
      states.exists,
      'CT-XML saving an entity sent as application/xml answers 200 with the entity',
    )
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .headers({ ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.xml) })
          .xmlBody(xmlMatchersFor('ChatSessionEntity', saved)),
      )
      .willRespondWith(200, answersWithSavedName(buildChatSessionWithLinks({ ...saved })))
      .executeTest(async (server) =>
        assertSavedName(await clientFor(server).put(exampleId, saved, { encoding: 'xml' })),
      );
  });
});
