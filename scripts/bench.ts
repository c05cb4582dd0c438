/**
 * `npm run bench`: how fast the embedded tenant serves PUT and how much the harness's k6 script
 * costs, as ratios measured in one run on this machine (absolute figures move on a noisy box).
 * Writes reports/bench/bench.json and bench.md and prints the table. Targets are reported, never
 * enforced: exit 0 when it ran (targets met or not), 2 when a section could not be measured.
 *
 *   npx tsx scripts/bench.ts [--suite-log <npm test output>] [--only 1,3]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeContext, elapsed, type BenchContext } from './bench/context.ts';
import { measureFidelity } from './bench/fidelity.ts';
import { measureOverhead } from './bench/overhead.ts';
import { stopAll } from './bench/procs.ts';
import { renderMarkdown, targetsOf, type BenchResult } from './bench/report.ts';
import { measureScale } from './bench/scale.ts';
import { root, startServer, stopServer, type Server } from './bench/servers.ts';
import { readSuiteTimes } from './bench/suite.ts';
import { measureThroughput } from './bench/throughput.ts';
import { findK6, gitRevision, K6Missing, k6Version } from './load-k6.ts';

const usage = 'usage: npx tsx scripts/bench.ts [--suite-log <file with npm test output>] [--only 1,2,3,4,5]';

function parseArgs(argv: string[]): { suiteLog: string | undefined; only: Set<number> } {
  let suiteLog: string | undefined;
  let only = new Set([1, 2, 3, 4, 5]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--suite-log' && argv[i + 1]) suiteLog = argv[++i];
    else if (arg === '--only' && argv[i + 1]) only = new Set((argv[++i] as string).split(',').map(Number));
    else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${arg}\n${usage}`);
      process.exit(2);
    }
  }
  return { suiteLog, only };
}

const loadAverages: BenchResult['machine']['loadAverages'] = [];
function noteLoad(at: string): void {
  loadAverages.push({ at, load1: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) });
}

function machine(ctx: BenchContext, wrkUsed: boolean): BenchResult['machine'] {
  const wrk = wrkUsed
    ? spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.split(' [')[0]
    : undefined;
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: totalmem() / 2 ** 30,
    kernel: release(),
    node: process.version,
    k6: ctx.k6Version,
    wrk,
    pinned: ctx.serverCpu !== undefined,
    loadAverages,
  };
}

async function main(): Promise<number> {
  const { suiteLog, only } = parseArgs(process.argv.slice(2));
  let k6: string;
  try {
    k6 = findK6({ k6Bin: process.env.K6_BIN || undefined });
  } catch (err) {
    if (err instanceof K6Missing) {
      console.error(`bench: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const dir = join(root, 'reports', 'bench');
  const ctx = makeContext(k6, k6Version(k6), gitRevision(), dir);
  console.log(
    `bench: ${cpus().length} CPUs, ${ctx.serverCpu === undefined ? 'no CPU pinning' : 'server on CPU 0, load generator on CPU 1'}; about 5 minutes. Sections: ${[...only].sort().join(', ')}`,
  );
  const result: BenchResult = {
    date: new Date().toISOString(),
    gitRevision: ctx.gitRevision,
    wallSeconds: 0,
    machine: machine(ctx, false),
    targets: [],
    failures: [],
  };
  const attempt = async (section: string, fn: () => Promise<void>) => {
    noteLoad(`section ${section.split(' ')[0]}`);
    try {
      await fn();
    } catch (err) {
      const error = (err as Error).message;
      console.error(`bench: ${section} could not be measured: ${error}`);
      result.failures.push({ section, error });
    }
  };

  if (only.has(1))
    await attempt('1 tenant throughput', async () => void (result.throughput = await measureThroughput(ctx)));
  if (only.has(2) || only.has(3) || only.has(4)) {
    let tenant: Server | undefined;
    try {
      tenant = await startServer('tenant', { cpu: ctx.serverCpu });
      const t = tenant;
      if (only.has(2))
        await attempt('2 load-script overhead', async () => void (result.overhead = await measureOverhead(ctx, t)));
      if (only.has(3))
        await attempt('3 measurement fidelity', async () => void (result.fidelity = await measureFidelity(ctx, t)));
      if (only.has(4)) await attempt('4 scale', async () => void (result.scale = await measureScale(ctx, t)));
    } catch (err) {
      result.failures.push({ section: '2-4 (tenant)', error: (err as Error).message });
    } finally {
      if (tenant) await stopServer(tenant);
    }
  }
  if (only.has(5)) {
    ctx.progress('5/5 suite time', suiteLog ? `reading ${suiteLog}` : 'reading reports/test-times.json');
    await attempt(
      '5 suite time',
      async () => void (result.suite = readSuiteTimes(suiteLog, join(root, 'reports', 'test-times.json'))),
    );
  }

  noteLoad('end');
  result.machine = machine(ctx, result.throughput?.generator === 'wrk');
  result.targets = targetsOf(result);
  result.wallSeconds = (Date.now() - ctx.startedAt) / 1000;
  const md = renderMarkdown(result);
  writeFileSync(join(dir, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'bench.md'), `${md}\n`);
  console.log(`\n${md}\n`);
  console.log(`bench: wrote reports/bench/bench.json and reports/bench/bench.md in ${elapsed(ctx.startedAt)}`);
  if (result.failures.length) {
    console.error(
      `bench: ${result.failures.length} section(s) could not be measured: ${result.failures.map((f) => f.section).join(', ')}`,
    );
    return 2;
  }
  return 0;
}

main().then(
  (code) => {
    stopAll();
    process.exit(code);
  },
  (err: unknown) => {
    stopAll();
    console.error(`bench: could not run: ${(err as Error).stack ?? String(err)}`);
    process.exit(2);
  },
);
