import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { differingObservation as observation } from './observed.fixtures.ts';
import { assumedFails, decodeObservation, encodeObservation, shown } from './observed.ts';

test('an observation survives its encoding; anything else decodes to undefined', () => {
  assert.deepEqual(decodeObservation(encodeObservation(observation)), observation);
  for (const text of [undefined, '', 'not json', '{"clause":"PUT-ID"}', JSON.stringify({ ...observation, kind: 'x' })])
    assert.equal(decodeObservation(text), undefined, String(text));
});

test('assumed behaviour fails against the embedded tenant, and against a live one only in strict mode', () => {
  assert.equal(assumedFails({ target: 'embedded', strict: false }), true);
  assert.equal(assumedFails({ target: 'live', strict: false }), false);
  assert.equal(assumedFails({ target: 'live', strict: true }), true);
});

test('STRICT is one validated boolean setting, false unless set', () => {
  const live = { TENANT_URL: 'https://t.example', AUTH_SCHEME: 'bearer', SO_TOKEN: 't' };
  assert.equal(loadConfig({ env: live, envFile: false }).strict, false);
  assert.equal(loadConfig({ env: { ...live, STRICT: 'true' }, envFile: false }).strict, true);
  assert.throws(
    () => loadConfig({ env: { ...live, STRICT: 'sometimes' }, envFile: false }),
    (err: unknown) => err instanceof ConfigError && /STRICT="sometimes" must be boolean/.test(err.message),
  );
});

test('values are shown bare when they are text, as JSON otherwise, and cut at 200 characters', () => {
  assert.equal(shown('404'), '404');
  assert.equal(shown({ Error: true }), '{"Error":true}');
  assert.equal(shown('x'.repeat(300)).length, 200);
});
