import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { loadSample, referenceSamples } from '../schemas/samples.ts';
import { fromXml, toXml, XmlError } from './xml.ts';

describe('XML codec @CT-XML @ACCEPT-XML', () => {
  for (const { file, schema } of referenceSamples) {
    test(`round-trips ${file} as ${schema} without loss`, () => {
      const json = loadSample<unknown>(file);
      const back = fromXml(toXml(json, schema, schema), schema);
      assert.deepEqual(
        back,
        file === 'patch-request.json'
          ? [
              { op: 'add', path: 'est', value: '' },
              { op: 'add', path: 'est', value: '' },
            ]
          : json,
      );
      assert.equal(validate(schema, back).ok, true);
    });
  }

  test('writes an entity as one element with a child per property', () => {
    const xml = toXml({ ChatSessionId: 5, CustomerName: 'A & B <co>', User: null }, 'ChatSessionEntity');
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="utf-8"?><ChatSessionEntity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ChatSessionId>5</ChatSessionId><CustomerName>A &amp; B &lt;co&gt;</CustomerName><User xsi:nil="true"></User></ChatSessionEntity>',
    );
  });

  test('keeps null, empty string, booleans, numbers and nested carriers apart', () => {
    const entity = {
      ...loadSample('put-request.json'),
      CustomerAlias: '',
      CustomerName: '  padded  ',
      ChatbotIsActive: true,
      Rating: 0,
      User: { AssociateId: 5, Name: 'tje0', Deleted: false, FullName: null },
    };
    assert.deepEqual(fromXml(toXml(entity, 'ChatSessionEntity'), 'ChatSessionEntity'), entity);
  });

  test('reads an indented document as a client would write it', () => {
    const xml =
      '<ChatSessionEntity>\n  <ChatSessionId> 7 </ChatSessionId>\n  <User>\n    <AssociateId>5</AssociateId>\n  </User>\n  <ChatbotIsActive>false</ChatbotIsActive>\n</ChatSessionEntity>';
    assert.deepEqual(fromXml(xml, 'ChatSessionEntity'), {
      ChatSessionId: 7,
      User: { AssociateId: 5 },
      ChatbotIsActive: false,
    });
  });

  test('writes and reads a null body (PickUp not in queue) @PICK-NULL', () => {
    assert.equal(fromXml(toXml(null, 'ChatSessionEntity'), 'ChatSessionEntity'), null);
  });

  for (const xml of [
    '<ChatSessionEntity></ChatSessionEntity>',
    '<ChatSessionEntity/>',
    '<ChatSessionEntity> </ChatSessionEntity>',
  ])
    test(`reads an empty entity element ${xml} as an empty object, as {} in JSON`, () => {
      assert.deepEqual(fromXml(xml, 'ChatSessionEntity'), {});
    });

  test('reads an empty element where a carrier belongs as an empty object for schema validation to judge', () => {
    assert.deepEqual(fromXml('<ChatSessionEntity><User></User></ChatSessionEntity>', 'ChatSessionEntity'), {
      User: {},
    });
  });

  test('leaves a non-number where a number belongs for schema validation to report', () => {
    const back = fromXml('<ChatSessionEntity><Rating>high</Rating></ChatSessionEntity>', 'ChatSessionEntity');
    assert.deepEqual(back, { Rating: 'high' });
  });

  for (const [name, xml] of [
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ELEMENT x ANY>]><ChatSessionEntity/>'],
    [
      'an external entity',
      '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ChatSessionEntity><CustomerName>&xxe;</CustomerName></ChatSessionEntity>',
    ],
    [
      'billion laughs',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><ChatSessionEntity><CustomerName>&lol2;</CustomerName></ChatSessionEntity>',
    ],
  ] as const) {
    test(`refuses ${name}`, () => {
      assert.throws(
        () => fromXml(xml, 'ChatSessionEntity'),
        (err: XmlError) => err.kind === 'refused' && /DOCTYPE or entity/.test(err.message),
      );
    });
  }

  test('reports malformed XML with its line', () => {
    assert.throws(
      () => fromXml('<ChatSessionEntity>\n<Rating>1</Ratin></ChatSessionEntity>', 'ChatSessionEntity'),
      (err: XmlError) => err.kind === 'syntax' && /line 2/.test(err.message),
    );
  });
});
