/**
 * bench.json (every figure, for scripts) and bench.md (the tables, for people; also printed).
 * Targets are reported as met / not met: the bench never fails on a missed target.
 */
import type { FidelityResult } from './fidelity.ts';
import type { OverheadResult } from './overhead.ts';
import type { ProfileSummary } from './profile.ts';
import type { ScaleResult } from './scale.ts';
import type { SuiteResult } from './suite.ts';
import type { ThroughputResult } from './throughput.ts';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  kernel: string;
  node: string;
  k6: string;
  wrk: string | undefined;
  pinned: boolean;
  /** 1-minute load average when each section started and when the bench ended. */
  loadAverages: Array<{ at: string; load1: number }>;
}

export interface Target {
  section: number;
  what: string;
  target: string;
  value: number;
  met: boolean;
}

export interface BenchResult {
  date: string;
  gitRevision: string;
  wallSeconds: number;
  machine: Machine;
  throughput?: ThroughputResult;
  overhead?: OverheadResult;
  fidelity?: FidelityResult;
  scale?: ScaleResult;
  suite?: SuiteResult;
  targets: Target[];
  /** Sections that could not be measured, with the reason. */
  failures: Array<{ section: string; error: string }>;
}

export function targetsOf(r: Pick<BenchResult, 'throughput' | 'overhead' | 'fidelity'>): Target[] {
  const out: Target[] = [];
  if (r.throughput)
    out.push({
      section: 1,
      what: 'tenant / bare node:http requests per second',
      target: '>= 0.8',
      value: r.throughput.ratio,
      met: r.throughput.ratio >= 0.8,
    });
  if (r.overhead)
    out.push({
      section: 2,
      what: 'harness script / minimal script achieved rate',
      target: '>= 0.9',
      value: r.overhead.ratio,
      met: r.overhead.ratio >= 0.9,
    });
  for (const p of r.fidelity?.points ?? []) {
    const worst = Math.max(Math.abs(p.p50Error), Math.abs(p.p99Error));
    out.push({
      section: 3,
      what: `largest p50/p99 error at ${p.injectedMs} ms injected`,
      target: 'within 2 %',
      value: worst,
      met: worst <= 0.02,
    });
  }
  return out;
}

/** Why section 1 uses wrk (also in the README's performance section). */
export const GENERATOR_WHY =
  'Why wrk: on two cores the generator and the server share the machine, so the generator must take as little CPU per request as possible or it measures itself. wrk is a C event loop (one thread here, LuaJIT for the PUT body and ids) and needs a fraction of the CPU k6 spends per request (k6 runs a JavaScript VU per request; see section 2 for its CPU per PUT), so one core is enough to saturate a Node server on the other. k6 stays the tool for sections 2 to 4, where its own cost is the thing measured; it is also the fallback here when wrk cannot be installed.';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);
