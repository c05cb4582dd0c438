/**
 * The load test's proofs on the embedded engine, against an embedded tenant in its own process (so
 * the tenant's work never holds up the engine's event loop; short profiles, low rates):
 * - 3 % of PUTs delayed 5200 ms: the slow count equals the tenant's own count exactly, PUT-SLOW fails;
 * - 2 % of PUTs answered 500: PUT-200 fails (only the PUTs are judged, never setup requests);
 * - a fixed 200 ms: p50 within 1 % and p99 within 2 % of what the tenant itself took;
 * - one response held 6 s: the arrivals due meanwhile are sent, and it is one 6 s sample;
 * - the in-flight cap reached: the arrivals not sent are counted and fail the run, never absorbed.
 * Runs go through load/runner/once.ts, as `npm run load` does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { servedPutTimes, setModes, startServer, stopServer, tenantCounters, type Server } from '../bench/servers.ts';
import { loadConfig } from '../lib/config.ts';
import type { LatencySpec, FaultSpec } from '../tenant/modes.ts';
import { DurationHistogram } from './engine/histogram.ts';
import type { SecondCounts } from './engine/engine.ts';
import { writeRunFiles } from './report/summary.ts';
import { runOnce } from './runner/once.ts';
import { EMBEDDED, planRun } from './runner/plan.ts';
import { clientFor, readSessions } from './runner/scratch.ts';

const reports = mkdtempSync(join(tmpdir(), 'load-proofs-'));
const config = loadConfig({ env: { REPORTS_DIR: reports }, envFile: false });
let tenant: Server;

before(async () => {
  tenant = await startServer('tenant', { ipc: true });
});
after(async () => {
  await stopServer(tenant);
  rmSync(reports, { recursive: true, force: true });
});

async function run(
  id: string,
  rate: number,
  duration: string,
  modes: { latency?: LatencySpec; faults?: FaultSpec },
  maxVus = 60,
) {
  const url = tenant.url;
  await setModes(tenant, modes.latency ?? {}, modes.faults ?? {});
  const ids = Array.from({ length: 20 }, (_, i) => 400 + i);
  const sessions = await readSessions(clientFor(config, url), url, ids);
  await servedPutTimes(tenant); // from here on: the PUTs under test
  const plan = planRun('smoke', { rate, duration, maxVus });
  const file = await runOnce({
    config,
    plan,
    engine: { kind: 'embedded' },
    baseUrl: url,
    sessions,
    meta: {
      runId: id,
      time: new Date().toISOString(),
      profile: 'smoke',
      target: EMBEDDED,
      gitRevision: 'test',
      nsApiSlowMs: 5000,
    },
    log: () => {},
  });
  const runDir = writeRunFiles(reports, id, file, []);
  return {
    file,
    f: file.figures,
    put: (await tenantCounters(tenant)).PUT,
    served: await servedPutTimes(tenant),
    junit: readFileSync(join(runDir, 'junit.xml'), 'utf8'),
  };
}

const pct = (value: number, truth: number) => `${(((value - truth) / truth) * 100).toFixed(2)} %`;

const failing = (junit: string) =>
  [...junit.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*>(?:(?!<\/testcase>)[\s\S])*<failure/g)].map((m) => m[1]);

describe('the embedded engine against the embedded tenant', { timeout: 180_000 }, () => {
  const slowCount = 'with 3 % of PUTs at 5200 ms the slow count equals the tenant delayed count and PUT-SLOW fails';
  test(`${slowCount} @PUT-SLOW`, async (t) => {
    const { f, put, junit } = await run('slow', 20, '8s', {
      latency: { PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } },
    });
    t.diagnostic(`${f.slowCount} slow of ${f.requests}; the tenant delayed ${put.delayed} of ${put.requests}`);
    assert.ok(put.delayed > 0);
    assert.equal(f.slowCount, put.delayed, 'ns_api_slow_count equals what the tenant delayed');
    assert.equal(f.requests, put.requests, 'every PUT the tenant saw was measured, and no other request');
    assert.equal(f.passed, false);
    const failed = failing(junit);
    assert.ok(failed.includes('PUT-SLOW ns_api_slow rate&lt;=0'), failed.join(', '));
    assert.ok(
      failed.every((name) => name?.startsWith('PUT-SLOW ')),
      failed.join(', '),
    );
  });

  test('with 2 % of PUTs answered 500 PUT-200 fails, judged on the PUTs alone @PUT-200', async (t) => {
    const { f, put, junit } = await run('errors', 20, '5s', { faults: { PUT: { status500Fraction: 0.02, seed: 6 } } });
    const not200 = Math.round(f.errorRate * f.requests);
    t.diagnostic(`${not200} of ${f.requests} PUTs not 200; the tenant answered ${put.faults500} with 500`);
    assert.equal(put.faults500, 2);
    assert.equal(f.requests, 100);
    assert.equal(f.errorRate, 0.02);
    assert.deepEqual(failing(junit), ['PUT-200 put_failed rate&lt;=0.01']);
  });

  const fidelity = 'with a fixed 200 ms the reported p50 is within 1 % and p99 within 2 % of what the tenant took';
  test(`${fidelity} @PUT-SLOW`, async (t) => {
    await run('warm-up', 20, '2s', {});
    // 2,000 samples (40/s for 50 s): the p99 of each side is the 20th slowest, steady enough to hold to 2 %.
    const { f, file, served } = await run('fixed200', 40, '50s', { latency: { PUT: { kind: 'fixed', ms: 200 } } });
    const truth = new DurationHistogram();
    for (const ms of served) truth.record(ms);
    const tenant = truth.percentiles();
    const lag = file.engineData.sendLagMs as { p50: number; p99: number; max: number };
    const exchange = file.engineData.serviceMs as { p50: number; p99: number };
    // Printed, and in each failure: a send lag or an exchange far above the tenant's time says the
    // machine kept the engine from running on time (a busy host), not that the engine measured wrong.
    const why =
      `reported (from the intended start) p50 ${f.p50.toFixed(2)} p99 ${f.p99.toFixed(2)} ms; tenant p50 ` +
      `${tenant.p50.toFixed(2)} p99 ${tenant.p99.toFixed(2)} ms; error p50 ${pct(f.p50, tenant.p50)} p99 ` +
      `${pct(f.p99, tenant.p99)}; send lag p50 ${lag.p50} p99 ${lag.p99} max ${lag.max} ms; from the actual ` +
      `send p50 ${exchange.p50} p99 ${exchange.p99} ms; injected 200 ms`;
    t.diagnostic(why);
    assert.equal(f.requests, served.length);
    assert.ok(tenant.p50 >= 200, 'the tenant held each PUT 200 ms');
    assert.ok(Math.abs(f.p50 - tenant.p50) <= tenant.p50 * 0.01, `p50 off by more than 1 %: ${why}`);
    assert.ok(Math.abs(f.p99 - tenant.p99) <= tenant.p99 * 0.02, `p99 off by more than 2 %: ${why}`);
  });

  const held = 'while one response is held 6 s the arrivals due meanwhile are sent, and it is one 6 s sample';
  test(`${held} @PUT-SLOW`, async (t) => {
    const { f, file } = await run('hold', 20, '9s', { latency: { PUT: { kind: 'once', at: 20, ms: 6000 } } });
    const timeline = file.engineData.timeline as SecondCounts[];
    const window = timeline.slice(1, 7); // the 20th arrival is due at 0.95 s; it is held until ~6.95 s
    const planned = window.reduce((n, s) => n + s.planned, 0);
    const sent = window.reduce((n, s) => n + s.sent, 0);
    const figures = `max ${f.max.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`;
    t.diagnostic(`${sent} of ${planned} arrivals due in the hold were sent; ${figures}`);
    assert.ok(sent >= planned * 0.95, `${sent} of ${planned}`);
    assert.equal(f.notSent, 0);
    assert.equal(f.slowCount, 1, 'one sample over the line: the held PUT');
    assert.ok(f.max >= 6000 && f.max < 6000 * 1.02, `max ${f.max}`);
  });

  test('an in-flight cap reached is counted and fails the run instead of being absorbed @PUT-SLOW', async (t) => {
    const { f, junit } = await run('cap', 20, '2s', { latency: { PUT: { kind: 'fixed', ms: 400 } } }, 2);
    t.diagnostic(`${f.notSent} of ${f.planned} arrivals not sent with at most 2 in flight`);
    assert.ok(f.notSent > 0);
    assert.equal(f.requests + f.notSent, f.planned);
    assert.deepEqual(failing(junit), ['PUT-SLOW arrivals_not_sent count==0']);
    assert.match(junit, /were not sent because LOAD_MAX_VUS PUTs were already in flight/);
  });
});
