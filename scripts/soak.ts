/**
 * `npm run soak`: the embedded tenant under the k6 stress profile (bounded, 127.0.0.1), with its
 * memory sampled every 5 s. Passes when k6 saw zero failed requests and zero failed checks and
 * the tenant's heap after the run (after GC) stays within 50 % and 64 MB of the heap at the end
 * of the first step. Writes reports/soak/soak.json and prints the figures.
 * Default: LOAD_RATE 100/s, LOAD_DURATION 1m -> ramps to 200/s, about 5 minutes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { configOrExit } from '../lib/config.ts';
import { startTenant } from '../tenant/start.ts';
import { findK6, K6Missing, k6Version } from './load-k6.ts';
import { EMBEDDED, planRun, runOnce } from './load-run.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const config = configOrExit();
const out = join(config.reportsDir, 'soak');
mkdirSync(out, { recursive: true });

let k6: string;
try {
  k6 = findK6({ k6Bin: config.k6Bin });
} catch (err) {
  console.error(`error: ${err instanceof K6Missing ? err.message : String(err)}`);
  process.exit(2);
}

const rate = config.load.rate ?? 100;
const duration = config.load.duration ?? '1m';
const plan = planRun('stress', { rate, duration, maxVus: config.load.maxVus ?? 500 });
const tenant = await startTenant({ latency: {}, faults: {}, deviations: [], seedSessions: 500 });
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const samples: Array<{ s: number; heapMB: number; rssMB: number }> = [];
const t0 = Date.now();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  samples.push({ s: Math.round((Date.now() - t0) / 1000), heapMB: mb(m.heapUsed), rssMB: mb(m.rss) });
  const last = samples.at(-1)!;
  console.log(
    `soak: ${last.s}s heap ${last.heapMB} MB, rss ${last.rssMB} MB, PUTs served ${tenant.control.counters().PUT?.requests ?? 0}`,
  );
}, 5000);

console.log(
  `soak: stress profile, ${rate}/s stepping to ${rate * 2}/s, steady parts ${duration}; tenant on ${tenant.url}`,
);
let code = 2;
try {
  const outcome = await runOnce({
    k6,
    k6Version: k6Version(k6),
    gitRevision: 'soak',
    config,
    plan,
    target: { baseUrl: tenant.url, pool: 'seed', firstId: 400, label: EMBEDDED },
    loadDir: join(out, 'load'),
    runId: 'stress',
    history: [],
    echo: false,
  });
  clearInterval(sampler);
  gc();
  const end = mb(process.memoryUsage().heapUsed);
  const f = outcome.summary?.figures;
  if (!f) throw new Error(`k6 wrote no summary (exit ${outcome.code}):\n${outcome.output.slice(-1500)}`);
  const early = samples.find((x) => x.s >= 60) ?? samples[0];
  const heapGrowth = early ? end - early.heapMB : 0;
  const stable = !early || end <= early.heapMB * 1.5 || heapGrowth <= 64;
  const result = {
    profile: 'stress',
    rate,
    peakRate: rate * 2,
    duration,
    requests: f.requests,
    requestRate: f.requestRate,
    errorRate: f.errorRate,
    checksRate: f.checksRate,
    p95: f.p95,
    p99: f.p99,
    max: f.max,
    heapAtFirstStepMB: early?.heapMB ?? null,
    heapAfterGcMB: end,
    maxRssMB: Math.max(...samples.map((x) => x.rssMB)),
    stable,
    samples,
  };
  writeFileSync(join(out, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\nsoak: ${f.requests} PUTs at ${f.requestRate.toFixed(1)}/s (peak ${rate * 2}/s); errors ${(f.errorRate * 100).toFixed(2)} %, checks ${(f.checksRate * 100).toFixed(2)} %; p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(0)} ms`,
  );
  console.log(
    `soak: tenant heap ${result.heapAtFirstStepMB} MB after the first minute -> ${end} MB after the run (GC); max RSS ${result.maxRssMB} MB; ${stable ? 'stable' : 'GROWING'}`,
  );
  const ok = f.errorRate === 0 && f.checksRate === 1 && stable;
  console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  code = ok ? 0 : 1;
} catch (err) {
  console.error(`soak: could not run: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  clearInterval(sampler);
  await tenant.close();
}
process.exit(code);
