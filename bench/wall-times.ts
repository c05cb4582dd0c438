/**
 * Section 5: the two wall times of issue 16. `npm start` is timed here, against the embedded
 * tenant (a first run warms tsx's and Playwright's caches and is reported beside the timed one),
 * with its stages from the run.json it writes; `npm test` is too slow to nest, so the last one's
 * record is read from reports/test/timing.json, which `npm test` writes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './context.ts';
import { exited, start } from './procs.ts';
import { root } from './servers.ts';

export const START_TARGET_SECONDS = 25;
export const TEST_TARGET_SECONDS = 8 * 60;
/** A run that takes longer than this is stopped (its process group killed) and reported as such. */
const START_TIMEOUT_MS = 15 * 60_000;

export interface StageSeconds {
  name: string;
  seconds: number;
  /** `passed`, `failed`, ... as the record says; absent when it says nothing. */
  status?: string;
  passed?: number;
  failed?: number;
}

export interface StartRun {
  wallSeconds: number;
  exitCode: number;
  timedOut: boolean;
  stages: StageSeconds[];
  /** The verdict line of run.json, or why there is none. */
  verdict: string;
}

export interface StartTimes {
  /** The warm-up run before the timed one (caches filled), reported for what a cold start costs. */
  first: StartRun;
  warm: StartRun;
  /** The variables the runs were given over the user's .env: embedded tenant, default profile. */
  settings: Record<string, string>;
}

export type TestTimes =
  | { state: 'missing'; file: string }
  | { state: 'unreadable'; file: string; error: string }
  | { state: 'recorded'; file: string; finishedAt: string; wallSeconds: number; stages: StageSeconds[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * reports/test/timing.json as `npm test` writes it: `{ finishedAt, wallMs, stages: [{ name, ms,
 * passed, failed }] }`. Throws naming the first field that is missing or of the wrong type.
 */
export function parseTestTiming(text: string): { finishedAt: string; wallSeconds: number; stages: StageSeconds[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(data)) throw new Error('not a JSON object');
  if (typeof data.finishedAt !== 'string' || Number.isNaN(Date.parse(data.finishedAt)))
    throw new Error('finishedAt must be an ISO date-time string');
  if (typeof data.wallMs !== 'number' || !(data.wallMs >= 0)) throw new Error('wallMs must be a number of ms');
  if (!Array.isArray(data.stages)) throw new Error('stages must be an array');
  const stages = data.stages.map((s: unknown, i) => {
    if (!isRecord(s) || typeof s.name !== 'string' || typeof s.ms !== 'number')
      throw new Error(`stages[${i}] must have a name (string) and ms (number)`);
    const passed = count(s.passed);
    const failed = count(s.failed);
    return {
      name: s.name,
      seconds: s.ms / 1000,
      ...(passed !== undefined ? { passed } : {}),
      ...(failed !== undefined ? { failed } : {}),
    };
  });
  return { finishedAt: data.finishedAt, wallSeconds: data.wallMs / 1000, stages };
}

/** The last recorded `npm test`, or why there is none. Never throws. */
export function readTestTimes(file = join(root, 'reports', 'test', 'timing.json')): TestTimes {
  if (!existsSync(file)) return { state: 'missing', file };
  try {
    return { state: 'recorded', file, ...parseTestTiming(readFileSync(file, 'utf8')) };
  } catch (err) {
    return { state: 'unreadable', file, error: (err as Error).message };
  }
}

/** The stages and verdict of the run.json `npm start` writes; an empty list when it wrote none. */
export function parseRunRecord(text: string): { stages: StageSeconds[]; verdict: string } {
  const data = JSON.parse(text) as unknown;
  if (!isRecord(data) || !Array.isArray(data.stages)) return { stages: [], verdict: 'run.json has no stages' };
  const stages = data.stages.flatMap((s: unknown) =>
    isRecord(s) && typeof s.id === 'string' && typeof s.seconds === 'number'
      ? [{ name: s.id, seconds: s.seconds, ...(typeof s.status === 'string' ? { status: s.status } : {}) }]
      : [],
  );
  const verdict = isRecord(data.verdict) && typeof data.verdict.line === 'string' ? data.verdict.line : '(no verdict)';
  return { stages, verdict };
}

/**
 * What the timed runs get over the user's .env: the embedded tenant on a free port, the harness's
 * defaults for everything that shapes a run (profile, rate, modes), reports in a folder of the
 * bench's own. An empty value counts as unset (lib/config.ts).
 */
export function startSettings(reportsDir: string): Record<string, string> {
  const unset = ['TENANT_URL', 'STRICT', 'LOAD_PROFILE', 'LOAD_RATE', 'LOAD_DURATION', 'LOAD_MAX_VUS', 'LOAD_SESSIONS'];
  const modes = ['TENANT_DEVIATIONS', 'TENANT_LATENCY', 'TENANT_FAULTS', 'LOAD_ENGINE', 'LOAD_MAX_SLOW_SHARE'];
  return {
    ...Object.fromEntries([...unset, ...modes].map((k) => [k, ''])),
    TENANT_PORT: '0',
    REPORTS_DIR: reportsDir,
    CI: 'true',
  };
}

async function runStart(ctx: BenchContext, label: string, settings: Record<string, string>): Promise<StartRun> {
  const reports = settings.REPORTS_DIR as string;
  const runFile = join(reports, 'run.json');
  // The folder is the bench's (npm start claims it); only the last run's record goes, so none is read stale.
  mkdirSync(reports, { recursive: true });
  rmSync(runFile, { force: true });
  ctx.progress('5/6 wall times', `npm start, ${label} (embedded tenant, reports in ${reports})`);
  const t0 = performance.now();
  const proc = start('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...settings } });
  const { code, timedOut } = await exited(proc, START_TIMEOUT_MS);
  const wallSeconds = (performance.now() - t0) / 1000;
  const record = existsSync(runFile)
    ? parseRunRecord(readFileSync(runFile, 'utf8'))
    : { stages: [], verdict: `no run.json; output: ${proc.output().slice(-300)}` };
  if (code !== 0) {
    // The next run reuses the folder: keep this one's reports and console, so a failure can be looked into.
    const kept = join(ctx.dir, `start-${label.split(' ')[0]}-exit-${code}`);
    rmSync(kept, { recursive: true, force: true });
    renameSync(reports, kept);
    writeFileSync(join(kept, 'console.log'), proc.output());
    record.verdict += ` (its reports and console: ${kept})`;
  }
  return { wallSeconds, exitCode: code, timedOut, ...record };
}

/** Two `npm start` runs in turn, the first to warm the caches; the second is the figure. */
export async function timeNpmStart(ctx: BenchContext): Promise<StartTimes> {
  const settings = startSettings(join(ctx.dir, 'start'));
  const first = await runStart(ctx, 'first run (warms the caches)', settings);
  const warm = await runStart(ctx, 'timed warm run', settings);
  return { first, warm, settings };
}
