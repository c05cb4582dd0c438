/**
 * Section 3: with a fixed latency injected into every PUT, how far k6's reported p50 and p99
 * (the harness script's put_duration) are from the injected value. A first run with nothing
 * injected gives the tenant's own service time, the part of the error that is real time spent,
 * not a measurement error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SummaryFile } from '../../load/lib/summary.ts';
import type { BenchContext } from './context.ts';
import { harnessRun } from './harness.ts';
import { runK6Sampled } from './k6run.ts';
import { resetTenant, type Server } from './servers.ts';

const RATE = 20;
const SECONDS = 12;
const MAX_VUS = 60;
export const INJECTED_MS = [100, 1000] as const;

export interface FidelityPoint {
  injectedMs: number;
  puts: number;
  p50Ms: number;
  p99Ms: number;
  /** (reported - injected) / injected. */
  p50Error: number;
  p99Error: number;
}

export interface FidelityResult {
  rate: number;
  seconds: number;
  /** p50 / p99 with nothing injected: the tenant's own time per PUT at this rate. */
  baseline: { p50Ms: number; p99Ms: number };
  points: FidelityPoint[];
}

async function run(
  ctx: BenchContext,
  tenant: Server,
  injectedMs: number,
  seconds: number,
): Promise<SummaryFile['figures']> {
  await resetTenant(tenant, injectedMs);
  const label = `fidelity-${injectedMs}ms`;
  const h = harnessRun(tenant.url, { rate: RATE, duration: `${seconds}s`, maxVus: MAX_VUS }, label, ctx.dir, ctx);
  const result = await runK6Sampled({
    k6: ctx.k6,
    args: h.args,
    headers: h.headers,
    tenant,
    timeoutMs: h.timeoutMs,
    cpu: ctx.generatorCpu,
  });
  if (result.code !== 0 && result.code !== 99)
    throw new Error(`k6 exited ${result.code} (injected ${injectedMs} ms): ${result.output.slice(-600)}`);
  return (JSON.parse(readFileSync(join(h.reportDir, 'summary.json'), 'utf8')) as SummaryFile).figures;
}

export async function measureFidelity(ctx: BenchContext, tenant: Server): Promise<FidelityResult> {
  const say = (step: string) => ctx.progress('3/5 measurement fidelity', step);
  try {
    say(`nothing injected (the tenant's own time), ${RATE} PUT/s, 8 s`);
    const base = await run(ctx, tenant, 0, 8);
    const points: FidelityPoint[] = [];
    for (const [i, ms] of INJECTED_MS.entries()) {
      say(`${i + 1}/${INJECTED_MS.length}: ${ms} ms injected, ${RATE} PUT/s, ${SECONDS} s`);
      const f = await run(ctx, tenant, ms, SECONDS);
      points.push({
        injectedMs: ms,
        puts: f.requests,
        p50Ms: f.p50,
        p99Ms: f.p99,
        p50Error: (f.p50 - ms) / ms,
        p99Error: (f.p99 - ms) / ms,
      });
    }
    return { rate: RATE, seconds: SECONDS, baseline: { p50Ms: base.p50, p99Ms: base.p99 }, points };
  } finally {
    await resetTenant(tenant);
  }
}
