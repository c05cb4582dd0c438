/**
 * Section 1: the tenant's PUT throughput against a bare node:http JSON echo (the practical
 * ceiling) and against the fair server (serve-fair.ts: parses the PUT, answers the tenant's own
 * 4.8 KB entity), at a fixed concurrency, each server in its own process on CPU 0, the generator on
 * CPU 1. Rounds alternate tenant / bare so a drift in the machine hits both. A third, profiled
 * tenant run (node --cpu-prof) says where the tenant's time goes.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchContext } from './context.ts';
import { saturate } from './generator.ts';
import { readMainProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { resetTenant, root, startServer, stopServer, type Server } from './servers.ts';
import { ensureWrk, runWrk, type GeneratorResult } from './wrk.ts';

export const CONNECTIONS = 32;
const ROUND_SECONDS = 8;
const WARMUP_SECONDS = 3;
const ROUNDS = 2;

export interface ServerFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  rounds: GeneratorResult[];
}

export interface ThroughputResult {
  generator: 'wrk' | 'embedded engine';
  connections: number;
  seconds: number;
  tenant: ServerFigures;
  bare: ServerFigures;
  fair: ServerFigures;
  /** tenant / bare echo, and tenant / the fair 4.8 KB server. */
  ratio: number;
  fairRatio: number;
  tenantResponseBytes: number;
  bareResponseBytes: number;
  fairResponseBytes: number;
  profile: ProfileSummary | undefined;
}

/** Size of one PUT's response body from the server (what it serializes and writes per request). */
async function responseBytes(ctx: BenchContext, server: Server): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/ChatSession/400`, {
    method: 'PUT',
    headers: { ...ctx.headers, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: readFileSync(ctx.bodyFile),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200)
    throw new Error(`the ${server.kind} server answered ${res.status} to a PUT: ${(await res.text()).slice(0, 300)}`);
  return (await res.arrayBuffer()).byteLength;
}

type Generate = (server: Server, seconds: number) => Promise<GeneratorResult>;

const figures = (rounds: GeneratorResult[]): ServerFigures => ({
  rps: median(rounds.map((r) => r.rps)),
  p50Ms: median(rounds.map((r) => r.p50Ms)),
  p99Ms: median(rounds.map((r) => r.p99Ms)),
  errors: rounds.reduce((n, r) => n + r.errors, 0),
  rounds,
});

export async function measureThroughput(ctx: BenchContext): Promise<ThroughputResult> {
  const say = (step: string) => ctx.progress('1/6 tenant throughput', step);
  const useWrk = ensureWrk(say);
  const generate: Generate = useWrk
    ? (server, seconds) =>
        runWrk({
          url: server.url,
          connections: CONNECTIONS,
          seconds,
          scriptDir: ctx.dir,
          bodyFile: ctx.bodyFile,
          headers: ctx.headers,
          cpu: ctx.generatorCpu,
        })
    : (server, seconds) => saturate(server.url, ctx.headers, CONNECTIONS, seconds);
  const servers: Server[] = [];
  const results: Record<Server['kind'], GeneratorResult[]> = { tenant: [], bare: [], fair: [] };
  const bytes = { tenant: 0, bare: 0, fair: 0 };
  try {
    servers.push(
      await startServer('tenant', { cpu: ctx.serverCpu }),
      await startServer('bare', { cpu: ctx.serverCpu }),
      await startServer('fair', { cpu: ctx.serverCpu }),
    );
    for (const server of servers) bytes[server.kind] = await responseBytes(ctx, server);
    for (const server of servers) {
      say(`warming up the ${server.kind} server (${WARMUP_SECONDS} s)`);
      await generate(server, WARMUP_SECONDS);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of servers) {
        say(`round ${round}/${ROUNDS}: ${server.kind}, ${CONNECTIONS} connections, ${ROUND_SECONDS} s`);
        if (server.kind === 'tenant') await resetTenant(server);
        results[server.kind].push(await generate(server, ROUND_SECONDS));
      }
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  say(`profiling the tenant (node --cpu-prof, ${ROUND_SECONDS} s of load)`);
  const profile = await profileTenant(ctx, generate);
  const tenant = figures(results.tenant);
  const bare = figures(results.bare);
  const fair = figures(results.fair);
  return {
    generator: useWrk ? 'wrk' : 'embedded engine',
    connections: CONNECTIONS,
    seconds: ROUND_SECONDS,
    tenant,
    bare,
    fair,
    ratio: tenant.rps / bare.rps,
    fairRatio: tenant.rps / fair.rps,
    tenantResponseBytes: bytes.tenant,
    bareResponseBytes: bytes.bare,
    fairResponseBytes: bytes.fair,
    profile,
  };
}

async function profileTenant(ctx: BenchContext, generate: Generate): Promise<ProfileSummary | undefined> {
  const dir = join(ctx.dir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer('tenant', { cpu: ctx.serverCpu, cpuProfDir: dir });
  try {
    await generate(server, WARMUP_SECONDS);
    await generate(server, ROUND_SECONDS);
  } finally {
    await stopServer(server);
  }
  const profile = readMainProfile(dir);
  // Only the measured load (the last ROUND_SECONDS s), not start-up, module loading or warm-up.
  return profile ? summarizeProfile(profile, root, { lastMs: ROUND_SECONDS * 1000 + 500 }) : undefined;
}
