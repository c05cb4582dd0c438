/**
 * The load suite's proofs, with the real k6 against the embedded tenant on 127.0.0.1:
 * - with 3 % of PUTs delayed 5200 ms (seeded), k6's slow-call count equals the tenant's injected
 *   count exactly and the ns_api_slow threshold fails (k6 exit 99); with no injection it passes;
 * - with a fixed 200 ms, the reported median is within 5 % of 200 ms;
 * - two runs of the same build do not regress against each other; the 200 ms run does.
 * Runs go through scripts/load-run.ts, as `npm run load` does. About 40 s in all.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../lib/config.ts';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { findK6, k6Version } from '../scripts/load-k6.ts';
import { EMBEDDED, planRun, runOnce, type RunOutcome } from '../scripts/load-run.ts';
import { compareRuns } from './lib/compare.ts';
import type { RunFigures } from './lib/figures.ts';

let tenant: RunningTenant;
let k6: string;
const reports = mkdtempSync(join(tmpdir(), 'load-proofs-'));
const config = loadConfig({ env: { REPORTS_DIR: reports }, envFile: false });

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${tenant.url}/_admin/${path}`, {
    method,
    headers: { 'X-Admin-Token': tenant.adminToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(res.status, 200, `admin ${method} ${path}`);
  return res.json();
}

/** A short smoke-profile run at 20 PUT/s with the given tenant latency. */
async function runWith(
  latency: unknown,
  duration: string,
  id: string,
): Promise<RunOutcome & { figures: RunFigures; putCounter: { requests: number; delayed: number } }> {
  await admin('POST', 'reset');
  await admin('PUT', 'latency', latency);
  const outcome = await runOnce({
    k6,
    k6Version: k6Version(k6),
    gitRevision: 'test',
    config,
    plan: planRun('smoke', { rate: 20, duration, maxVus: 60 }),
    target: { baseUrl: tenant.url, pool: 'seed', firstId: 400, label: EMBEDDED },
    loadDir: join(reports, 'load'),
    runId: id,
    history: [],
    echo: false,
  });
  assert.ok(outcome.summary, `k6 wrote no summary (exit ${outcome.code}):\n${outcome.output.slice(-2000)}`);
  const counters = (await admin('GET', 'counters')) as Record<string, { requests: number; delayed: number }>;
  return {
    ...outcome,
    figures: outcome.summary.figures,
    putCounter: counters.PUT as { requests: number; delayed: number },
  };
}

const threshold = (f: RunFigures, metric: string) => f.thresholds.find((t) => t.metric === metric)?.ok;

describe('k6 load suite against the embedded tenant', { timeout: 150_000 }, () => {
  before(async () => {
    k6 = findK6({ k6Bin: config.k6Bin });
    tenant = await startTenant({ latency: {}, faults: {}, deviations: [] });
  });
  after(async () => {
    await tenant?.close();
    rmSync(reports, { recursive: true, force: true });
  });

  let clean: RunFigures;
  let cleanAgain: RunFigures;

  test('with no injected latency every threshold holds and nothing is slow @PUT-SLOW @PUT-200 @ENTITY-SHAPE', async () => {
    const run = await runWith({}, '5s', 'clean');
    clean = run.figures;
    assert.equal(run.code, 0, run.output.slice(-1500));
    assert.equal(clean.slowCount, 0);
    assert.equal(clean.checksRate, 1);
    assert.equal(clean.requests, run.putCounter.requests);
  });

  test('with 3 % of PUTs at 5200 ms, k6 counts exactly the slow calls the tenant injected and fails ns_api_slow @PUT-SLOW', async (t) => {
    const run = await runWith({ PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } }, '8s', 'slow');
    t.diagnostic(
      `k6: ${run.figures.slowCount} slow of ${run.figures.requests} PUTs; tenant: ${run.putCounter.delayed} delayed of ${run.putCounter.requests}; k6 exit ${run.code}`,
    );
    assert.equal(run.code, 99, 'k6 exits 99 when a threshold fails');
    assert.ok(run.putCounter.delayed > 0, 'the tenant delayed some PUTs');
    assert.equal(run.figures.slowCount, run.putCounter.delayed, 'ns_api_slow_count equals the tenant delayed count');
    assert.equal(run.figures.requests, run.putCounter.requests, 'every PUT the tenant saw was measured');
    assert.equal(threshold(run.figures, 'ns_api_slow'), false);
    const junit = readFileSync(join(run.runDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase [^>]*name="PUT-SLOW ns_api_slow rate&lt;=0"[^>]*>\s*<failure/);
  });

  test('with a fixed 200 ms the reported median is within 5 % of 200 ms @PUT-SLOW', async (t) => {
    const run = await runWith({ PUT: { kind: 'fixed', ms: 200 } }, '5s', 'fixed200');
    t.diagnostic(
      `median ${run.figures.p50.toFixed(2)} ms, p95 ${run.figures.p95.toFixed(2)} ms over ${run.figures.requests} PUTs`,
    );
    assert.equal(run.code, 0);
    assert.ok(Math.abs(run.figures.p50 - 200) <= 10, `median ${run.figures.p50} ms`);
    // The same tenant "build" with 200 ms more per PUT: the comparison must flag it (below).
    const baseline = { acceptedAt: 'now', profile: 'smoke', target: EMBEDDED, runs: [clean] };
    assert.equal(compareRuns(run.figures, baseline).verdicts[0]?.regressed, true);
  });

  test('a second run of the same build does not regress against the first @PUT-SLOW', async (t) => {
    const run = await runWith({}, '5s', 'clean-again');
    cleanAgain = run.figures;
    const comparison = compareRuns(cleanAgain, {
      acceptedAt: 'now',
      profile: 'smoke',
      target: EMBEDDED,
      runs: [clean],
    });
    t.diagnostic(comparison.verdicts.map((v) => v.detail).join(' | '));
    assert.equal(comparison.regressed, false, JSON.stringify(comparison.verdicts));
  });
});
