/**
 * The baseline comparison on synthetic histories: runs of one build drawn from one distribution
 * (p95 with run-to-run spread, slow calls as rare binomial events) must not cry wolf, and a real
 * slowdown must be flagged. Seeded, so the figures are the same on every machine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prng } from '../../tenant/modes.ts';
import { baselineFrom, binomialTail, compareRuns, type Baseline } from './compare.ts';
import type { RunFigures } from './figures.ts';

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function binomial(rand: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rand() < p) k++;
  return k;
}

/** A run of a build whose p95 is ~N(p95, sd) and whose PUTs are slow with probability `slow`. */
function run(
  rand: () => number,
  build: { p95: number; sd: number; slow: number },
  requests = 2000,
  id = 'r',
): RunFigures {
  const slowCount = binomial(rand, requests, build.slow);
  const p95 = Math.max(1, build.p95 + build.sd * normal(rand));
  return {
    runId: id,
    time: '2025-01-01T00:00:00Z',
    profile: 'load',
    target: 'embedded',
    engine: 'embedded',
    engineVersion: 'undici 7.30.2, hdr-histogram-js 3.0.1',
    gitRevision: 'abc',
    nsApiSlowMs: 5000,
    p50: p95 / 3,
    p90: p95 * 0.8,
    p95,
    p99: p95 * 1.5,
    max: p95 * 3,
    avg: p95 / 2.5,
    requests,
    planned: requests,
    notSent: 0,
    slowCount,
    slowShare: slowCount / requests,
    errorRate: 0,
    checksRate: 1,
    requestRate: 50,
    durationSeconds: 40,
    thresholds: [],
    passed: slowCount === 0,
  };
}

function baselineOf(rand: () => number, build: { p95: number; sd: number; slow: number }, n: number): Baseline {
  return {
    acceptedAt: 'now',
    profile: 'load',
    target: 'embedded',
    runs: Array.from({ length: n }, (_, i) => run(rand, build, 2000, `b${i}`)),
  };
}

const build = { p95: 180, sd: 12, slow: 0.002 };

describe('compareRuns: the p95 and slow-call regression check', () => {
  test('does not cry wolf on runs of the same build (false alarms under 3 % in 400 trials) @PUT-SLOW', () => {
    const rand = prng(42);
    let alarms = 0;
    for (let i = 0; i < 400; i++) if (compareRuns(run(rand, build), baselineOf(rand, build, 5)).regressed) alarms++;
    assert.ok(alarms / 400 < 0.03, `${alarms} false alarms in 400 same-build comparisons`);
  });

  test('flags a p95 slowdown of 60 % (about 4 run-to-run sd beyond the bound) in at least 95 % of trials @PUT-SLOW', () => {
    const rand = prng(7);
    let flagged = 0;
    for (let i = 0; i < 200; i++) {
      const c = compareRuns(run(rand, { ...build, p95: build.p95 * 1.6 }), baselineOf(rand, build, 5));
      if (c.verdicts.find((v) => v.metric === 'p95')?.regressed) flagged++;
    }
    assert.ok(flagged / 200 >= 0.95, `only ${flagged} of 200 slowdowns flagged`);
  });

  test('flags slow calls going from 0.2 % to 1.5 % of PUTs in at least 95 % of trials @PUT-SLOW', () => {
    const rand = prng(9);
    let flagged = 0;
    for (let i = 0; i < 200; i++) {
      const c = compareRuns(run(rand, { ...build, slow: 0.015 }), baselineOf(rand, build, 5));
      if (c.verdicts.find((v) => v.metric === 'slow calls')?.regressed) flagged++;
    }
    assert.ok(flagged / 200 >= 0.95, `only ${flagged} of 200 slow-call regressions flagged`);
  });

  test('one extra slow call over a clean baseline is noise, not a regression @PUT-SLOW', () => {
    const rand = prng(3);
    const baseline = baselineOf(rand, { ...build, slow: 0 }, 5);
    const current = { ...run(rand, { ...build, slow: 0 }), slowCount: 1, slowShare: 1 / 2000 };
    assert.equal(compareRuns(current, baseline).verdicts[1]?.regressed, false);
  });

  test('a p95 change of a few ms on a fast local tenant is under the noise floor', () => {
    const rand = prng(5);
    const fast = { p95: 4, sd: 0.3, slow: 0 };
    const current = { ...run(rand, fast), p95: 8 };
    assert.equal(compareRuns(current, baselineOf(rand, fast, 5)).regressed, false);
  });

  test('says when the baseline is thin or from another profile', () => {
    const rand = prng(11);
    const c = compareRuns({ ...run(rand, build), profile: 'stress' }, baselineOf(rand, build, 1));
    assert.match(c.notes.join('\n'), /baseline was a load run, this is stress/);
    assert.match(c.notes.join('\n'), /has 1 run/);
    assert.match(c.verdicts[0]?.detail ?? '', /one baseline run: a 25 % margin/);
  });
});

describe('baselineFrom and binomialTail', () => {
  test('takes the last n runs of the profile and target', () => {
    const rand = prng(1);
    const history = [
      run(rand, build, 100, 'a'),
      { ...run(rand, build, 100, 'x'), profile: 'smoke' },
      run(rand, build, 100, 'b'),
      run(rand, build, 100, 'c'),
    ];
    assert.deepEqual(
      baselineFrom(history, 'load', 'embedded', 2, 'now').runs.map((r) => r.runId),
      ['b', 'c'],
    );
    assert.throws(() => baselineFrom(history, 'soak', 'embedded', 5, 'now'), /no soak run against embedded/);
  });

  test('binomialTail matches exact small cases', () => {
    assert.equal(binomialTail(0, 5, 0.3), 1);
    assert.ok(Math.abs(binomialTail(5, 5, 0.5) - 1 / 32) < 1e-12);
    assert.ok(Math.abs(binomialTail(1, 3, 0.5) - 7 / 8) < 1e-12);
    assert.equal(binomialTail(4, 3, 0.5), 0);
  });
});
