import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createRedactor } from '../../lib/redact.ts';
import type { Observation } from '../../lib/observed.ts';
import { clauseMatrix, observedBehaviour } from './matrix.ts';
import { buildRun, stage } from './fixtures.ts';
import { verdictOf, writeReport } from './write.ts';

describe('clause matrix', () => {
  test('maps checks to every clause they name and lists the rest as not covered', () => {
    const matrix = clauseMatrix(buildRun().stages);
    assert.equal(matrix.length, 45);
    assert.deepEqual(
      matrix.filter((r) => r.status === 'passed').map((r) => r.id),
      ['PUT-200', 'PATCH-409', 'ENTITY-LINKS'],
    );
    assert.equal(matrix.filter((r) => r.status === 'not-covered').length, 42);
  });

  test('one failed check fails its clause', () => {
    const run = buildRun();
    run.stages.push(
      stage('verify', 'failed', [
        {
          name: 'PATCH-409 a failed test operation is refused with 409',
          suite: 'pact',
          status: 'failed',
          message: 'expected 409 got 200',
        },
      ]),
    );
    assert.equal(clauseMatrix(run.stages).find((r) => r.id === 'PATCH-409')?.status, 'failed');
  });
});

describe('one root cause, one failed clause', () => {
  test('a failed check that blames a clause fails that clause only, not every clause it names', () => {
    const run = buildRun();
    run.stages.push(
      stage('verify', 'failed', [
        {
          name: 'saves @PUT-200 @SELECT-FIELDS',
          suite: 'put.spec.ts',
          status: 'failed',
          failedClauses: ['ENTITY-SHAPE'],
        },
      ]),
    );
    const matrix = clauseMatrix(run.stages);
    assert.deepEqual(
      matrix.filter((r) => r.status === 'failed').map((r) => r.id),
      ['ENTITY-SHAPE'],
    );
    assert.equal(matrix.find((r) => r.id === 'SELECT-FIELDS')?.checks[0]?.judged, false);
    assert.equal(verdictOf(run, matrix).line, 'FAILED — 1 clause failed: ENTITY-SHAPE');
  });
});

const differing: Observation = {
  clause: 'PUT-ID',
  what: 'status for the non-integer id "abc"',
  observed: '404',
  reference: '400',
  kind: 'assumed',
  agrees: false,
};

describe('observed behaviour', () => {
  test('an assumed behaviour that differs makes its clause observed, and the run still passes', () => {
    const run = buildRun({ targetKind: 'live' });
    run.stages.push(
      stage('api', 'passed', [
        { name: 'refuses "abc" @PUT-ID', suite: 'put.spec.ts', status: 'passed', observed: [differing] },
        {
          name: 'refuses "1.5" @PUT-ID',
          suite: 'put.spec.ts',
          status: 'passed',
          observed: [{ ...differing, what: 'status for the non-integer id "1.5"', observed: '400', agrees: true }],
        },
      ]),
    );
    const matrix = clauseMatrix(run.stages);
    assert.equal(matrix.find((r) => r.id === 'PUT-ID')?.status, 'observed');
    assert.match(
      verdictOf(run, matrix).line,
      /^PASSED — 4 of 45 clauses checked and honoured; 41 not covered in this run; 1 clause where/,
    );
    const rows = observedBehaviour(run.stages);
    assert.deepEqual(
      rows.map((r) => [r.observed, r.agrees]),
      [
        ['404', false],
        ['400', true],
      ],
    );
  });

  test('the report shows what the tenant did beside the reference tenant, in HTML, summary.md and run.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-observed-'));
    const run = buildRun({ targetKind: 'live' });
    run.stages.push(
      stage('api', 'passed', [
        { name: 'refuses "abc" @PUT-ID', suite: 'put.spec.ts', status: 'passed', observed: [differing] },
      ]),
    );
    const paths = writeReport(dir, run, createRedactor([]));
    assert.match(
      readFileSync(paths.html, 'utf8'),
      /<tr data-observed="PUT-ID" data-agrees="false">.*<b>404<\/b>.*<td>400<\/td>/,
    );
    assert.match(
      readFileSync(paths.markdown, 'utf8'),
      /### Observed behaviour[\s\S]*\| `PUT-ID` \| status for the non-integer id "abc" \| \*\*404\*\* \| 400 \|/,
    );
    const json = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { observed: Observation[] };
    assert.equal(json.observed[0]?.observed, '404');
  });
});

describe('verdict', () => {
  test('PASSED names how many clauses were checked', () => {
    const run = buildRun();
    assert.equal(
      verdictOf(run, clauseMatrix(run.stages)).line,
      'PASSED — 3 of 45 clauses checked and honoured; 42 not covered in this run',
    );
  });

  test('FAILED names the failed clauses', () => {
    const run = buildRun();
    run.stages.push(stage('verify', 'failed', [{ name: 'PATCH-409 refused', suite: 'pact', status: 'failed' }]));
    assert.equal(verdictOf(run, clauseMatrix(run.stages)).line, 'FAILED — 1 clause failed: PATCH-409');
  });

  test('a stage that could not run makes it INCOMPLETE, never PASSED', () => {
    const run = buildRun({ complete: false, exitCode: 2 });
    run.stages.push({ ...stage('load', 'error'), title: 'k6 load', detail: 'k6 missing' });
    assert.equal(verdictOf(run, clauseMatrix(run.stages)).line, 'INCOMPLETE — k6 load: k6 missing');
  });
});

test('writeReport writes all four files whole and redacts secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const run = buildRun();
  run.stages[2]!.detail = 'used Authorization: Basic dGplMDpUamUw and password Tje0-secret';
  const paths = writeReport(dir, run, createRedactor(['Tje0-secret']));
  for (const file of ['index.html', 'summary.md', 'junit.xml', 'run.json'])
    assert.ok(existsSync(join(dir, file)), file);
  const all = ['index.html', 'summary.md', 'junit.xml', 'run.json']
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  assert.doesNotMatch(all, /dGplMDpUamUw|Tje0-secret/);
  assert.match(readFileSync(paths.html, 'utf8'), /data-verdict="PASSED"/);
  assert.match(readFileSync(paths.markdown, 'utf8'), /^## ChatSession API verification: PASSED/);
});
