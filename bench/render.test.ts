import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roundRatios } from './ratios.ts';
import { renderMarkdown, type BenchResult } from './report.ts';
import type { ServerFigures, ThroughputResult } from './throughput.ts';
import type { StartRun } from './wall-times.ts';

const server = (rps: number[], cpuMs: number): ServerFigures => ({
  rps: [...rps].sort((a, b) => a - b)[1] as number,
  p50Ms: 10,
  p99Ms: 40,
  cpuMsPerPut: cpuMs,
  errors: 0,
  rounds: rps.map((r) => ({
    requests: r * 6,
    seconds: 6,
    rps: r,
    p50Ms: 10,
    p99Ms: 40,
    errors: 0,
    cpuMsPerPut: cpuMs,
  })),
});

const tenant = [1500, 1200, 1600];
const fair = [3000, 2000, 3200];
const throughput: ThroughputResult = {
  generator: 'wrk',
  connections: 32,
  seconds: 6,
  roundCount: 3,
  tenant: server(tenant, 0.32),
  fair: server(fair, 0.15),
  fastify: server([2600, 1900, 2900], 0.17),
  work: server([1700, 1300, 1800], 0.28),
  bare: server([3400, 2500, 3500], 0.13),
  vsFair: roundRatios(tenant, fair),
  vsEcho: roundRatios(tenant, [3400, 2500, 3500]),
  vsFastify: roundRatios(tenant, [2600, 1900, 2900]),
  fastifyVsFair: roundRatios([2600, 1900, 2900], fair),
  workVsFair: roundRatios([1700, 1300, 1800], fair),
  vsWork: roundRatios(tenant, [1700, 1300, 1800]),
  cpuVsFair: roundRatios([0.15, 0.15, 0.15], [0.32, 0.32, 0.32]),
  ratio: roundRatios(tenant, [3400, 2500, 3500]).median,
  fairRatio: roundRatios(tenant, fair).median,
  tenantResponseBytes: 4852,
  bareResponseBytes: 1283,
  fairResponseBytes: 4846,
  fastifyResponseBytes: 4846,
  workResponseBytes: 4852,
  profile: undefined,
};

const run = (wallSeconds: number): StartRun => ({
  wallSeconds,
  exitCode: 0,
  timedOut: false,
  stages: [
    { name: 'contracts', seconds: 9.04, status: 'passed' },
    { name: 'api', seconds: 14.5, status: 'passed' },
  ],
  verdict: 'PASSED — 45 of 45 clauses checked and honoured',
});

const result = (more: Partial<BenchResult>): BenchResult => ({
  date: '2026-12-02T03:04:05.000Z',
  gitRevision: 'abc1234',
  wallSeconds: 300,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGb: 24, node: 'v20.20.2', pinned: true, loadAverages: [] },
  failures: [],
  ...more,
});

