import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadClauses } from '../lib/clauses.ts';
import { blamedClauses, judgeOutcomes } from './judge.ts';

const clauses = loadClauses();
const failed = (description: string, ...mismatches: string[]) => ({ description, passed: false, mismatches });

describe('which clause a failed interaction is blamed on', () => {
  test(
    'a Content-Type mismatch is ACCEPT-JSON (or ACCEPT-XML), ' + 'and the body mismatches after it are not judged',
    () => {
      const lines = [
        "Expected a body of 'application/json' but the actual content type was 'application/xml;charset=utf-8'",
        "$ -> Expected '<x/>' to match '^\\s*null\\s*$'",
        "Mismatch with header 'Content-Type': Expected 'application/xml' to match '^application\\/json(;.*)?$'",
      ];
      assert.deepEqual(blamedClauses('PICK-NULL picking up answers null', lines, clauses), ['ACCEPT-JSON']);
      const xml =
        "Mismatch with header 'Content-Type': Expected 'application/json' to match '^application\\/xml(;.*)?$'";
      assert.deepEqual(blamedClauses('ACCEPT-XML saving with Accept xml', [xml], clauses), ['ACCEPT-XML']);
    },
  );

  test('a missing or mistyped property is ENTITY-SHAPE (the rights and links ENTITY-LINKS)', () => {
    const desc = 'SELECT-FIELDS saving with $select';
    assert.deepEqual(blamedClauses(desc, ['$ -> Actual map is missing the following keys: CustomerEmail'], clauses), [
      'ENTITY-SHAPE',
    ]);
    assert.deepEqual(blamedClauses(desc, ["$.Rating -> Expected '3' (String) to be an integer"], clauses), [
      'ENTITY-SHAPE',
    ]);
    assert.deepEqual(blamedClauses(desc, ['$ -> Actual map is missing the following keys: _Links'], clauses), [
      'ENTITY-LINKS',
    ]);
  });

  test("any other mismatch is the interaction's own clauses'", () => {
    const line = "$.CustomerEmail -> Expected 'a@b.c' (String) to be equal to null (Null)";
    assert.deepEqual(blamedClauses('SELECT-FIELDS saving with $select', [line], clauses), ['SELECT-FIELDS']);
    assert.deepEqual(blamedClauses('PATCH-200 CT-JSONPATCH a replace', ['expected 200 but was 400'], clauses), [
      'CT-JSONPATCH',
      'PATCH-200',
    ]);
  });
});

describe('judging outcomes for the report', () => {
  const put404 = failed(
    'PUT-404 saving to an id that does not exist is refused with 400 or 404',
    'expected 400 or 404 but was 200',
  );

  test('against a live tenant an all-assumed interaction that fails is an observation, unless strict', () => {
    const [live] = judgeOutcomes([put404], { target: 'live', strict: false }, clauses);
    assert.equal(live?.passed, true);
    assert.equal(live?.observed?.[0]?.clause, 'PUT-404');
    assert.equal(live?.observed?.[0]?.agrees, false);
    assert.match(live?.observed?.[0]?.observed ?? '', /was 200/);
    assert.equal(judgeOutcomes([put404], { target: 'live', strict: true }, clauses)[0]?.passed, false);
    assert.equal(judgeOutcomes([put404], { target: 'embedded', strict: false }, clauses)[0]?.passed, false);
  });

  test('a documented interaction fails everywhere, blamed on the clause its mismatches name', () => {
    const shape = failed('SELECT-FIELDS saving', '$ -> Actual map is missing the following keys: CustomerEmail');
    const [out] = judgeOutcomes([shape], { target: 'live', strict: false }, clauses);
    assert.equal(out?.passed, false);
    assert.deepEqual(out?.failedClauses, ['ENTITY-SHAPE']);
    const own = failed('PATCH-409 a failed test operation is refused with 409', 'expected 409 but was 200');
    assert.equal(judgeOutcomes([own], { target: 'live', strict: false }, clauses)[0]?.failedClauses, undefined);
  });
});
