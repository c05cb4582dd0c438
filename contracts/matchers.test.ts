import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchemaError } from '../schemas/index.ts';
import { buildChatSession, buildChatSessionWithLinks, callerAssociate, selected } from './fixtures.ts';
import { dateTimePattern, matchersFor } from './matchers.ts';
import { xmlMatchersFor, xmlTextRule } from './xml-matchers.ts';

type Rule = { 'pact:matcher:type'?: string; regex?: string; value?: unknown };

describe('matchersFor', () => {
  test('puts a matcher from the schema on every leaf of an entity', () => {
    const m = matchersFor('ChatSessionEntityWithLinks', buildChatSessionWithLinks({ User: callerAssociate })) as Record<
      string,
      Rule & Record<string, Rule>
    >;
    assert.equal(m.ChatSessionId?.['pact:matcher:type'], 'integer');
    assert.equal(m.CustomerName?.['pact:matcher:type'], 'type');
    assert.equal(m.ChatbotIsActive?.['pact:matcher:type'], 'type');
    assert.equal(m.WhenRequested?.regex, dateTimePattern);
    assert.match(m.Status?.regex ?? '', /InQueue\|/);
    assert.equal(m.User?.AssociateId?.['pact:matcher:type'], 'integer');
    assert.equal(m.Person, null);
    assert.equal(m.FieldProperties?.['pact:matcher:type'], 'eachValue');
    assert.equal(m._Links?.['pact:matcher:type'], 'eachValue');
  });

  test('date-times match with and without an offset', () => {
    const re = new RegExp(dateTimePattern);
    for (const ok of [
      '2020-02-18T02:30:52',
      '0001-01-01T00:00:00',
      '2020-02-18T02:30:52.3661722+01:00',
      '2020-02-18T02:30:52Z',
    ])
      assert.match(ok, re);
    assert.doesNotMatch('2020-02-18 02:30', re);
  });

  test('exact properties are matched by equality', () => {
    const m = matchersFor('ChatSessionEntity', buildChatSession({ CustomerName: 'Ada' }), {
      exact: ['CustomerName'],
    }) as Record<string, Rule>;
    assert.equal(m.CustomerName?.['pact:matcher:type'], 'equality');
  });

  test('refuses an example the schema rejects, and accepts nulls only for $select answers', () => {
    assert.throws(() => matchersFor('ChatSessionEntity', { ...buildChatSession(), Rating: '3' }), SchemaError);
    const answer = selected(buildChatSessionWithLinks(), ['Status']);
    assert.throws(() => matchersFor('ChatSessionEntityWithLinks', answer), SchemaError);
    assert.doesNotThrow(() => matchersFor('ChatSessionEntityWithLinks', answer, { select: ['Status'] }));
  });

  test('the XML twin writes nulls as xsi:nil and keeps the attributes pact-js would drop', () => {
    const xml = JSON.parse(xmlMatchersFor('ChatSessionEntity', buildChatSession())) as {
      root: {
        attributes: Record<string, string>;
        children: Array<{ name: string; attributes: Record<string, string> }>;
      };
    };
    assert.equal(xml.root.attributes['xmlns:xsi'], 'http://www.w3.org/2001/XMLSchema-instance');
    assert.deepEqual(xml.root.children.find((c) => c.name === 'User')?.attributes, { 'xsi:nil': 'true' });
  });

  test('`only` keeps the properties an interaction is about, carriers cut by dotted paths', () => {
    const m = matchersFor('ChatSessionEntity', buildChatSession({ User: callerAssociate }), {
      only: ['ChatSessionId', 'User.AssociateId'],
    }) as Record<string, Rule & Record<string, Rule>>;
    assert.deepEqual(Object.keys(m), ['ChatSessionId', 'User']);
    assert.deepEqual(Object.keys(m.User ?? {}), ['AssociateId']);
    assert.throws(
      () => matchersFor('ChatSessionEntity', buildChatSession(), { only: ['NoSuch'] }),
      /no property "NoSuch"/,
    );
  });

  test('the XML text rule takes any namespace, either root name and any order, and nothing else', () => {
    const re = new RegExp(
      xmlTextRule(
        ['ChatSessionEntity', 'ChatSessionEntityWithLinks'],
        [
          ['ChatSessionId', '\\d+'],
          ['CustomerName', 'Ada'],
        ],
      ),
    );
    for (const ok of [
      '<?xml version="1.0"?><ChatSessionEntityWithLinks>' +
        '<ChatSessionId>5</ChatSessionId><CustomerName>Ada</CustomerName></ChatSessionEntityWithLinks>',
      '<ChatSessionEntity xmlns="http://x">\n' +
        '  <CustomerName>Ada</CustomerName>\n  <ChatSessionId> 5 </ChatSessionId>\n</ChatSessionEntity>',
      '<a:ChatSessionEntity xmlns:a="http://x">' +
        '<a:ChatSessionId>5</a:ChatSessionId><a:CustomerName>Ada</a:CustomerName></a:ChatSessionEntity>',
    ])
      assert.match(ok, re);
    for (const bad of [
      '{"ChatSessionId":5,"CustomerName":"Ada"}',
      '<Error><ChatSessionId>5</ChatSessionId><CustomerName>Ada</CustomerName></Error>',
      '<ChatSessionEntity><ChatSessionId>5</ChatSessionId><CustomerName>Eve</CustomerName></ChatSessionEntity>',
    ])
      assert.doesNotMatch(bad, re);
  });
});
