/**
 * The one report format both engines write: figures from what was measured, junit.xml with one
 * testcase per threshold named with its clause (observations as properties, never failures), and
 * a summary.html that says the verdict, the engine, and draws the 5000 ms line.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ForeignReportsDir } from '../../lib/outputs.ts';
import { parseJUnit } from '../../lib/junit-checks.ts';
import { judge, thresholdsFor, type Measured } from '../scenario/metrics.ts';
import { figuresOf } from './figures.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { writeRunFiles } from './summary.ts';

const measured: Measured = {
  requests: 100,
  planned: 100,
  notSent: 0,
  p50: 200.5,
  p90: 210,
  p95: 220,
  p99: 5200,
  max: 5210,
  avg: 300,
  slowCount: 3,
  failed: 0,
  shapeFailed: 0,
  durationSeconds: 10,
};
const meta = {
  runId: 'r1',
  time: '2025-01-01T00:00:00Z',
  profile: 'smoke',
  target: 'embedded',
  engine: 'embedded' as const,
  engineVersion: 'undici 7.30.2, hdr-histogram-js 3.0.1',
  gitRevision: 'abc',
  nsApiSlowMs: 5000,
};
const checks = [
  { name: 'PUT-200 status is 200', passes: 100, fails: 0 },
  { name: 'ENTITY-SHAPE body matches ChatSessionEntityWithLinks', passes: 100, fails: 0 },
];
const f = figuresOf(
  measured,
  judge(thresholdsFor({ nsApiSlowMs: 5000, maxSlowShare: 0, maxErrorRate: 0.01 }), measured),
  checks,
  meta,
);

describe('load reports', () => {
  test('figures carry the engine, the shares and each threshold with its clause', () => {
    assert.deepEqual(
      [f.p95, f.requests, f.slowCount, f.slowShare, f.requestRate, f.checksRate, f.passed, f.engine],
      [220, 100, 3, 0.03, 10, 1, false, 'embedded'],
    );
    assert.deepEqual(
      f.thresholds.filter((t) => !t.ok).map((t) => `${t.clause} ${t.metric} ${t.expression}`),
      ['PUT-SLOW put_duration p(99)<5000', 'PUT-SLOW ns_api_slow rate<=0'],
    );
  });

  test('junit.xml: a testcase per threshold, the broken ones failed, observations as properties that pass', () => {
    const xml = renderJunit(f, ['ENTITY-SHAPE: 100 PUT answer(s) carried the property "Mood"']);
    const cases = parseJUnit(xml);
    assert.equal(cases.length, 6);
    assert.deepEqual(
      cases.filter((c) => c.status === 'failed').map((c) => c.name),
      ['PUT-SLOW put_duration p(99)<5000', 'PUT-SLOW ns_api_slow rate<=0'],
    );
    assert.equal(cases.find((c) => c.name.startsWith('ENTITY-SHAPE'))?.status, 'passed');
    assert.match(
      xml,
      /<property name="observed" value="ENTITY-SHAPE: 100 PUT answer\(s\) carried the property &quot;Mood&quot;"\/>/,
    );
    assert.match(xml, /<property name="engine" value="embedded"\/>/);
  });

  test('summary.html says the verdict and the engine, and draws the 5000 ms line and the trend', () => {
    const html = renderHtml({ figures: f, checks, history: [{ ...f, runId: 'r0', passed: true }], observations: [] });
    assert.match(html, /FAILED: 2 of 6 thresholds broken/);
    assert.match(html, /3 of 100 PUTs \(3\.00 %\) were slower than the 5000 ms NsApiSlow line/);
    assert.match(html, /engine embedded \(undici 7\.30\.2, hdr-histogram-js 3\.0\.1\)/);
    assert.equal(html.match(/<svg /g)?.length, 3);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3)/);
  });

  const folders =
    'the run files go to load/<run>/ and a fresh load/latest/; a folder the harness did not write is left alone';
  test(folders, () => {
    const file = { figures: f, checks, observations: [], engineData: {}, interrupted: false };
    const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
    try {
      const ours = join(dir, 'ours');
      mkdirSync(join(ours, 'load', 'latest'), { recursive: true });
      writeFileSync(join(ours, 'load', 'latest', 'stale.txt'), 'from an earlier run');
      writeFileSync(join(ours, 'run.json'), '{}'); // an earlier run's folder: adopted
      const runDir = writeRunFiles(ours, 'r1', file, []);
      assert.equal(runDir, join(ours, 'load', 'r1'));
      assert.ok(existsSync(join(ours, 'load', 'latest', 'junit.xml')));
      assert.ok(!existsSync(join(ours, 'load', 'latest', 'stale.txt')));
      const theirs = join(dir, 'theirs');
      mkdirSync(join(theirs, 'load', 'latest'), { recursive: true });
      writeFileSync(join(theirs, 'load', 'latest', 'notes.txt'), 'a user file');
      assert.throws(() => writeRunFiles(theirs, 'r1', file, []), ForeignReportsDir);
      assert.equal(readFileSync(join(theirs, 'load', 'latest', 'notes.txt'), 'utf8'), 'a user file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
