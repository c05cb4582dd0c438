/**
 * Sections 2-4, all with the embedded engine in this process as the generator and the server in
 * its own process: the generator's cost per validated PUT (against the fair server and the
 * tenant), its memory at 100 / 500 / 1000 PUTs in flight, and its p50/p99 error at 100 ms and
 * 1000 ms injected (against the tenant, and the fair server holding each answer).
 */
import { readFileSync } from 'node:fs';
import type { BenchContext } from './context.ts';
import { runCandidate } from './engines.ts';
import { drive, type EngineFigures } from './generator.ts';
import { resetTenant, startServer, stopServer, type Server } from './servers.ts';

export interface CostPoint {
  server: 'fair' | 'tenant';
  rate: number;
  seconds: number;
  validated: number;
  notSent: number;
  cpuMsPerPut: number;
  sendLagP99: number;
}
export interface CostResult {
  inFlight: number;
  points: CostPoint[];
}
export interface MemoryPoint {
  inFlight: number;
  rate: number;
  peakRssMb: number;
  notSent: number;
}
export interface FidelityPoint {
  server: 'tenant' | 'fair';
  injectedMs: number;
  p50: number;
  p99: number;
  p50Error: number;
  p99Error: number;
  requests: number;
}

async function withServer<T>(
  ctx: BenchContext,
  kind: Server['kind'],
  env: NodeJS.ProcessEnv,
  fn: (s: Server) => Promise<T>,
): Promise<T> {
  const server = await startServer(kind, { cpu: ctx.serverCpu, env });
  try {
    return await fn(server);
  } finally {
    await stopServer(server);
  }
}

/**
 * CPU per validated PUT at rates the engine is asked to keep (not saturation): the engine in its
 * own process on the generator CPU with the scenario's own bodies and checks, process.cpuUsage()
 * over the run, the server on the other CPU; after a 2 s warm-up at the same rate.
 */
export async function measureCost(ctx: BenchContext): Promise<CostResult> {
  const inFlight = 64;
  const seconds = 10;
  const points: CostPoint[] = [];
  const body = readFileSync(ctx.bodyFile, 'utf8');
  for (const [server, rates] of [
    ['fair', [500, 1000, 2000]],
    ['tenant', [500]],
  ] as const) {
    await withServer(ctx, server, {}, async (s) => {
      for (const rate of rates) {
        ctx.progress('2/6 generator cost', `${server} server, ${rate}/s for ${seconds} s, every answer validated`);
        const job = (secs: number) => ({
          name: 'embedded' as const,
          from: '',
          url: s.url,
          rate,
          seconds: secs,
          inFlight,
          headers: ctx.headers,
          body,
          scenario: true,
        });
        await runCandidate(ctx, job(2));
        const r = await runCandidate(ctx, job(seconds));
        points.push({
          server,
          rate,
          seconds,
          validated: r.validated,
          notSent: r.notSent ?? 0,
          cpuMsPerPut: r.cpuMs / Math.max(1, r.validated),
          sendLagP99: r.sendLagP99 ?? 0,
        });
      }
    });
  }
  return { inFlight, points };
}

export async function measureMemory(ctx: BenchContext): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  await withServer(ctx, 'fair', { BENCH_DELAY_MS: '1000' }, async (server) => {
    for (const inFlight of [100, 500, 1000]) {
      ctx.progress('3/6 memory in flight', `${inFlight} PUTs held 1 s each (${inFlight}/s for 6 s)`);
      const f = await drive(server.url, ctx.headers, inFlight, Math.ceil(inFlight * 1.5), 6);
      points.push({ inFlight, rate: inFlight, peakRssMb: f.peakRssMb, notSent: f.notSent });
    }
  });
  return points;
}

export async function measureFidelity(ctx: BenchContext): Promise<FidelityPoint[]> {
  const points: FidelityPoint[] = [];
  const point = (server: FidelityPoint['server'], injectedMs: number, f: EngineFigures): FidelityPoint => ({
    server,
    injectedMs,
    p50: f.reportedP50,
    p99: f.reportedP99,
    p50Error: f.reportedP50 / injectedMs - 1,
    p99Error: f.reportedP99 / injectedMs - 1,
    requests: f.requests,
  });
  for (const injectedMs of [100, 1000]) {
    ctx.progress('4/6 fidelity', `tenant, ${injectedMs} ms injected, 20/s for 10 s`);
    points.push(
      await withServer(ctx, 'tenant', {}, async (server) => {
        await drive(server.url, ctx.headers, 20, 100, 2);
        await resetTenant(server, injectedMs);
        return point('tenant', injectedMs, await drive(server.url, ctx.headers, 20, 100, 10));
      }),
    );
    ctx.progress('4/6 fidelity', `fair server holding ${injectedMs} ms, 20/s for 10 s`);
    points.push(
      await withServer(ctx, 'fair', { BENCH_DELAY_MS: String(injectedMs) }, async (server) => {
        await drive(server.url, ctx.headers, 20, 100, 2);
        return point('fair', injectedMs, await drive(server.url, ctx.headers, 20, 100, 10));
      }),
    );
  }
  return points;
}
