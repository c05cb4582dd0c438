import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRedactor, createStreamRedactor, redactHeaders } from './redact.ts';

describe('createRedactor', () => {
  const redact = createRedactor(['s3cret-pass', 'tok/en+1']);
  /** Text with nothing to mask comes back as it went in. */
  const assertUnchanged = (text: string) => assert.equal(redact(text), text);

  test('masks a secret value wherever it appears', () => {
    assert.equal(redact('password s3cret-pass in a log'), 'password *** in a log');
  });

  test('masks the URL-encoded and base64 forms', () => {
    assert.equal(
      redact(`q=${encodeURIComponent('tok/en+1')} b=${Buffer.from('s3cret-pass').toString('base64')}`),
      'q=*** b=***',
    );
  });

  test('masks credentials in auth headers even when the value is unknown', () => {
    assert.equal(redact('Authorization: Bearer abc.def.ghi'), 'Authorization: Bearer ***');
    assert.equal(redact('{"Authorization":"Basic dGplMDpUamUw"}'), '{"Authorization":"Basic ***"}');
    assert.equal(redact('X-XSRF-TOKEN: zzz; SO-AppToken=abc'), 'X-XSRF-TOKEN: ***; SO-AppToken=***');
  });

  test('leaves prose about auth headers readable', () => {
    assertUnchanged('`Authorization: Basic <base64 user:pass>` is accepted');
  });

  test('masks the password of any URL with user info, known or not', () => {
    assert.equal(
      redact('publishing to https://ci:br0ker-pw@broker.example/pacts and http://u:p@h:1/x'),
      'publishing to https://ci:***@broker.example/pacts and http://u:***@h:1/x',
    );
    assertUnchanged('see https://sod.superoffice.com/Cust1 or a@b.c');
  });

  test('leaves text without secrets alone', () => {
    assertUnchanged('PUT /api/v1/ChatSession/5 200');
  });
});

test('redactHeaders masks sensitive header values by name', () => {
  assert.deepEqual(
    redactHeaders({ Authorization: 'Basic x', Cookie: 'XSRF-TOKEN=a', Accept: 'application/json', 'SO-AppToken': 'q' }),
    {
      Authorization: '***',
      Cookie: '***',
      Accept: 'application/json',
      'SO-AppToken': '***',
    },
  );
});

describe('createStreamRedactor: output in chunks, masked as whole lines', () => {
  const secret = 'SENTINEL-PW-7f3a';
  const run = (chunks: string[]) => {
    const stream = createStreamRedactor(createRedactor([secret]));
    return chunks.map((c) => stream.push(c)).join('') + stream.end();
  };

  test('a secret split across two chunks is masked', () => {
    for (let cut = 1; cut < secret.length; cut++) {
      const out = run([`password ${secret.slice(0, cut)}`, `${secret.slice(cut)} used\n`]);
      assert.equal(out, 'password *** used\n', `cut at ${cut}`);
    }
  });

  test('an auth header split mid-token is masked, and a last line without newline is kept', () => {
    assert.equal(run(['Authorization: Bearer abc.d', 'ef.ghi\nnext', ' line']), 'Authorization: Bearer ***\nnext line');
  });

  test('complete lines are passed on at once, the partial one held back', () => {
    const stream = createStreamRedactor(createRedactor([secret]));
    assert.equal(stream.push('one\ntwo'), 'one\n');
    assert.equal(stream.push(' and three\n'), 'two and three\n');
    assert.equal(stream.end(), '');
  });

  test('a huge line without newline is passed on in pieces cut between words, still masked', () => {
    const stream = createStreamRedactor(createRedactor([secret]));
    const words = Array.from({ length: 40_000 }, (_, i) => (i === 20_000 ? secret : 'word')).join(' ');
    let out = '';
    for (let i = 0; i < words.length; i += 1000) out += stream.push(words.slice(i, i + 1000));
    assert.ok(out.length > 0, 'something was passed on before the end');
    out += stream.end();
    assert.equal(out, words.replace(secret, '***'));
  });
});