const n2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : '**not met**');
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function summaryTable(r: BenchResult): string {
  const t = (section: number, i = 0) => r.targets.filter((x) => x.section === section)[i];
  const rows: Array<Array<string | number>> = [];
  if (r.throughput) {
    const { tenant, bare } = r.throughput;
    rows.push([
      '1',
      `PUT throughput, tenant vs bare node:http (${r.throughput.generator}, ${r.throughput.connections} connections)`,
      `tenant ${n0(tenant.rps)}/s (p50 ${n1(tenant.p50Ms)} ms, p99 ${n1(tenant.p99Ms)} ms); bare ${n0(bare.rps)}/s (p50 ${n1(bare.p50Ms)} ms, p99 ${n1(bare.p99Ms)} ms)`,
      `**${n2(r.throughput.ratio)}**`,
      '>= 0.8',
      met(t(1)?.met),
    ]);
  }
  if (r.overhead) {
    const { harness: h, minimal: m } = r.overhead;
    rows.push([
      '2',
      `harness PUT script vs minimal (k6, up to ${n0(r.overhead.ceilingRate)}/s, ${r.overhead.maxVus} VUs)`,
      `harness ${n0(h.rate)}/s, k6 ${n2(h.k6Cores)} cores, ${n2(h.k6CpuMsPerPut)} ms CPU/PUT, ${n0(h.k6PeakRssMb)} MB; minimal ${n0(m.rate)}/s, ${n2(m.k6Cores)} cores, ${n2(m.k6CpuMsPerPut)} ms CPU/PUT, ${n0(m.k6PeakRssMb)} MB`,
      `**${n2(r.overhead.ratio)}**`,
      '>= 0.9',
      met(t(2)?.met),
    ]);
  }
  for (const [i, p] of (r.fidelity?.points ?? []).entries()) {
    rows.push([
      '3',
      `fidelity, ${p.injectedMs} ms injected (${r.fidelity?.rate} PUT/s)`,
      `p50 ${n1(p.p50Ms)} ms, p99 ${n1(p.p99Ms)} ms`,
      `p50 ${pct(p.p50Error)}, p99 ${pct(p.p99Error)}`,
      'within 2 %',
      met(t(3, i)?.met),
    ]);
  }
  if (r.scale) {
    rows.push([
      '4',
      `k6 cost by VUs (~${r.scale.targetRate} PUT/s each)`,
      r.scale.points.map((p) => `${p.vus} VUs: ${n0(p.usage.k6PeakRssMb)} MB, ${n2(p.usage.k6Cores)} cores`).join('; '),
      '',
      '',
      'info',
    ]);
  }
  if (r.suite) {
    rows.push([
      '5',
      'npm test wall time',
      `${n0(r.suite.totalSeconds)} s: ${r.suite.stages.map((s) => `${s.name} ${n0(s.seconds)} s`).join(', ')}`,
      '',
      '',
      'info',
    ]);
  } else {
    rows.push([
      '5',
      'npm test wall time',
      'not measured (run `npm test | tee reports/test.log` and pass `--suite-log reports/test.log`, or let npm test write reports/test-times.json)',
      '',
      '',
      '',
    ]);
  }
  for (const f of r.failures)
    rows.push(['!', f.section, `could not be measured: ${f.error.split('\n')[0]}`, '', '', '']);
  return table(['#', 'measure', 'figures', 'ratio / error', 'target', 'verdict'], rows);
}

function profileTables(p: ProfileSummary): string {
  const busy = p.busyMs + p.idleMs > 0 ? p.busyMs / (p.busyMs + p.idleMs) : 0;
  return [
    `The tenant's main thread was busy ${n0(busy * 100)} % of the profiled load (${n0(p.busyMs)} ms of ${n0(p.busyMs + p.idleMs)} ms); shares below are of the busy time.`,
    '',
    table(
      ['self time by area', 'share', 'ms'],
      p.areas.slice(0, 12).map((a) => [a.area, `${n1(a.share * 100)} %`, n0(a.selfMs)]),
    ),
    '',
    table(
      ['top functions by self time', 'share', 'ms'],
      p.functions.map((f) => [`\`${f.name}\``, `${n1(f.share * 100)} %`, n0(f.selfMs)]),
    ),
  ].join('\n');
}