describe('bench: bench.md', () => {
  test('names the date and the machine size', () => {
    const md = renderMarkdown(result({}));
    assert.match(md, /Measured 2026-12-02T03:04:05.000Z on 2 cores \(AMD EPYC\) with 24 GiB of memory/);
  });

  test('section 1: req/s per round for every server, and the ratios within rounds against both ceilings', () => {
    const md = renderMarkdown(result({ throughput }));
    assert.match(md, /\| embedded tenant \| 1,500 \| 1,500 \/ 1,200 \/ 1,600 \| 320 \|/);
    assert.match(md, /\| fair node:http .* \| 3,000 \| 3,000 \/ 2,000 \/ 3,200 \| 150 \|/);
    assert.match(md, /\| bare node:http JSON echo \| 3,400 \|/);
    // 0.5, 0.6, 0.5 -> 0.5 (not 1,500 / 3,000 by chance: round 2 is 0.6).
    assert.match(md, /\| \*\*tenant \/ fair\*\* \(target >= 0\.8\) \| \*\*0\.50\*\* \| 0\.50 \/ 0\.60 \/ 0\.50 \|/);
    assert.match(md, /\| tenant \/ echo \| 0\.46 \| 0\.44 \/ 0\.48 \/ 0\.46 \|/);
    assert.match(md, /\| fair CPU per PUT \/ tenant CPU per PUT \| 0\.47 \|/);
    assert.match(md, /target 0\.8: \*\*not met\*\*/);
    const better = renderMarkdown(
      result({ throughput: { ...throughput, vsFair: roundRatios([2500, 1700, 2600], fair) } }),
    );
    assert.match(better, /target 0\.8: met/);
  });

  test("section 1: the tenant's work on bare node:http, and whether it leaves the target within reach", () => {
    const md = renderMarkdown(result({ throughput }));
    assert.match(md, /\| bare node:http doing the tenant's PUT work .* \| 1,700 \| 1,700 \/ 1,300 \/ 1,800 \| 280 \|/);
    // 1700/3000, 1300/2000, 1800/3200 = 0.57, 0.65, 0.56 -> 0.57; tenant / work 0.88, 0.92, 0.89 -> 0.89.
    assert.match(
      md,
      /\| tenant's work on bare node:http \/ fair \(bounds tenant \/ fair\) \| 0\.57 \| 0\.57 \/ 0\.65 \/ 0\.56 \|/,
    );
    assert.match(md, /\| tenant \/ its work on bare node:http \| 0\.89 \| 0\.88 \/ 0\.92 \/ 0\.89 \|/);
    assert.match(md, /reaches 0\.57 of the fair ceiling: below 0\.8, so the target needs less work per PUT/);
    const light = renderMarkdown(
      result({ throughput: { ...throughput, workVsFair: roundRatios([2900, 1900, 3100], fair) } }),
    );
    assert.match(light, /reaches 0\.97 of the fair ceiling: the target is within reach of this work/);
  });

  test('section 5: npm start warm and first, stages from run.json, against the 25 s target', () => {
    const md = renderMarkdown(
      result({
        start: { first: run(61.2), warm: run(24.1), settings: { TENANT_URL: '', TENANT_PORT: '0' } },
        test: { state: 'missing', file: 'reports/test/timing.json' },
      }),
    );
    assert.match(md, /`npm start` against the embedded tenant \(TENANT_PORT=0;/);
    assert.match(
      md,
      /- warm: \*\*24\.1 s\*\* \(exit 0, target 25 s: met\); stages: contracts 9\.0 s, api 14\.5 s\. PASSED/,
    );
    assert.match(md, /- first run, warming the caches: \*\*61\.2 s\*\* \(exit 0\)/);
    assert.match(md, /`npm test`: not recorded yet — run npm test/);
    const slow = renderMarkdown(
      result({ start: { first: run(70), warm: { ...run(41), timedOut: true }, settings: {} } }),
    );
    assert.match(slow, /- warm: \*\*41\.0 s\*\* \(stopped: ran past its bound, target 25 s: \*\*not met\*\*\)/);
  });

  test('section 5: the last npm test wall time and its stages, or why there is none', () => {
    const recorded = renderMarkdown(
      result({
        test: {
          state: 'recorded',
          file: 'reports/test/timing.json',
          finishedAt: '2026-12-02T02:00:00.000Z',
          wallSeconds: 452.3,
          stages: [{ name: 'unit', seconds: 80.1, passed: 659, failed: 0 }],
        },
      }),
    );
    assert.match(recorded, /\*\*7\.5 min\*\* \(452 s, target 8 min: met\)/);
    assert.match(recorded, /- unit 80\.1 s \(659 passed, 0 failed\)/);
    assert.match(recorded, /`npm start`: not timed in this run \(--no-start\)/);
    const unreadable = renderMarkdown(
      result({
        test: { state: 'unreadable', file: 'reports/test/timing.json', error: 'wallMs must be a number of ms' },
      }),
    );
    assert.match(unreadable, /reports\/test\/timing\.json is not readable: wallMs must be a number of ms/);
  });
});
