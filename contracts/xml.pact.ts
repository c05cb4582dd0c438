/**
 * XML on the wire (ACCEPT-XML, CT-XML). Pact-js 16.5 V4 supports XML bodies (`xmlBody`, with
 * matchers through XmlBuilder); contracts/README.md has the details.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaTypes } from '../lib/headers.ts';
import { validate } from '../schemas/index.ts';
import { chatConsolePact, clientFor, contentType, jsonRequestHeaders, sessionPath, stateId } from './consumer.ts';
import { buildChatSession, buildChatSessionWithLinks, callerAssociate, exampleId } from './fixtures.ts';
import { matchersFor } from './matchers.ts';
import { xmlMatchersFor } from './xml-matchers.ts';
import { stateCarriers, states } from './states.ts';

const pact = chatConsolePact();
const saved = buildChatSession({
  CustomerName: 'Ada Lovelace',
  Status: 'UserLast',
  User: callerAssociate,
  ...stateCarriers,
});

describe('XML bodies', () => {
  test('ACCEPT-XML PUT-200 answers with the entity as XML when the caller accepts application/xml', async () => {
    const expected = buildChatSessionWithLinks({ ...saved });
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('ACCEPT-XML PUT-200 saving with Accept application/xml answers 200 with the entity as XML')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .headers({ ...jsonRequestHeaders, Accept: mediaTypes.xml, 'Content-Type': mediaTypes.json })
          .jsonBody({ ...(matchersFor('ChatSessionEntity', saved) as object), ChatSessionId: stateId }),
      )
      .willRespondWith(200, (res) =>
        res
          .headers({ 'Content-Type': contentType(mediaTypes.xml) })
          .xmlBody(xmlMatchersFor('ChatSessionEntityWithLinks', expected)),
      )
      .executeTest(async (server) => {
        const res = await clientFor(server).put(exampleId, saved, { accept: mediaTypes.xml });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /xml/);
        // The pact pins the entity; the dictionaries only as present elements (see xml-matchers.ts).
        const { FieldProperties, _Links, ...entity } = res.body;
        assert.deepEqual(validate('ChatSessionEntity', entity).errors, []);
        assert.ok(FieldProperties !== undefined && _Links !== undefined);
      });
  });

  test('CT-XML PUT-200 reads an entity sent as application/xml', async () => {
    await pact
      .addInteraction()
      .given(states.exists, { id: exampleId })
      .uponReceiving('CT-XML PUT-200 saving an entity sent as application/xml answers 200 with the entity')
      .withRequest('PUT', sessionPath(), (req) =>
        req
          .headers({ ...jsonRequestHeaders, 'Content-Type': contentType(mediaTypes.xml) })
          .xmlBody(xmlMatchersFor('ChatSessionEntity', saved)),
      )
      .willRespondWith(200, (res) =>
        res.jsonBody(
          matchersFor('ChatSessionEntityWithLinks', buildChatSessionWithLinks({ ...saved }), {
            exact: ['CustomerName'],
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
