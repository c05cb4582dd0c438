/**
 * Section 1: the tenant's PUT throughput against its ceilings, at a fixed concurrency, each server
 * in its own process on CPU 0, the generator on CPU 1: the fair server (serve-fair.ts: parses the
 * PUT, answers the tenant's own 4.8 KB entity), the same work in Fastify configured as the tenant
 * (serve-fastify.ts: the framework's share), the tenant's own PUT work on bare node:http
 * (serve-work.ts: the most a server doing that work can reach), and a bare echo. Every round
 * measures every server in turn, each round starting one server later (ratios.ts), and every ratio
 * is taken within a round.
 * Beside req/s, the server's CPU time per PUT (/proc), which a busy machine disturbs less. A last,
 * profiled tenant run (node --cpu-prof) says where the tenant's time goes.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchContext } from './context.ts';
import { saturate } from './generator.ts';
import { sampleProc } from './procs.ts';
import { readMainProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { roundOrder, roundRatios, type RoundRatios } from './ratios.ts';
import { resetTenant, root, startServer, stopServer, type Server } from './servers.ts';
import { ensureWrk, runWrk, type GeneratorResult } from './wrk.ts';

export const CONNECTIONS = 32;
/** BENCH_ROUNDS / BENCH_ROUND_SECONDS: more or longer rounds on a noisy machine. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5) || 5);
const ROUND_SECONDS = Math.max(1, Number(process.env.BENCH_ROUND_SECONDS ?? 6) || 6);
const WARMUP_SECONDS = 3;
/** The order of the first round; later rounds rotate it. */
const KINDS = ['tenant', 'fair', 'fastify', 'work', 'bare'] as const;
type Kind = (typeof KINDS)[number];

export interface ServerRound extends GeneratorResult {
  /** The server process's user + system CPU time per answered PUT, ms (undefined when /proc could not say). */
  cpuMsPerPut: number | undefined;
}

export interface ServerFigures {
  /** Medians over the rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerPut: number;
  errors: number;
  rounds: ServerRound[];
}

export interface ThroughputResult {
  generator: 'wrk' | 'embedded engine';
  connections: number;
  seconds: number;
  roundCount: number;
  tenant: ServerFigures;
  bare: ServerFigures;
  fair: ServerFigures;
  fastify: ServerFigures;
  work: ServerFigures;
  /** tenant / bare echo, tenant / fair, tenant / Fastify ceiling, fastify / fair: req/s within each round. */
  ratio: number;
  fairRatio: number;
  vsFair: RoundRatios;
  vsEcho: RoundRatios;
  vsFastify: RoundRatios;
  fastifyVsFair: RoundRatios;
  /** The tenant's work on bare node:http / fair (the bound on tenant / fair), tenant / that server. */
  workVsFair: RoundRatios;
  vsWork: RoundRatios;
  /** fair CPU per PUT / tenant CPU per PUT, within each round. */
  cpuVsFair: RoundRatios;
  tenantResponseBytes: number;
  bareResponseBytes: number;
  fairResponseBytes: number;
  fastifyResponseBytes: number;
  workResponseBytes: number;
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

/** One round on one server, with the server's CPU time over it. */
async function measured(generate: Generate, server: Server, seconds: number): Promise<ServerRound> {
  const before = sampleProc(server.pid);
  const result = await generate(server, seconds);
  const after = sampleProc(server.pid);
  const answered = result.requests - result.errors;
  const cpuMsPerPut = before && after && answered > 0 ? (after.cpuMs - before.cpuMs) / answered : undefined;
  return { ...result, cpuMsPerPut };
}

const figures = (rounds: ServerRound[]): ServerFigures => ({
  rps: median(rounds.map((r) => r.rps)),
  p50Ms: median(rounds.map((r) => r.p50Ms)),
  p99Ms: median(rounds.map((r) => r.p99Ms)),
  cpuMsPerPut: median(rounds.flatMap((r) => (r.cpuMsPerPut === undefined ? [] : [r.cpuMsPerPut]))),
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
  const results: Record<Kind, ServerRound[]> = { tenant: [], fair: [], fastify: [], work: [], bare: [] };
  const bytes: Record<Kind, number> = { tenant: 0, fair: 0, fastify: 0, work: 0, bare: 0 };
  try {
    for (const kind of KINDS) servers.push(await startServer(kind, { cpu: ctx.serverCpu }));
    for (const server of servers) bytes[server.kind as Kind] = await responseBytes(ctx, server);
    for (const server of servers) {
      say(`warming up the ${server.kind} server (${WARMUP_SECONDS} s)`);
      await generate(server, WARMUP_SECONDS);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of roundOrder(servers, round)) {
        say(`round ${round + 1}/${ROUNDS}: ${server.kind}, ${CONNECTIONS} connections, ${ROUND_SECONDS} s`);
        if (server.kind === 'tenant') await resetTenant(server);
        results[server.kind as Kind].push(await measured(generate, server, ROUND_SECONDS));
      }
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  say(`profiling the tenant (node --cpu-prof, ${ROUND_SECONDS} s of load)`);
  const profile = await profileTenant(ctx, generate);
  const rps = (kind: Kind) => results[kind].map((r) => r.rps);
  const cpu = (kind: Kind) => results[kind].map((r) => r.cpuMsPerPut ?? Number.NaN);
  const vsFair = roundRatios(rps('tenant'), rps('fair'));
  const vsEcho = roundRatios(rps('tenant'), rps('bare'));
  return {
    generator: useWrk ? 'wrk' : 'embedded engine',
    connections: CONNECTIONS,
    seconds: ROUND_SECONDS,
    roundCount: ROUNDS,
    tenant: figures(results.tenant),
    bare: figures(results.bare),
    fair: figures(results.fair),
    fastify: figures(results.fastify),
    work: figures(results.work),
    ratio: vsEcho.median,
    fairRatio: vsFair.median,
    vsFair,
    vsEcho,
    vsFastify: roundRatios(rps('tenant'), rps('fastify')),
    fastifyVsFair: roundRatios(rps('fastify'), rps('fair')),
    workVsFair: roundRatios(rps('work'), rps('fair')),
    vsWork: roundRatios(rps('tenant'), rps('work')),
    cpuVsFair: roundRatios(cpu('fair'), cpu('tenant')),
    tenantResponseBytes: bytes.tenant,
    bareResponseBytes: bytes.bare,
    fairResponseBytes: bytes.fair,
    fastifyResponseBytes: bytes.fastify,
    workResponseBytes: bytes.work,
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
