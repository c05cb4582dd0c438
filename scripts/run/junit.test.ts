import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeJUnit, parseJUnit } from './junit.ts';

const sample = `<?xml version="1.0"?>
<testsuites><testsuite name="api">
  <testcase name="PUT 200 @PUT-200" classname="put.spec.ts" time="0.5"/>
  <testcase name="409 @PATCH-409" classname="patch.spec.ts"><failure message="expected 409, got 200">stack</failure></testcase>
  <testcase name="two users @XFER-NOTOWNER" classname="x"><skipped/></testcase>
  <testsuite name="nested"><testcase name="deep"/></testsuite>
</testsuite></testsuites>`;

test('reads passed, failed and skipped cases, nested suites included', () => {
  assert.deepEqual(parseJUnit(sample), [
    { name: 'PUT 200 @PUT-200', suite: 'put.spec.ts', status: 'passed', seconds: 0.5 },
    { name: '409 @PATCH-409', suite: 'patch.spec.ts', status: 'failed', message: 'expected 409, got 200' },
    { name: 'two users @XFER-NOTOWNER', suite: 'x', status: 'skipped' },
    { name: 'deep', suite: 'api › nested', status: 'passed' },
  ]);
});

test('a merged document reads back as the same checks, with an error case for a stage that could not run', () => {
  const checks = parseJUnit(sample);
  const merged = mergeJUnit([
    { name: 'api', checks },
    { name: 'load', checks: [], error: 'k6 missing: run npm run k6:build' },
  ]);
  const back = parseJUnit(merged);
  assert.deepEqual(
    back.slice(0, 3).map((c) => [c.name, c.status]),
    checks.slice(0, 3).map((c) => [c.name, c.status]),
  );
  assert.deepEqual(back.at(-1), {
    name: 'stage load ran',
    suite: 'load',
    status: 'failed',
    message: 'k6 missing: run npm run k6:build',
  });
});

test('refuses a JUnit file with a DOCTYPE', () => {
  assert.throws(() => parseJUnit('<!DOCTYPE x [<!ENTITY a "b">]><testsuites/>'), /DOCTYPE/);
});
