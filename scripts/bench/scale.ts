/**
 * Section 4: what a k6 instance costs as VUs grow (100, 500, 1000), running the harness's PUT
 * iteration under constant VUs (k6/harness-vus.ts). The injected latency grows with the VUs
 * (VUs / 250 s), so every level sends about 250 PUT/s with every VU really waiting on a PUT:
 * memory then shows the cost per VU, CPU the cost of keeping them, at the same request rate.
 */
import { join } from 'node:path';
import type { BenchContext } from './context.ts';
import { harnessVusPlain } from './harness.ts';
import { metric, runK6Sampled, type Usage } from './k6run.ts';
import { resetTenant, root, type Server } from './servers.ts';

export const VU_LEVELS = [100, 500, 1000] as const;
export const TARGET_RATE = 250;
const SECONDS = 20;

export interface ScalePoint {
  vus: number;
  injectedMs: number;
  usage: Usage;
  /** k6 peak RSS per VU, MB. */
  mbPerVu: number;
  p50Ms: number | undefined;
}

export interface ScaleResult {
  seconds: number;
  targetRate: number;
  points: ScalePoint[];
}

export async function measureScale(ctx: BenchContext, tenant: Server): Promise<ScaleResult> {
  const say = (step: string) => ctx.progress('4/5 scale', step);
  const points: ScalePoint[] = [];
  try {
    for (const [i, vus] of VU_LEVELS.entries()) {
      const injectedMs = Math.round((vus / TARGET_RATE) * 1000);
      say(`${i + 1}/${VU_LEVELS.length}: ${vus} VUs, ${injectedMs} ms injected (~${TARGET_RATE} PUT/s), ${SECONDS} s`);
      await resetTenant(tenant, injectedMs);
      const summaryFile = join(ctx.dir, 'k6', `scale-${vus}.json`);
      const plain = {
        ...harnessVusPlain(tenant.url, vus, `${SECONDS}s`, TARGET_RATE * SECONDS * 3),
        BENCH_SUMMARY: summaryFile,
      };
      const result = await runK6Sampled({
        k6: ctx.k6,
        args: ['run', join(root, 'scripts', 'bench', 'k6', 'harness-vus.ts')],
        plain,
        headers: ctx.headers,
        tenant,
        // VU start-up for 1000 VUs takes a while on one core; the run itself is SECONDS + one latency.
        timeoutMs: (SECONDS + injectedMs / 1000 + 150) * 1000,
        cpu: ctx.generatorCpu,
        summaryFile,
      });
      if (result.code !== 0 || !result.usage)
        throw new Error(`k6 with ${vus} VUs failed (exit ${result.code}): ${result.output.slice(-600)}`);
      points.push({
        vus,
        injectedMs,
        usage: result.usage,
        mbPerVu: result.usage.k6PeakRssMb / vus,
        p50Ms: metric(result.summary, 'put_duration', 'med'),
      });
    }
  } finally {
    await resetTenant(tenant);
  }
  return { seconds: SECONDS, targetRate: TARGET_RATE, points };
}
