import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { loadSample, referenceSamples } from '../schemas/samples.ts';
import { SaxesParser } from 'saxes';
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
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<ChatSessionEntity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<ChatSessionId>5</ChatSessionId><CustomerName>A &amp; B &lt;co&gt;</CustomerName>' +
        '<User xsi:nil="true"></User></ChatSessionEntity>',
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
      '<ChatSessionEntity>\n  <ChatSessionId> 7 </ChatSessionId>\n' +
      '  <User>\n    <AssociateId>5</AssociateId>\n  </User>\n' +
      '  <ChatbotIsActive>false</ChatbotIsActive>\n</ChatSessionEntity>';
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
      '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<ChatSessionEntity><CustomerName>&xxe;</CustomerName></ChatSessionEntity>',
    ],
    [
      'billion laughs',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
        '<ChatSessionEntity><CustomerName>&lol2;</CustomerName></ChatSessionEntity>',
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

describe('XML character references and control characters @CT-XML @ACCEPT-XML', () => {
  const read = (text: string, declaration = '') =>
    (
      fromXml(
        `${declaration}<ChatSessionEntity><CustomerName>${text}</CustomerName></ChatSessionEntity>`,
        'ChatSessionEntity',
      ) as {
        CustomerName: string;
      }
    ).CustomerName;

  test('numeric references are decoded, in decimal and hex; an escaped ampersand stays text', () => {
    assert.equal(read('Bj&#248;rn &#xE5;s &#x1F600;'), 'Bjørn ås 😀');
    assert.equal(read('&amp;#229; &lt;b&gt;'), '&#229; <b>');
  });

  for (const ref of ['&#0;', '&#x0;', '&#1;', '&#xD800;', '&#xFFFE;', '&#x110000;', '&nbsp;'] as const) {
    test(`${ref} is refused: it is no XML 1.0 character (or no entity without a DTD)`, () => {
      assert.throws(() => read(`a${ref}b`), XmlError);
    });
  }

  test('a raw control character is refused; XML 1.1 reads C0 controls as references', () => {
    assert.throws(() => read('a\u0001b'), XmlError);
    assert.equal(read('a&#x1;b', '<?xml version="1.1"?>'), 'a\u0001b');
    assert.throws(() => read('a&#x0;b', '<?xml version="1.1"?>'), XmlError);
  });

  const texts = [
    'tab\there',
    'line\r\nbreak\rcr',
    'bell\u0007 esc\u001b del\u007f nel\u0085',
    'ctl\u0001\u001f',
    'A & B <co> "q"',
    'Bjørn 😀',
  ];
  for (const text of texts) {
    test(`${JSON.stringify(text)} is written so a strict XML parser reads it back unchanged`, () => {
      const xml = toXml({ CustomerName: text }, 'ChatSessionEntity');
      const strict = new SaxesParser();
      let read = '';
      let inName = false;
      strict.on('opentag', (t) => (inName = t.name === 'CustomerName'));
      strict.on('closetag', () => (inName = false));
      strict.on('text', (t) => (read += inName ? t : ''));
      strict.on('error', (err) => assert.fail(`a strict parser refuses ${xml}: ${err.message}`));
      strict.write(xml).close();
      assert.equal(read, text);
      assert.equal((fromXml(xml, 'ChatSessionEntity') as { CustomerName: string }).CustomerName, text);
    });
  }

  test('what no XML can carry (U+0000, a lone surrogate) is written as U+FFFD, still well-formed', () => {
    const xml = toXml({ CustomerName: 'a\u0000b\ud800c' }, 'ChatSessionEntity');
    assert.equal((fromXml(xml, 'ChatSessionEntity') as { CustomerName: string }).CustomerName, 'a\ufffdb\ufffdc');
  });
});
