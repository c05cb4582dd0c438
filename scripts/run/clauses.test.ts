import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { clauseIdsIn, clausesFile, kindOf, loadClauses, parseClauses } from './clauses.ts';

test('parses every clause of CLAUSES.md with its section and kind', () => {
  const clauses = loadClauses();
  assert.equal(clauses.length, 45);
  assert.deepEqual(
    clauses.find((c) => c.id === 'PATCH-409'),
    {
      id: 'PATCH-409',
      text: '409 when a `test` operation detects a conflict; the update is blocked, nothing changes',
      source: 'PATCH page',
      kind: 'documented',
      section: 'PATCH /api/v1/ChatSession/{id}',
    },
  );
  assert.deepEqual(
    clauses.filter((c) => c.kind === 'assumed').map((c) => c.id),
    ['AUTH-NONE', 'PUT-404'],
  );
  assert.deepEqual(
    clauses.filter((c) => c.kind === 'mixed').map((c) => c.id),
    ['PUT-ID', 'PATCH-NOMOVE', 'PICK-WELCOME'],
  );
  assert.equal(clauses.find((c) => c.id === 'PUT-ID')?.tenant, '400');
  assert.equal(new Set(clauses.map((c) => c.id)).size, clauses.length);
});

test('a source is assumed when every part says so, mixed when some part does', () => {
  assert.equal(kindOf('assumed'), 'assumed');
  assert.equal(kindOf('PATCH page / assumed code'), 'mixed');
  assert.equal(kindOf('all four'), 'documented');
});

test('finds clause IDs as tags and as words, not inside longer IDs', () => {
  const ids = ['PUT-200', 'PATCH-409', 'PATCH-PATH', 'CT-JSON', 'CT-JSONPATCH'];
  assert.deepEqual(clauseIdsIn('returns 409 and changes nothing @PATCH-409 @PATCH-PATH', ids), [
    'PATCH-409',
    'PATCH-PATH',
  ]);
  assert.deepEqual(clauseIdsIn('PUT-200 status is 200', ids), ['PUT-200']);
  assert.deepEqual(clauseIdsIn('reads bodies @CT-JSONPATCH', ids), ['CT-JSONPATCH']);
  assert.deepEqual(clauseIdsIn('no clause here', ids), []);
});

test('ignores table rows that are not clauses', () => {
  assert.deepEqual(parseClauses('| ID | Clause | Source |\n|---|---|---|\n| X | y | z |'), []);
});

test('the copy in reference/ matches the shared reference when that is present', (t) => {
  const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'CLAUSES.md');
  if (!existsSync(shared)) return t.skip('no shared reference beside this clone');
  assert.equal(
    readFileSync(clausesFile, 'utf8'),
    readFileSync(shared, 'utf8'),
    'reference/CLAUSES.md drifted from ../shared/reference/CLAUSES.md: copy it again',
  );
});
