import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { escapeXml } from './escape.ts';

describe('escapeXml: the one escaper for reports, JUnit and HTML', () => {
  test('writes & < > " \' as entities, so text is safe in element content and in an attribute value', () => {
    assert.equal(escapeXml(`a & b <c> "d" 'e'`), 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  test('drops what no XML 1.0 document can hold and keeps the rest of the text as it is', () => {
    assert.equal(
      escapeXml('ctl\u0001\u001f nul\u0000 \ufffe lone\ud800 tab\there\r\nline 😀 nel\u0085'),
      'ctl nul  lone tab\there\r\nline 😀 nel\u0085',
    );
  });

  test('a strict parser reads an escaped attribute value back as the text', () => {
    const text = `it's "odd" <b> & ünï 😀`;
    let read: string | undefined;
    const strict = new SaxesParser();
    strict.on('opentag', (t) => (read = t.attributes.v as string));
    strict.on('error', (err) => assert.fail(err.message));
    strict.write(`<x v="${escapeXml(text)}"/>`).close();
    assert.equal(read, text);
  });
});
