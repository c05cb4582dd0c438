/**
 * `npm run soak`: the embedded tenant under the stress profile on the embedded engine (bounded,
 * 127.0.0.1), in this process, with the tenant's memory sampled every 5 s. Passes when no PUT
 * failed, every check held, and the heap after the run (after GC) stays within 50 % or 64 MB of the
 * heap after the first minute. Writes reports/soak/soak.json. Default 100/s stepping to 200/s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../lib/config.ts';
import { startTenant } from '../../tenant/start.ts';
import { runOnce } from './once.ts';
import { EMBEDDED, planRun } from './plan.ts';
import { clientFor, readSessions } from './scratch.ts';

const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

export async function soak(config: Config, gc: () => void): Promise<number> {
  const rate = config.load.rate ?? 100;
  const duration = config.load.duration ?? '1m';
  const plan = planRun('stress', { rate, duration, maxVus: config.load.maxVus ?? 500 });
  const out = join(config.reportsDir, 'soak');
  mkdirSync(out, { recursive: true });
  const tenant = await startTenant({ latency: {}, faults: {}, deviations: [], seedSessions: 500 });
  const samples: Array<{ s: number; heapMB: number; rssMB: number }> = [];
  const t0 = Date.now();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    samples.push({ s: Math.round((Date.now() - t0) / 1000), heapMB: mb(m.heapUsed), rssMB: mb(m.rss) });
  }, 5000);
  console.log(
    `soak: stress profile, ${rate}/s stepping to ${rate * 2}/s, steady parts ${duration}; tenant on ${tenant.url}`,
  );
  try {
    const ids = Array.from({ length: config.load.sessions }, (_, i) => 400 + i);
    const sessions = await readSessions(clientFor(config, tenant.url), tenant.url, ids);
    const file = await runOnce({
      config: { ...config, target: 'embedded', tenantUrl: undefined },
      plan,
      engine: { kind: 'embedded' },
      baseUrl: tenant.url,
      sessions,
      meta: {
        runId: 'soak',
        time: new Date().toISOString(),
        profile: 'stress',
        target: EMBEDDED,
        gitRevision: 'soak',
        nsApiSlowMs: config.nsApiSlowMs,
      },
      log: (line) => console.log(`soak: ${line}`),
    });
    clearInterval(sampler);
    gc();
    const end = mb(process.memoryUsage().heapUsed);
    const f = file.figures;
    const early = samples.find((x) => x.s >= 60) ?? samples[0];
    const stable = !early || end <= early.heapMB * 1.5 || end - early.heapMB <= 64;
    const ok = f.errorRate === 0 && f.checksRate === 1 && f.notSent === 0 && stable;
    const result = {
      rate,
      peakRate: rate * 2,
      duration,
      figures: f,
      heapAtFirstMinuteMB: early?.heapMB ?? null,
      heapAfterGcMB: end,
      stable,
      samples,
    };
    writeFileSync(join(out, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `soak: ${f.requests} PUTs at ${f.requestRate.toFixed(1)}/s; not 200 ${(f.errorRate * 100).toFixed(2)} %, checks ${(f.checksRate * 100).toFixed(2)} %, not sent ${f.notSent}; p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms; heap ${early?.heapMB ?? '?'} -> ${end} MB (${stable ? 'stable' : 'GROWING'})`,
    );
    console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
    return ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await tenant.close();
  }
}
