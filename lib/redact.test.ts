import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRedactor, redactHeaders } from './redact.ts';

describe('createRedactor', () => {
  const redact = createRedactor(['s3cret-pass', 'tok/en+1']);

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
    assert.equal(
      redact('`Authorization: Basic <base64 user:pass>` is accepted'),
      '`Authorization: Basic <base64 user:pass>` is accepted',
    );
  });

  test('masks the password of any URL with user info, known or not', () => {
    assert.equal(
      redact('publishing to https://ci:br0ker-pw@broker.example/pacts and http://u:p@h:1/x'),
      'publishing to https://ci:***@broker.example/pacts and http://u:***@h:1/x',
    );
    assert.equal(
      redact('see https://sod.superoffice.com/Cust1 or a@b.c'),
      'see https://sod.superoffice.com/Cust1 or a@b.c',
    );
  });

  test('leaves text without secrets alone', () => {
    assert.equal(redact('PUT /api/v1/ChatSession/5 200'), 'PUT /api/v1/ChatSession/5 200');
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
