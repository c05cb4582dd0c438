/** bench.json (every figure, for scripts) and bench.md (the tables, for people; also printed). */
import type { CandidateFigures } from './engines.ts';
import type { CostResult, FidelityPoint, MemoryPoint } from './sections.ts';
import { n, row, throughputLines, wallTimeLines } from './render.ts';
import type { ThroughputResult } from './throughput.ts';
import type { StartTimes, TestTimes } from './wall-times.ts';

export interface BenchResult {
  date: string;
  gitRevision: string;
  wallSeconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    pinned: boolean;
    loadAverages: Array<{ at: string; load1: number }>;
  };
  throughput?: ThroughputResult;
  cost?: CostResult;
  memory?: MemoryPoint[];
  fidelity?: FidelityPoint[];
  /** Section 5: `npm start` timed in this run (absent with --no-start), `npm test` as last recorded. */
  start?: StartTimes;
  test?: TestTimes;
  engines?: CandidateFigures[];
  failures: Array<{ section: string; error: string }>;
}

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)} %`;

function engineLines(engines: readonly CandidateFigures[]): string[] {
  const cell = (v: number | undefined, d = 0) => (v === undefined ? '-' : n(v, d));
  return [
    '## 6. Load generator candidates (fair server, every answer validated, same body)',
    '',
    row(
      'candidate',
      'cost: validated PUT/s of 400 asked',
      'CPU ms per validated PUT',
      'held 3 s: PUTs sent of 400',
      'held: max ms',
      '100 ms held: p50 / p99 ms',
      'error p50 / p99',
    ),
    '|---|---|---|---|---|---|---|',
    ...engines.map((e) => {
      if (e.error) return `| ${e.version} | could not run: ${e.error.slice(0, 120)} | | | | | |`;
      const latency = `${cell(e.fidelity?.p50, 2)} / ${cell(e.fidelity?.p99, 2)}`;
      const error = e.fidelity ? `${pct(e.fidelity.p50Error)} / ${pct(e.fidelity.p99Error)}` : '-';
      const cost = [cell(e.cost && e.cost.validated / 10), cell(e.cost?.cpuMsPerPut, 3)];
      return row(e.version, ...cost, cell(e.held?.requests), cell(e.held?.max, 1), latency, error);
    }),
  ];
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const pinning = m.pinned ? 'server on CPU 0, generator on CPU 1' : 'no CPU pinning';
  const load = m.loadAverages.map((l) => l.load1).join(' / ');
  const lines = [
    `# npm run bench, ${r.date.slice(0, 10)}`,
    '',
    `Measured ${r.date} on ${m.cpus} cores (${m.cpuModel}) with ${n(m.memoryGb)} GiB of memory, Node ${m.node}; ` +
      `${pinning}; load average ${load} (other work on the machine counts in every figure); ` +
      `git ${r.gitRevision}; the bench took ${n(r.wallSeconds)} s.`,
  ];
  if (r.throughput) lines.push('', ...throughputLines(r.throughput));
  const c = r.cost;
  if (c) {
    const best = Math.min(...c.points.filter((p) => p.server === 'fair' && p.notSent === 0).map((p) => p.cpuMsPerPut));
    lines.push(
      '',
      '## 2. Generator CPU per validated PUT ' +
        `(embedded engine in its own process, at most ${c.inFlight} in flight, process.cpuUsage over the run)`,
      '',
      row(
        'server',
        'asked PUT/s',
        'validated PUTs',
        'arrivals not sent',
        'CPU ms per validated PUT',
        'validated PUT/s per generator core',
        'send lag p99 ms',
      ),
      '|---|---|---|---|---|---|---|',
      ...c.points.map((p) => {
        const server = p.server === 'fair' ? 'fair node:http server' : 'embedded tenant';
        const cpu = [n(p.cpuMsPerPut, 3), n((1 / p.cpuMsPerPut) * 1000)];
        return row(server, n(p.rate), n(p.validated), p.notSent, ...cpu, n(p.sendLagP99, 1));
      }),
      '',
      `Target: at most 0.1 ms of generator CPU per validated PUT: ${best <= 0.1 ? 'met' : 'not met'} ` +
        `(best ${Number.isFinite(best) ? n(best, 3) : '-'} ms against the fair server with every arrival sent).`,
    );
  }
  if (r.memory)
    lines.push(
      '',
      '## 3. Generator memory by PUTs in flight (each answer held 1 s)',
      '',
      '| in flight | peak RSS MB | arrivals not sent |',
      '|---|---|---|',
      ...r.memory.map((p) => `| ${p.inFlight} | ${n(p.peakRssMb)} | ${p.notSent} |`),
    );
  if (r.fidelity)
    lines.push(
      '',
      '## 4. Fidelity: reported p50/p99 (from the intended start) against the injected delay',
      '',
      '| server | injected ms | PUTs | p50 ms | p99 ms | p50 error | p99 error |',
      '|---|---|---|---|---|---|---|',
      ...r.fidelity.map((p) =>
        row(p.server, p.injectedMs, p.requests, n(p.p50, 2), n(p.p99, 2), pct(p.p50Error), pct(p.p99Error)),
      ),
      '',
      "The error includes the server's own time beyond the injected delay " +
        "(timer lateness, parsing, the tenant's work).",
    );
  if (r.start || r.test) lines.push('', ...wallTimeLines(r.start, r.test));
  if (r.engines) lines.push('', ...engineLines(r.engines));
  for (const f of r.failures) lines.push('', `Not measured: ${f.section}: ${f.error}`);
  return lines.join('\n');
}
