/**
 * Section 6: the load generator candidates side by side (issue 12: autocannon, undici's Pool with
 * hdr-histogram-js under our open-model scheduler, artillery), whichever are installed. Each runs
 * in its own process on the generator CPU against the fair server on the other one, every answer
 * parsed and validated with the same schema, the same fixed PUT body for all:
 * - cost: 400 PUT/s asked for 10 s; CPU ms per validated PUT (bench/candidate.ts says how);
 * - held response: 50/s for 8 s while the server holds the 40th PUT 3 s: arrivals sent of those
 *   planned (a closed loop stops sending on the held connection), and the worst sample;
 * - fidelity: every answer held 100 ms, 50/s for 8 s: p50/p99 against 100 ms.
 * autocannon and artillery are not dependencies: BENCH_CANDIDATES names folders they were
 * installed in (load/README.md, "Engines", gives the commands).
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BenchContext } from './context.ts';
import type { CandidateJob, CandidateRun } from './candidate.ts';
import { exited, start } from './procs.ts';
import { root, startServer, stopServer } from './servers.ts';

export interface CandidateFigures {
  name: CandidateJob['name'];
  version: string;
  cost?: CandidateRun & { planned: number; cpuMsPerPut: number };
  held?: CandidateRun & { planned: number };
  fidelity?: CandidateRun & { p50Error: number; p99Error: number };
  error?: string;
}

const COST = { rate: 400, seconds: 10 };
const HELD = { rate: 50, seconds: 8, at: 40, ms: 3000 };
const SLOW = { rate: 50, seconds: 8, ms: 100 };

/** The candidates found: the embedded engine always, the others where BENCH_CANDIDATES has them. */
export function findCandidates(): Array<{ name: CandidateJob['name']; from: string; version: string }> {
  const dirs = [root, ...(process.env.BENCH_CANDIDATES ?? '').split(delimiter).filter(Boolean)];
  const version = (dir: string, pkg: string) =>
    (JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const found: Array<{ name: CandidateJob['name']; from: string; version: string }> = [
    { name: 'embedded', from: root, version: `undici ${version(root, 'undici')} + hdr-histogram-js` },
  ];
  for (const name of ['autocannon', 'artillery'] as const) {
    const dir = dirs.find((d) => existsSync(join(d, 'node_modules', name, 'package.json')));
    if (dir) found.push({ name, from: dir, version: `${name} ${version(dir, name)}` });
  }
  return found;
}

/** Runs one job in its own process on the generator CPU; its one JSON line. */
export async function runCandidate(ctx: BenchContext, job: CandidateJob): Promise<CandidateRun> {
  const proc = start(process.execPath, ['--import', 'tsx', join(root, 'bench', 'candidate.ts'), JSON.stringify(job)], {
    cwd: root,
    cpu: ctx.generatorCpu,
  });
  const { code } = await exited(proc, (job.seconds * 2 + 90) * 1000);
  const line = proc
    .output()
    .trim()
    .split('\n')
    .findLast((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`${job.name} exited ${code}: ${proc.output().slice(-400)}`);
  return JSON.parse(line) as CandidateRun;
}

export async function measureEngines(ctx: BenchContext): Promise<CandidateFigures[]> {
  const body = readFileSync(ctx.bodyFile, 'utf8');
  const out: CandidateFigures[] = [];
  for (const c of findCandidates()) {
    const figures: CandidateFigures = { name: c.name, version: c.version };
    out.push(figures);
    const job = (url: string, rate: number, seconds: number): CandidateJob => ({
      name: c.name,
      from: c.from,
      url,
      rate,
      seconds,
      inFlight: 10,
      headers: ctx.headers,
      body,
    });
    const say = (what: string) => ctx.progress('6/6 engines', `${c.version}: ${what}`);
    try {
      say(`cost, ${COST.rate}/s asked for ${COST.seconds} s`);
      let server = await startServer('fair', { cpu: ctx.serverCpu });
      try {
        if (c.name !== 'artillery') await runCandidate(ctx, job(server.url, COST.rate, 2)); // warm-up
        const r = await runCandidate(ctx, { ...job(server.url, COST.rate, COST.seconds), inFlight: 64 });
        figures.cost = { ...r, planned: COST.rate * COST.seconds, cpuMsPerPut: r.cpuMs / Math.max(1, r.validated) };
      } finally {
        await stopServer(server);
      }
      say(`held response: PUT #${HELD.at} held ${HELD.ms} ms at ${HELD.rate}/s`);
      const env = { BENCH_HOLD_AT: String(HELD.at), BENCH_HOLD_MS: String(HELD.ms) };
      server = await startServer('fair', { cpu: ctx.serverCpu, env });
      try {
        figures.held = { ...(await runCandidate(ctx, job(server.url, HELD.rate, HELD.seconds))), planned: 400 };
      } finally {
        await stopServer(server);
      }
      say(`fidelity: every answer held ${SLOW.ms} ms`);
      server = await startServer('fair', { cpu: ctx.serverCpu, env: { BENCH_DELAY_MS: String(SLOW.ms) } });
      try {
        const r = await runCandidate(ctx, job(server.url, SLOW.rate, SLOW.seconds));
        figures.fidelity = { ...r, p50Error: r.p50 / SLOW.ms - 1, p99Error: r.p99 / SLOW.ms - 1 };
      } finally {
        await stopServer(server);
      }
    } catch (err) {
      figures.error = (err as Error).message;
    }
  }
  return out;
}
