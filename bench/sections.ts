/**
 * Sections 2-4, all with the embedded engine in this process as the generator and the server in
 * its own process: the generator's cost per validated PUT (against the fair server and the
 * tenant), its memory at 100 / 500 / 1000 PUTs in flight, and its p50/p99 error at 100 ms and
 * 1000 ms injected (against the tenant, and the fair server holding each answer).
 */
import type { BenchContext } from './context.ts';
import { drive, saturate, type EngineFigures } from './generator.ts';
import { resetTenant, startServer, stopServer, type Server } from './servers.ts';

export interface CostResult {
  inFlight: number;
  fair: EngineFigures;
  tenant: EngineFigures;
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

export async function measureCost(ctx: BenchContext): Promise<CostResult> {
  const say = (s: string) => ctx.progress('2/5 generator cost', s);
  const inFlight = 64;
  const run = (server: Server) =>
    saturate(server.url, ctx.headers, inFlight, 2).then(() => saturate(server.url, ctx.headers, inFlight, 8));
  say(`fair server, ${inFlight} in flight, 2 s warm-up + 8 s, every answer validated`);
  const fair = await withServer(ctx, 'fair', {}, run);
  say(`embedded tenant, ${inFlight} in flight`);
  const tenant = await withServer(ctx, 'tenant', {}, run);
  return { inFlight, fair, tenant };
}

export async function measureMemory(ctx: BenchContext): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  await withServer(ctx, 'fair', { BENCH_DELAY_MS: '1000' }, async (server) => {
    for (const inFlight of [100, 500, 1000]) {
      ctx.progress('3/5 memory in flight', `${inFlight} PUTs held 1 s each (${inFlight}/s for 6 s)`);
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
    ctx.progress('4/5 fidelity', `tenant, ${injectedMs} ms injected, 20/s for 10 s`);
    points.push(
      await withServer(ctx, 'tenant', {}, async (server) => {
        await drive(server.url, ctx.headers, 20, 100, 2);
        await resetTenant(server, injectedMs);
        return point('tenant', injectedMs, await drive(server.url, ctx.headers, 20, 100, 10));
      }),
    );
    ctx.progress('4/5 fidelity', `fair server holding ${injectedMs} ms, 20/s for 10 s`);
    points.push(
      await withServer(ctx, 'fair', { BENCH_DELAY_MS: String(injectedMs) }, async (server) => {
        await drive(server.url, ctx.headers, 20, 100, 2);
        return point('fair', injectedMs, await drive(server.url, ctx.headers, 20, 100, 10));
      }),
    );
  }
  return points;
}
