import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createRedactor } from '../../lib/redact.ts';
import { clauseMatrix } from './matrix.ts';
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
