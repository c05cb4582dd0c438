/**
 * `npm run bench`: figures, not timed tests. Section 1 the tenant's PUT throughput against the fair
 * 4.8 KB server, the same work in Fastify, the tenant's own PUT work on bare node:http, and a bare
 * echo; 2 the embedded engine's CPU per
 * validated PUT; 3 its memory by PUTs in flight; 4 its p50/p99 error at 100 ms and 1000 ms
 * injected; 5 the wall times of `npm start` (timed here) and `npm test` (its last record);
 * 6 the load generator candidates side by side (bench/engines.ts).
 * Writes reports/bench/bench.json and bench.md. Exit 0 when it ran, 2 when a section could not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gitRevision } from '../load/runner/git.ts';
import { elapsed, makeContext } from './context.ts';
import { stopAll } from './procs.ts';
import { renderMarkdown, type BenchResult } from './report.ts';
import { measureEngines } from './engines.ts';
import { measureCost, measureFidelity, measureMemory } from './sections.ts';
import { root } from './servers.ts';
import { measureThroughput } from './throughput.ts';
import { readTestTimes, timeNpmStart } from './wall-times.ts';

export interface BenchOptions {
  /** Section numbers to run. */
  only: ReadonlySet<number>;
  /** Time `npm start` in section 5 (false: --no-start). */
  start: boolean;
}

export async function bench({ only, start }: BenchOptions): Promise<number> {
  const dir = join(root, 'reports', 'bench');
  const ctx = makeContext(gitRevision(), dir);
  const loads: BenchResult['machine']['loadAverages'] = [];
  const note = (at: string) => loads.push({ at, load1: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) });
  const r: BenchResult = {
    date: new Date().toISOString(),
    gitRevision: ctx.gitRevision,
    wallSeconds: 0,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: totalmem() / 2 ** 30,
      node: process.version,
      pinned: ctx.serverCpu !== undefined,
      loadAverages: loads,
    },
    failures: [],
  };
  const attempt = async (n: number, section: string, fn: () => Promise<void>) => {
    if (!only.has(n)) return;
    note(`section ${n}`);
    try {
      await fn();
    } catch (err) {
      console.error(`bench: ${section} could not be measured: ${(err as Error).message}`);
      r.failures.push({ section, error: (err as Error).message });
    }
  };
  await attempt(1, '1 tenant throughput', async () => void (r.throughput = await measureThroughput(ctx)));
  await attempt(2, '2 generator cost', async () => void (r.cost = await measureCost(ctx)));
  await attempt(3, '3 generator memory', async () => void (r.memory = await measureMemory(ctx)));
  await attempt(4, '4 fidelity', async () => void (r.fidelity = await measureFidelity(ctx)));
  await attempt(5, '5 wall times', async () => {
    r.test = readTestTimes();
    if (start) r.start = await timeNpmStart(ctx);
  });
  await attempt(6, '6 engines', async () => void (r.engines = await measureEngines(ctx)));
  note('end');
  r.wallSeconds = (Date.now() - ctx.startedAt) / 1000;
  const md = renderMarkdown(r);
  writeFileSync(join(dir, 'bench.json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, 'bench.md'), `${md}\n`);
  console.log(`\n${md}\n\nbench: wrote reports/bench/bench.json and bench.md in ${elapsed(ctx.startedAt)}`);
  stopAll();
  return r.failures.length ? 2 : 0;
}
