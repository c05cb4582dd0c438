import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createRedactor } from '../../lib/redact.ts';
import { differingObservation as differing } from '../../lib/observed.fixtures.ts';
import type { Observation } from '../../lib/observed.ts';
import type { Check } from '../../lib/junit-checks.ts';
import type { StageResult } from '../run/stages.ts';
import { clauseMatrix, notCoveredReason, observedBehaviour } from './matrix.ts';
import { buildRun, stage } from './fixtures.ts';
import { verdictOf, writeReport, type RunRecord } from './write.ts';

/** buildRun(overrides) with `extra` after its stages. */
function runWith(extra: StageResult, overrides: Partial<RunRecord> = {}): RunRecord {
  const run = buildRun(overrides);
  run.stages.push(extra);
  return run;
}

/** A run whose verify stage failed on this one check. */
const failedVerify = (check: Omit<Check, 'status'>) =>
  runWith(stage('verify', 'failed', [{ ...check, status: 'failed' }]));

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
    const run = failedVerify({
      name: 'PATCH-409 a failed test operation is refused with 409',
      suite: 'pact',
      message: 'expected 409 got 200',
    });
    assert.equal(clauseMatrix(run.stages).find((r) => r.id === 'PATCH-409')?.status, 'failed');
  });
});

describe('one root cause, one failed clause', () => {
  test('a failed check that blames a clause fails that clause only, not every clause it names', () => {
    const run = failedVerify({
      name: 'saves @PUT-200 @SELECT-FIELDS',
      suite: 'put.spec.ts',
      failedClauses: ['ENTITY-SHAPE'],
    });
    const matrix = clauseMatrix(run.stages);
    assert.deepEqual(
      matrix.filter((r) => r.status === 'failed').map((r) => r.id),
      ['ENTITY-SHAPE'],
    );
    assert.equal(matrix.find((r) => r.id === 'SELECT-FIELDS')?.checks[0]?.judged, false);
    assert.equal(verdictOf(run, matrix).line, 'FAILED — 1 clause failed: ENTITY-SHAPE');
  });
});

describe('observed behaviour', () => {
  test('an assumed behaviour that differs makes its clause observed, and the run still passes', () => {
    const agreeing = { ...differing, what: 'status for the non-integer id "1.5"', observed: '400', agrees: true };
    const run = runWith(
      stage('api', 'passed', [
        { name: 'refuses "abc" @PUT-ID', suite: 'put.spec.ts', status: 'passed', observed: [differing] },
        { name: 'refuses "1.5" @PUT-ID', suite: 'put.spec.ts', status: 'passed', observed: [agreeing] },
      ]),
      { targetKind: 'live' },
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
    const run = runWith(
      stage('api', 'passed', [
        { name: 'refuses "abc" @PUT-ID', suite: 'put.spec.ts', status: 'passed', observed: [differing] },
      ]),
      { targetKind: 'live' },
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
    const run = failedVerify({ name: 'PATCH-409 refused', suite: 'pact' });
    assert.equal(verdictOf(run, clauseMatrix(run.stages)).line, 'FAILED — 1 clause failed: PATCH-409');
  });

  test('a stage that could not run makes it INCOMPLETE, never PASSED', () => {
    const run = runWith(
      { ...stage('load', 'error'), title: 'k6 load', detail: 'k6 missing' },
      { complete: false, exitCode: 2 },
    );
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

describe('checks that were not run', () => {
  const reason = 'provider state "chat session {id} belongs to another user" needs a second user: set SECOND_TICKET';
  const withNotRun = () =>
    runWith(
      stage('verify', 'passed', [
        { name: 'PUT-200 saving a chat session answers 200', suite: 'pact', status: 'passed' },
        {
          name: 'XFER-NOTOWNER transferring a session owned by another user',
          suite: 'pact',
          status: 'skipped',
          message: reason,
        },
      ]),
      { targetKind: 'live' },
    );

  test('never fail a clause: with nothing else wrong the run PASSED, and the line counts them', () => {
    const run = withNotRun();
    const matrix = clauseMatrix(run.stages);
    assert.equal(matrix.find((r) => r.id === 'XFER-NOTOWNER')?.status, 'skipped');
    assert.equal(
      verdictOf(run, matrix).line,
      'PASSED — 3 of 45 clauses checked and honoured; 42 not covered in this run; 1 check not run (see Not run)',
    );
  });

  test('are listed as not run with the reason in summary.md and index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-not-run-'));
    const paths = writeReport(dir, withNotRun(), createRedactor([]));
    const md = readFileSync(paths.markdown, 'utf8');
    assert.match(md, /^\*\*PASSED — .*; 1 check not run \(see Not run\)\*\*$/m);
    assert.match(md, /### Not run\n\n1 check not run, so neither passed nor failed; each says why\.\n\n- verify: /);
    assert.ok(md.includes(`- verify: XFER-NOTOWNER transferring a session owned by another user: ${reason}\n`), md);
    assert.match(md, /- `XFER-NOTOWNER`: its checks were not run \(see Not run\)/);
    const html = readFileSync(paths.html, 'utf8');
    assert.match(
      html,
      /<tr data-clause="XFER-NOTOWNER" data-status="skipped">.*<span class="badge b-skipped">not run<\/span>/,
    );
    const row = '<td>verify</td><td>XFER-NOTOWNER transferring a session owned by another user</td>';
    assert.ok(html.includes(`${row}<td>${reason.replace(/"/g, '&quot;')}</td>`), 'the not-run table names why');
    assert.match(
      readFileSync(paths.junit, 'utf8'),
      /<skipped message="provider state &quot;chat session \{id\} belongs/,
    );
  });
});

describe('the consumer tests', () => {
  const consumer = (status: 'passed' | 'failed') =>
    stage('contracts', status, [{ name: 'XFER-NOTOWNER transferring changes nothing', suite: 'pact', status }]);

  test('decide no clause: they check the pact against a mock, not the tenant', () => {
    const run = buildRun({ stages: [stage('config', 'passed'), consumer('passed')] });
    const [row] = clauseMatrix(run.stages).filter((r) => r.id === 'XFER-NOTOWNER');
    assert.equal(row?.status, 'not-covered');
    assert.match(notCoveredReason(row!, run.stages), /^only the consumer tests name it \(they check the pact, not/);
    assert.match(verdictOf(run, clauseMatrix(run.stages)).line, /^PASSED — 0 of 45 clauses checked and honoured/);
  });

  test('beside a tenant check that was not run, the clause is not run, not passed', () => {
    const run = buildRun({
      stages: [
        consumer('passed'),
        stage('verify', 'passed', [
          { name: 'XFER-NOTOWNER transferring', suite: 'pact', status: 'skipped', message: 'needs a second user' },
        ]),
      ],
    });
    assert.equal(clauseMatrix(run.stages).find((r) => r.id === 'XFER-NOTOWNER')?.status, 'skipped');
  });
});
