import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { renderJUnit, type JUnitDocument } from './junit.ts';

const doc: JUnitDocument = {
  name: 'stage',
  attributes: { time: '1.500' },
  suites: [
    {
      name: 'suite "one"',
      attributes: { timestamp: '2026-01-01T00:00:00Z' },
      properties: [['engine', 'embedded']],
      cases: [
        { classname: 'c', name: 'PUT-200 passes', time: 0.25 },
        {
          classname: 'c',
          name: 'PATCH-409 fails',
          properties: [['clause-failed', 'PATCH-409']],
          failure: { message: 'expected 409', type: 'threshold', text: 'expected 409\ngot <200> & more' },
        },
        { classname: 'c', name: 'XFER-NOTOWNER not run', skipped: { message: "needs a second user's credentials" } },
        { classname: 'c', name: 'bare skip', skipped: {} },
      ],
    },
    {
      name: 'two',
      cases: [{ classname: 'two', name: 'stage two ran', error: { message: 'k6 missing', text: 'k6 missing' } }],
    },
  ],
};

describe('renderJUnit: the one JUnit writer', () => {
  test('writes suites, cases, properties, failure, error and skipped, with counts taken from the cases', () => {
    assert.equal(
      renderJUnit(doc),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="stage" tests="5" failures="1" errors="1" skipped="2" time="1.500">',
        '  <testsuite name="suite &quot;one&quot;" tests="4" failures="1" errors="0" skipped="2" ' +
          'timestamp="2026-01-01T00:00:00Z">',
        '    <properties>',
        '      <property name="engine" value="embedded"/>',
        '    </properties>',
        '    <testcase classname="c" name="PUT-200 passes" time="0.25"></testcase>',
        '    <testcase classname="c" name="PATCH-409 fails">',
        '      <properties><property name="clause-failed" value="PATCH-409"/></properties>',
        '      <failure message="expected 409" type="threshold">expected 409\ngot &lt;200&gt; &amp; more</failure>',
        '    </testcase>',
        '    <testcase classname="c" name="XFER-NOTOWNER not run">',
        '      <skipped message="needs a second user&apos;s credentials"/>',
        '    </testcase>',
        '    <testcase classname="c" name="bare skip">',
        '      <skipped/>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="two" tests="1" failures="0" errors="1" skipped="0">',
        '    <testcase classname="two" name="stage two ran">',
        '      <error message="k6 missing">k6 missing</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('a strict XML parser reads it, text with markup and controls included', () => {
    const nasty = `it's "odd" <b> & \u0001\u0007 ünï 😀`;
    const xml = renderJUnit({
      name: nasty,
      suites: [{ name: nasty, cases: [{ classname: nasty, name: nasty, failure: { message: nasty, text: nasty } }] }],
    });
    const names: string[] = [];
    const strict = new SaxesParser();
    strict.on('opentag', (t) => names.push(String(t.attributes.name ?? t.attributes.message ?? '')));
    strict.on('error', (err) => assert.fail(`a strict parser refuses the document: ${err.message}`));
    strict.write(xml).close();
    assert.deepEqual(names.slice(0, 3), Array(3).fill(`it's "odd" <b> &  ünï 😀`));
  });

  test('an empty document is still one valid testsuites element', () => {
    assert.match(
      renderJUnit({ name: 'x', suites: [] }),
      /<testsuites name="x" tests="0" failures="0" errors="0" skipped="0">\n<\/testsuites>/,
    );
  });
});
