/**
 * One bounded k6 run for the bench, with the k6 process and the tenant sampled every 250 ms:
 * CPU time and RSS from /proc, PUTs from the tenant's counters. The load window is the span in
 * which the tenant's PUT count was still rising, so k6's start-up (TypeScript transpile, VU init,
 * setup) and end (summary) are left out of CPU and rate. Secret headers go in k6's environment
 * only, as scripts/load-k6.ts does.
 */
import { readFileSync } from 'node:fs';
import { exited, sampleProc, start, type ProcSample } from './procs.ts';
import { putCount, root, type Server } from './servers.ts';

export interface K6RunInput {
  k6: string;
  args: string[];
  /** Plain settings, passed as `-e NAME=value`. */
  plain?: Record<string, string | number | undefined>;
  headers: Record<string, string>;
  tenant: Server;
  timeoutMs: number;
  cpu?: number;
  /** The file k6's handleSummary writes (read back; kept under reports/bench/k6/ as evidence). */
  summaryFile?: string;
}

export interface Usage {
  /** Load window, s. */
  seconds: number;
  puts: number;
  /** PUTs per second the tenant counted in the window. */
  rate: number;
  /** k6 CPU in the window, in cores (1 = one core busy). */
  k6Cores: number;
  /** k6 CPU per PUT in the window, ms. */
  k6CpuMsPerPut: number;
  k6PeakRssMb: number;
  tenantCores: number;
}

export interface K6RunResult {
  code: number;
  output: string;
  usage: Usage | undefined;
  summary: unknown;
}

interface Tick {
  t: number;
  k6: ProcSample;
  tenant: ProcSample | undefined;
  puts: number;
}

/** CPU, rate and memory over the ticks in which the PUT count rose (first rise .. last rise). */
export function usageOf(ticks: readonly Tick[]): Usage | undefined {
  if (ticks.length < 3) return undefined;
  const first = ticks.findIndex((x, i) => i > 0 && x.puts > (ticks[i - 1] as Tick).puts);
  const finalPuts = (ticks[ticks.length - 1] as Tick).puts;
  const last = ticks.findIndex((x) => x.puts === finalPuts);
  // Both ends inside the load: the tick after the first rise, the tick before the count stopped.
  const a = ticks[first];
  const b = ticks[last - 1];
  if (first < 0 || !a || !b || b.t - a.t < 1000) return undefined;
  const s = (b.t - a.t) / 1000;
  const puts = b.puts - a.puts;
  const k6Ms = b.k6.cpuMs - a.k6.cpuMs;
  return {
    seconds: s,
    puts,
    rate: puts / s,
    k6Cores: k6Ms / 1000 / s,
    k6CpuMsPerPut: puts > 0 ? k6Ms / puts : 0,
    k6PeakRssMb: Math.max(...ticks.map((x) => x.k6.hwmKb)) / 1024,
    tenantCores: a.tenant && b.tenant ? (b.tenant.cpuMs - a.tenant.cpuMs) / 1000 / s : 0,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runK6Sampled(input: K6RunInput): Promise<K6RunResult> {
  const env = { ...process.env, LOAD_HEADERS: JSON.stringify(input.headers), K6_NO_USAGE_REPORT: 'true' };
  const plain = Object.entries(input.plain ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .flatMap(([k, v]) => ['-e', `${k}=${String(v)}`]);
  const [command, ...rest] = input.args;
  const proc = start(input.k6, [command as string, '--quiet', ...plain, ...rest], { cpu: input.cpu, cwd: root, env });
  const ticks: Tick[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      const k6 = sampleProc(proc.pid);
      if (!k6) break;
      const puts = await putCount(input.tenant).catch(() => ticks.at(-1)?.puts ?? 0);
      ticks.push({ t: Date.now(), k6, tenant: sampleProc(input.tenant.pid), puts });
      await sleep(250);
    }
  })();
  const { code, timedOut } = await exited(proc, input.timeoutMs);
  running = false;
  await sampling;
  let summary: unknown;
  if (input.summaryFile) {
    try {
      summary = JSON.parse(readFileSync(input.summaryFile, 'utf8')) as unknown;
    } catch {
      summary = undefined;
    }
  }
  const output = `${timedOut ? `k6 ran past its bound of ${Math.round(input.timeoutMs / 1000)} s and was stopped\n` : ''}${proc.output()}`;
  return { code: timedOut ? 124 : code, output, usage: usageOf(ticks), summary };
}

/** A trend's statistic from k6's end-of-test data (`med`, `p(99)`, `count`, `rate`). */
export function metric(summary: unknown, name: string, stat: string): number | undefined {
  const m = (summary as { metrics?: Record<string, { values?: Record<string, number> }> } | undefined)?.metrics?.[name];
  return m?.values?.[stat];
}
