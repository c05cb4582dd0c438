import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseRunRecord, parseTestTiming, readTestTimes, startSettings } from './wall-times.ts';

/** Each stage as timing.json records it (ms) and as it reads back (seconds). */
const stages = [
  { name: 'unit', ms: 80_100, seconds: 80.1, passed: 659, failed: 0 },
  { name: 'api-deviations', ms: 120_000, seconds: 120, passed: 18, failed: 1 },
];
const timing = {
  finishedAt: '2026-12-02T03:00:00.000Z',
  wallMs: 452_300,
  stages: stages.map(({ seconds: _, ...recorded }) => recorded),
};

describe('bench: the wall-time records', () => {
  test('reads reports/test/timing.json as npm test writes it', () => {
    assert.deepEqual(parseTestTiming(JSON.stringify(timing)), {
      finishedAt: '2026-12-02T03:00:00.000Z',
      wallSeconds: 452.3,
      stages: stages.map(({ ms: _, ...read }) => read),
    });
  });

  test('a timing file of another shape is refused naming the field', () => {
    const bad = (v: unknown) => () => parseTestTiming(JSON.stringify(v));
    assert.throws(() => parseTestTiming('{'), /not JSON/);
    assert.throws(bad([]), /not a JSON object/);
    assert.throws(bad({ ...timing, finishedAt: 'yesterday' }), /finishedAt must be an ISO date-time/);
    assert.throws(bad({ ...timing, wallMs: '452s' }), /wallMs must be a number/);
    assert.throws(bad({ ...timing, stages: {} }), /stages must be an array/);
    assert.throws(bad({ ...timing, stages: [{ name: 'unit', seconds: 80 }] }), /stages\[0\] must have a name/);
  });

  test('no file, or one that does not read, says so instead of throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-timing-'));
    assert.deepEqual(readTestTimes(join(dir, 'timing.json')), { state: 'missing', file: join(dir, 'timing.json') });
    writeFileSync(join(dir, 'timing.json'), '{"finishedAt": 3}');
    const unreadable = readTestTimes(join(dir, 'timing.json'));
    assert.equal(unreadable.state, 'unreadable');
    assert.match(unreadable.state === 'unreadable' ? unreadable.error : '', /finishedAt/);
    writeFileSync(join(dir, 'timing.json'), JSON.stringify(timing));
    assert.equal(readTestTimes(join(dir, 'timing.json')).state, 'recorded');
  });

  test("takes each stage's seconds and the verdict from the run.json npm start writes", () => {
    const run = {
      stages: [
        { id: 'config', title: 'Configuration', status: 'passed', seconds: 0.1, checks: [] },
        { id: 'api', title: 'Playwright API suite', status: 'failed', seconds: 12.5 },
        { title: 'no id' },
      ],
      verdict: { word: 'FAILED', line: 'FAILED — 1 clause failed: PUT-400' },
    };
    assert.deepEqual(parseRunRecord(JSON.stringify(run)), {
      stages: [
        { name: 'config', seconds: 0.1, status: 'passed' },
        { name: 'api', seconds: 12.5, status: 'failed' },
      ],
      verdict: 'FAILED — 1 clause failed: PUT-400',
    });
    assert.deepEqual(parseRunRecord('{}'), { stages: [], verdict: 'run.json has no stages' });
  });

  test('the timed npm start runs the embedded tenant on a free port, with the default profile and no modes', () => {
    const s = startSettings('/tmp/r');
    assert.equal(s.TENANT_URL, '');
    assert.equal(s.TENANT_PORT, '0');
    assert.equal(s.REPORTS_DIR, '/tmp/r');
    for (const k of ['LOAD_PROFILE', 'LOAD_RATE', 'TENANT_DEVIATIONS', 'TENANT_LATENCY', 'TENANT_FAULTS', 'STRICT'])
      assert.equal(s[k], '', k);
  });
});
