import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRecovery } from './safety.ts';

test('a session known only by its marker is named by the marker, never as id 0', () => {
  const line = describeRecovery({
    restored: [],
    deleted: [401],
    failed: [
      { id: 0, reason: 'a session with CustomerAlias "harness-load r1 #3" may exist' },
      { id: 123, reason: 'PUT answered 500' },
    ],
  });
  assert.equal(
    line,
    "live tenant sessions: deleted the harness's own 401; NOT restored: id never learnt (a session with " +
      'CustomerAlias "harness-load r1 #3" may exist), 123 (PUT answered 500)',
  );
  assert.doesNotMatch(line, /\b0 \(/);
});
