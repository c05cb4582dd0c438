/**
 * Section 2: the harness's PUT script (load/put-chatsession.ts, run as `npm run load` runs it)
 * against the minimal script (k6/minimal-put.ts), same tenant, same arrival-rate ceiling and VU
 * cap, k6 pinned to CPU 1 and the tenant to CPU 0. Rounds alternate the two scripts.
 */
import { join } from 'node:path';
import { median, type BenchContext } from './context.ts';
import { harnessRun } from './harness.ts';
import { runK6Sampled, type Usage } from './k6run.ts';
import { resetTenant, root, type Server } from './servers.ts';

export const CEILING_RATE = 3000;
export const MAX_VUS = 64;
const SECONDS = 12;
const ROUNDS = 2;

export interface ScriptFigures {
  rate: number;
  k6Cores: number;
  k6CpuMsPerPut: number;
  k6PeakRssMb: number;
  tenantCores: number;
  rounds: Usage[];
}

export interface OverheadResult {
  ceilingRate: number;
  maxVus: number;
  seconds: number;
  harness: ScriptFigures;
  minimal: ScriptFigures;
  /** harness rate / minimal rate. */
  ratio: number;
}

const figures = (rounds: Usage[]): ScriptFigures => ({
  rate: median(rounds.map((u) => u.rate)),
  k6Cores: median(rounds.map((u) => u.k6Cores)),
  k6CpuMsPerPut: median(rounds.map((u) => u.k6CpuMsPerPut)),
  k6PeakRssMb: Math.max(...rounds.map((u) => u.k6PeakRssMb)),
  tenantCores: median(rounds.map((u) => u.tenantCores)),
  rounds,
});

export async function measureOverhead(ctx: BenchContext, tenant: Server): Promise<OverheadResult> {
  const say = (step: string) => ctx.progress('2/5 load-script overhead', step);
  const usage: Record<'harness' | 'minimal', Usage[]> = { harness: [], minimal: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const which of ['minimal', 'harness'] as const) {
      say(`round ${round}/${ROUNDS}: ${which} script, up to ${CEILING_RATE}/s, ${MAX_VUS} VUs, ${SECONDS} s`);
      await resetTenant(tenant);
      const label = `overhead-${which}-${round}`;
      const run =
        which === 'harness'
          ? (() => {
              const h = harnessRun(
                tenant.url,
                { rate: CEILING_RATE, duration: `${SECONDS}s`, maxVus: MAX_VUS },
                label,
                ctx.dir,
                ctx,
              );
              return runK6Sampled({
                k6: ctx.k6,
                args: h.args,
                headers: h.headers,
                tenant,
                timeoutMs: h.timeoutMs,
                cpu: ctx.generatorCpu,
              });
            })()
          : runK6Sampled({
              k6: ctx.k6,
              args: ['run', join(root, 'scripts', 'bench', 'k6', 'minimal-put.ts')],
              plain: {
                BASE_URL: tenant.url,
                BENCH_BODY_FILE: ctx.bodyFile,
                BENCH_EXECUTOR: 'rate',
                BENCH_RATE: CEILING_RATE,
                BENCH_VUS: MAX_VUS,
                BENCH_DURATION: `${SECONDS}s`,
                BENCH_SUMMARY: join(ctx.dir, 'k6', `${label}.json`),
              },
              headers: ctx.headers,
              tenant,
              timeoutMs: (SECONDS + 60) * 1000,
              cpu: ctx.generatorCpu,
            });
      const result = await run;
      // 99: a threshold failed (expected: the harness's thresholds are not the point here).
      if ((result.code !== 0 && result.code !== 99) || !result.usage)
        throw new Error(`the ${which} k6 run failed (exit ${result.code}): ${result.output.slice(-600)}`);
      usage[which].push(result.usage);
    }
  }
  const harness = figures(usage.harness);
  const minimal = figures(usage.minimal);
  return {
    ceilingRate: CEILING_RATE,
    maxVus: MAX_VUS,
    seconds: SECONDS,
    harness,
    minimal,
    ratio: harness.rate / minimal.rate,
  };
}
