/**
 * bench.md's sections 1 (the tenant against its ceilings, round by round) and 5 (the wall times of
 * `npm start` and `npm test` against issue 16's targets). Pure: figures in, Markdown lines out.
 */
import type { ProfileSummary } from './profile.ts';
import type { RoundRatios } from './ratios.ts';
import type { ServerFigures, ThroughputResult } from './throughput.ts';
import {
  START_TARGET_SECONDS,
  TEST_TARGET_SECONDS,
  type StageSeconds,
  type StartRun,
  type StartTimes,
  type TestTimes,
} from './wall-times.ts';

/** The tenant's target against the fair ceiling (issue 16). */
export const FAIR_TARGET = 0.8;

export const n = (v: number | undefined, d = 0) =>
  v === undefined || !Number.isFinite(v)
    ? '-'
    : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const us = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '-' : n(ms * 1000));
const list = (r: RoundRatios) => (r.rounds.length ? r.rounds.map((x) => n(x, 2)).join(' / ') : '-');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');
/** A Markdown table row: `| a | b |`. */
export const row = (...cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function profileLines(p: ProfileSummary | undefined): string[] {
  if (!p) return [];
  return [
    '',
    `Tenant CPU by area (node --cpu-prof over one round, ${n(p.busyMs)} ms busy):`,
    '',
    ...p.areas.slice(0, 8).map((a) => `- ${a.area}: ${(a.share * 100).toFixed(1)} %`),
    '',
    'Hottest functions (self time):',
    '',
    ...p.functions.slice(0, 10).map((f) => `- ${f.name}: ${(f.share * 100).toFixed(1)} %`),
  ];
}

const ratioRow = (label: string, r: RoundRatios) => `| ${label} | ${n(r.median, 2)} | ${list(r)} |`;

/** What the tenant's work alone reaches, and whether the target is within its reach. */
function workBound(t: ThroughputResult): string {
  const reach = t.workVsFair.median;
  const verdict =
    reach < FAIR_TARGET
      ? `: below ${FAIR_TARGET}, so the target needs less work per PUT, not a faster framework`
      : `: the target is within reach of this work`;
  return `The tenant's PUT work alone, on bare node:http, reaches ${n(reach, 2)} of the fair ceiling${verdict}.`;
}

export function throughputLines(t: ThroughputResult): string[] {
  const rows: Array<[string, ServerFigures, number]> = [
    ['embedded tenant', t.tenant, t.tenantResponseBytes],
    ["fair node:http (parses the PUT, answers the tenant's entity)", t.fair, t.fairResponseBytes],
    ['Fastify as the tenant configures it, doing the fair work', t.fastify, t.fastifyResponseBytes],
    ["bare node:http doing the tenant's PUT work (its own functions, no Fastify)", t.work, t.workResponseBytes],
    ['bare node:http JSON echo', t.bare, t.bareResponseBytes],
  ];
  const rounds = Array.from({ length: t.roundCount }, (_, i) => i);
  const perRound = (f: ServerFigures) => rounds.map((i) => n(f.rounds[i]?.rps)).join(' / ');
  const setup = `${t.connections} connections, ${t.roundCount} rounds of ${t.seconds} s, servers in turn`;
  const fair = `${n(t.vsFair.median, 2)} (target ${FAIR_TARGET}: ${met(t.vsFair.median >= FAIR_TARGET)})`;
  return [
    `## 1. Tenant throughput (${t.generator}, ${setup})`,
    '',
    row(
      'server',
      'PUT/s, median',
      'PUT/s per round',
      'CPU µs per PUT, median',
      'p50 ms',
      'p99 ms',
      'errors',
      'response bytes',
    ),
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(([name, f, bytes]) =>
      row(name, n(f.rps), perRound(f), us(f.cpuMsPerPut), n(f.p50Ms, 2), n(f.p99Ms, 2), f.errors, bytes),
    ),
    '',
    '| ratio (within each round) | median | per round |',
    '|---|---|---|',
    `| **tenant / fair** (target >= ${FAIR_TARGET}) | **${n(t.vsFair.median, 2)}** | ${list(t.vsFair)} |`,
    ratioRow('tenant / echo', t.vsEcho),
    ratioRow('tenant / Fastify ceiling', t.vsFastify),
    ratioRow('Fastify ceiling / fair', t.fastifyVsFair),
    ratioRow("tenant's work on bare node:http / fair (bounds tenant / fair)", t.workVsFair),
    ratioRow('tenant / its work on bare node:http', t.vsWork),
    ratioRow('fair CPU per PUT / tenant CPU per PUT', t.cpuVsFair),
    '',
    `Tenant / fair ceiling ${fair}; tenant / echo ${n(t.vsEcho.median, 2)}. ${workBound(t)}`,
    ...profileLines(t.profile),
  ];
}

const stageList = (stages: readonly StageSeconds[]) =>
  stages.map((s) => {
    const counts = s.passed !== undefined ? ` (${s.passed} passed, ${s.failed ?? 0} failed)` : '';
    const status = s.status && s.status !== 'passed' ? ` [${s.status}]` : '';
    return `${s.name} ${n(s.seconds, 1)} s${counts}${status}`;
  });

function startLine(label: string, r: StartRun, target: boolean): string {
  const outcome = r.timedOut ? 'stopped: ran past its bound' : `exit ${r.exitCode}`;
  const goal = target ? `, target ${START_TARGET_SECONDS} s: ${met(r.wallSeconds <= START_TARGET_SECONDS)}` : '';
  const stages = r.stages.length ? `; stages: ${stageList(r.stages).join(', ')}` : '';
  return `- ${label}: **${n(r.wallSeconds, 1)} s** (${outcome}${goal})${stages}. ${r.verdict}`;
}

export function wallTimeLines(startTimes: StartTimes | undefined, test: TestTimes | undefined): string[] {
  const lines = ['## 5. Wall times (issue 16)', ''];
  if (startTimes) {
    const given = Object.entries(startTimes.settings)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}=${v}`);
    lines.push(
      `\`npm start\` against the embedded tenant (${given.join(', ')}; ` +
        'the profile, rate and modes at their defaults whatever .env says):',
      '',
      startLine('warm', startTimes.warm, true),
      startLine('first run, warming the caches', startTimes.first, false),
    );
  } else lines.push('`npm start`: not timed in this run (--no-start).');
  lines.push('');
  if (!test || test.state === 'missing')
    lines.push(
      `\`npm test\`: not recorded yet — run npm test (it writes ${test?.file ?? 'reports/test/timing.json'}).`,
    );
  else if (test.state === 'unreadable') lines.push(`\`npm test\`: ${test.file} is not readable: ${test.error}.`);
  else
    lines.push(
      `\`npm test\`, last recorded run (finished ${test.finishedAt}): ` +
        `**${n(test.wallSeconds / 60, 1)} min** (${n(test.wallSeconds)} s, ` +
        `target ${TEST_TARGET_SECONDS / 60} min: ${met(test.wallSeconds <= TEST_TARGET_SECONDS)}).`,
      '',
      ...stageList(test.stages).map((s) => `- ${s}`),
    );
  return lines;
}
