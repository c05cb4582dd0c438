import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeJUnit, parseJUnit } from './junit-checks.ts';

const sample = `<?xml version="1.0"?>
<testsuites><testsuite name="api">
  <testcase name="PUT 200 @PUT-200" classname="put.spec.ts" time="0.5"/>
  <testcase name="409 @PATCH-409" classname="patch.spec.ts">\
<failure message="expected 409, got 200">stack</failure></testcase>
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

test('reads observations, the clause a failure is blamed on, the project, and the error from the text', () => {
  const observed = JSON.stringify({
    clause: 'PUT-ID',
    what: 'status for "abc"',
    observed: '404',
    reference: '400',
    kind: 'assumed',
    agrees: false,
  }).replace(/"/g, '&quot;');
  const xml = `<testsuites><testsuite name="put.spec.ts" hostname="drop-property">
    <testcase name="refuses abc @PUT-ID" classname="put.spec.ts">
      <properties><property name="observed" value="${observed}"/><property name="tag" value="x"/></properties>
    </testcase>
    <testcase name="saves @PUT-200 @ENTITY-SHAPE" classname="put.spec.ts">
      <properties><property name="clause-failed" value="ENTITY-SHAPE"/></properties>
      <failure message="put.spec.ts:3:1 saves" type="FAILURE">  1) put.spec.ts:3:1 › saves

    Error: ENTITY-SHAPE: CustomerEmail is missing</failure>
    </testcase>
  </testsuite></testsuites>`;
  const [first, second] = parseJUnit(xml);
  assert.deepEqual(first?.observed?.[0]?.observed, '404');
  assert.equal(first?.project, 'drop-property');
  assert.deepEqual(second?.failedClauses, ['ENTITY-SHAPE']);
  assert.equal(second?.message, 'Error: ENTITY-SHAPE: CustomerEmail is missing');
  const back = parseJUnit(mergeJUnit([{ name: 'api', checks: [first!, second!] }]));
  assert.deepEqual(back[0]?.observed, first?.observed);
  assert.deepEqual(back[1]?.failedClauses, ['ENTITY-SHAPE']);
});

test('a failure recorded as a property (the deviation proof keeps its workers) reads as a failed check', () => {
  const xml = `<testsuites><testsuite name="s" hostname="m"><testcase name="t @PATCH-409" classname="c">
    <properties><property name="failure" value="Error: expected 409, got 200"/></properties>
  </testcase></testsuite></testsuites>`;
  assert.deepEqual(parseJUnit(xml), [
    { name: 't @PATCH-409', suite: 'c', status: 'failed', message: 'Error: expected 409, got 200', project: 'm' },
  ]);
});

test('a skipped case says why it was not run: its message, or the skip annotation Playwright writes', () => {
  const xml = `<testsuites><testsuite name="s">
    <testcase name="XFER-NOTOWNER x" classname="pact">
      <skipped message="needs a second user: set SECOND_TICKET"/>
    </testcase>
    <testcase name="two users @XFER-NOTOWNER" classname="t.spec.ts">
      <properties><property name="skip" value="needs SECOND_USERNAME"/></properties><skipped/>
    </testcase>
  </testsuite></testsuites>`;
  const checks = parseJUnit(xml);
  assert.deepEqual(
    checks.map((c) => [c.status, c.message]),
    [
      ['skipped', 'needs a second user: set SECOND_TICKET'],
      ['skipped', 'needs SECOND_USERNAME'],
    ],
  );
  assert.match(
    mergeJUnit([{ name: 'verify', checks }]),
    /<skipped message="needs a second user: set SECOND_TICKET"\/>/,
  );
  assert.deepEqual(parseJUnit(mergeJUnit([{ name: 'verify', checks }])), checks);
});