function details(r: BenchResult): string[] {
  const out: string[] = [];
  if (r.throughput) {
    const x = r.throughput;
    out.push(
      `## 1. Tenant throughput`,
      '',
      `Generator: ${x.generator}, ${x.connections} connections, ${x.tenant.rounds.length} alternating rounds of ${x.seconds} s per server after a warm-up; medians of the rounds. Errors (non-2xx, socket): tenant ${x.tenant.errors}, bare ${x.bare.errors}. Response body: tenant ${n0(x.tenantResponseBytes)} bytes (the entity with TableRight, FieldProperties, _Links), bare ${n0(x.bareResponseBytes)} bytes (the request body echoed).`,
      '',
      GENERATOR_WHY,
      '',
    );
    out.push(
      table(
        ['server', 'round', 'req/s', 'p50 ms', 'p99 ms'],
        (['tenant', 'bare'] as const).flatMap((k) =>
          x[k].rounds.map((g, i) => [k, i + 1, n0(g.rps), n2(g.p50Ms), n2(g.p99Ms)]),
        ),
      ),
      '',
    );
    if (x.profile)
      out.push("### Where the tenant's time goes (node --cpu-prof, same load)", '', profileTables(x.profile), '');
  }
  if (r.overhead) {
    const o = r.overhead;
    out.push(
      '## 2. Load-script overhead',
      '',
      `Both scripts: constant arrival rate ${n0(o.ceilingRate)}/s (a ceiling neither reaches), at most ${o.maxVus} VUs, ${o.seconds} s, k6 on its own core. Rate and CPU over the load window (the PUTs the tenant counted).`,
      '',
    );
    out.push(
      table(
        ['script', 'round', 'PUT/s', 'k6 cores', 'k6 ms CPU/PUT', 'k6 peak RSS MB', 'tenant cores'],
        (['harness', 'minimal'] as const).flatMap((k) =>
          o[k].rounds.map((u, i) => [
            k,
            i + 1,
            n0(u.rate),
            n2(u.k6Cores),
            n2(u.k6CpuMsPerPut),
            n0(u.k6PeakRssMb),
            n2(u.tenantCores),
          ]),
        ),
      ),
      '',
    );
    out.push(
      `On one free core k6 could send at most ~${n0(1000 / o.harness.k6CpuMsPerPut)} PUT/s with the harness script and ~${n0(1000 / o.minimal.k6CpuMsPerPut)} PUT/s with the minimal one (1000 ms / CPU per PUT): a cost ratio of ${n2(o.minimal.k6CpuMsPerPut / o.harness.k6CpuMsPerPut)}, independent of how busy the machine was.`,
      '',
    );
  }
  if (r.fidelity) {
    const f = r.fidelity;
    out.push(
      '## 3. Measurement fidelity',
      '',
      `The harness script at ${f.rate} PUT/s. With nothing injected the tenant answers in p50 ${n2(f.baseline.p50Ms)} ms, p99 ${n2(f.baseline.p99Ms)} ms: that much of each error below is real time spent, not a measurement error.`,
      '',
    );
    out.push(
      table(
        ['injected ms', 'PUTs', 'p50 ms', 'p50 error', 'p99 ms', 'p99 error'],
        f.points.map((p) => [p.injectedMs, p.puts, n2(p.p50Ms), pct(p.p50Error), n2(p.p99Ms), pct(p.p99Error)]),
      ),
      '',
    );
  }
  if (r.scale) {
    const s = r.scale;
    out.push(
      '## 4. Scale',
      '',
      `The harness's PUT iteration under constant VUs for ${s.seconds} s; injected latency = VUs / ${s.targetRate} s, so each level sends ~${s.targetRate} PUT/s with every VU waiting on a PUT.`,
      '',
    );
    out.push(
      table(
        ['VUs', 'injected ms', 'PUT/s', 'k6 cores', 'k6 ms CPU/PUT', 'k6 peak RSS MB', 'MB per VU', 'p50 ms'],
        s.points.map((p) => [
          p.vus,
          p.injectedMs,
          n0(p.usage.rate),
          n2(p.usage.k6Cores),
          n2(p.usage.k6CpuMsPerPut),
          n0(p.usage.k6PeakRssMb),
          n2(p.mbPerVu),
          p.p50Ms === undefined ? '' : n1(p.p50Ms),
        ]),
      ),
      '',
    );
  }
  if (r.suite) {
    out.push(
      '## 5. Suite time',
      '',
      `From ${r.suite.source}${r.suite.finishedAt ? ` (run finished ${r.suite.finishedAt})` : ''}.`,
      '',
    );
    out.push(
      table(
        ['stage', 'seconds', 'share', 'passed', 'failed'],
        r.suite.stages.map((s) => [
          s.name,
          n1(s.seconds),
          `${n0((s.seconds / r.suite!.totalSeconds) * 100)} %`,
          s.passed ?? '',
          s.failed ?? '',
        ]),
      ),
      '',
    );
  }
  return out;
}

function busyWarning(m: Machine): string[] {
  const peak = Math.max(0, ...m.loadAverages.map((l) => l.load1));
  if (peak <= m.cpus * 0.75) return [];
  return [
    `> **Busy machine:** other processes competed for the CPUs (1-minute load average up to ${n1(peak)} on ${m.cpus} CPUs: ${m.loadAverages.map((l) => `${l.at} ${n1(l.load1)}`).join(', ')}). Absolute rates are low and noisy; ratios of runs close in time suffer less, and CPU per request (section 2, 4) is the most robust figure. Run again on a quiet machine for README figures.`,
    '',
  ];
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  return [
    '# npm run bench',
    '',
    `${r.date}, ${m.cpus} × ${m.cpuModel}, ${n0(m.memoryGb)} GB, Linux ${m.kernel}, Node ${m.node}, k6 ${m.k6}${m.wrk ? `, ${m.wrk}` : ''}; ${m.pinned ? 'server on CPU 0, load generator on CPU 1 (taskset)' : 'not pinned to CPUs'}; git ${r.gitRevision}; ${n0(r.wallSeconds)} s.`,
    '',
    ...busyWarning(m),
    summaryTable(r),
    '',
    ...details(r),
  ].join('\n');
}
