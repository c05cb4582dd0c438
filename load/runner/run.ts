/**
 * runLoad(): the PUT load test as one function the CLI (scripts/load.ts) and the main job call:
 * plan and bounds, target (the embedded tenant, or scratch sessions on a live one, journalled),
 * engine (embedded by default, or the user's k6), reports, history, baseline and --compare.
 * Returns the exit code (0 passed, 1 a threshold or the comparison failed, 2 could not run or was
 * interrupted) and never exits the process; `signal` stops it, deleting what it created first.
 */
import { join } from 'node:path';
import type { Entity } from '../../lib/client.ts';
import type { Config, LoadEngine } from '../../lib/config.ts';
import { claimReportsDir, ForeignReportsDir } from '../../lib/outputs.ts';
import { RestoreJournal, type Recovery } from '../../lib/restore-journal.ts';
import type { Run, TenantTarget } from '../../lib/run.ts';
import { adminClient, type AdminClient } from '../../tenant/admin-client.ts';
import { baselineFrom, compareRuns, type Comparison } from '../report/compare.ts';
import { appendHistory, readBaseline, readHistory, writeBaseline } from '../report/history.ts';
import { textSummary, writeRunFiles } from '../report/summary.ts';
import { isProfileName, profileNames, type ProfileName } from '../scenario/profiles.ts';
import { archive } from './archive.ts';
import { findK6, K6Missing, k6Version } from './k6.ts';
import { runOnce, RunFailed, type EngineChoice } from './once.ts';
import { EMBEDDED, hostOf, isProductionHost, newRunId, planRun, type RunPlan } from './plan.ts';
import { clientFor, readSessions, recoverEarlierRuns, ScratchPool, SetupError } from './scratch.ts';
import { gitRevision } from './git.ts';

export interface LoadOptions {
  profile?: string;
  runs?: number;
  compare?: boolean;
  acceptBaseline?: boolean;
  archive?: boolean;
  engine?: LoadEngine;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** A run that cannot be made: the message says what to do (exit 2). */
export class CannotRun extends Error {
  override name = 'CannotRun';
}

interface Target {
  baseUrl: string;
  label: string;
  sessions: Entity[];
  /** The embedded tenant's admin API: reset between runs, its own counters in the log. */
  admin?: AdminClient;
  scratch?: ScratchPool;
}

export async function runLoad(run: Run, options: LoadOptions = {}): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(`load: ${line}`));
  try {
    return await loadRuns(run, options, log);
  } catch (err) {
    if (err instanceof CannotRun || err instanceof SetupError || err instanceof K6Missing || err instanceof RunFailed) {
      log(`error: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

function planOf(config: Config, profile: ProfileName): RunPlan {
  try {
    return planRun(profile, { rate: config.load.rate, duration: config.load.duration, maxVus: config.load.maxVus });
  } catch (err) {
    throw new CannotRun((err as Error).message);
  }
}

async function loadRuns({ config, tenant }: Run, o: LoadOptions, log: (line: string) => void): Promise<number> {
  const profile = o.profile ?? config.load.profile;
  if (!isProfileName(profile))
    throw new CannotRun(`--profile ${profile} is not a profile: use one of ${profileNames.join(', ')}`);
  const runs = o.runs ?? 1;
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= 20))
    throw new CannotRun(`--runs ${runs} must be a whole number from 1 to 20`);
  if (isProductionHost(config.tenantUrl) && !config.load.allowProduction)
    throw new CannotRun(
      `refusing to load-test ${hostOf(config.tenantUrl ?? '')}: it is the production Online environment (online.superoffice.com). ` +
        'Use Stage (qaonline.superoffice.com) for load tests, or set ALLOW_PRODUCTION_LOAD=true if you really mean it.',
    );
  const plan = planOf(config, profile);
  try {
    claimReportsDir(config.reportsDir); // before a scratch session is journalled there or a report written
  } catch (err) {
    if (err instanceof ForeignReportsDir) throw new CannotRun(err.message);
    throw err;
  }
  const loadDir = join(config.reportsDir, 'load');
  const files = { history: join(loadDir, 'history.jsonl'), baseline: join(loadDir, 'baseline.json') };
  const label = config.target === 'embedded' ? EMBEDDED : hostOf(config.tenantUrl);
  if (o.acceptBaseline && o.runs === undefined) return acceptBaseline(files, profile, label, 5, log);
  if (o.compare && !readBaseline(files.baseline))
    throw new CannotRun(
      `no baseline at ${files.baseline}: make one with \`npm run load -- --runs 5 --accept-baseline\``,
    );
  const kind = o.engine ?? config.load.engine;
  let engine: EngineChoice = { kind: 'embedded' };
  if (kind === 'k6' || o.archive) {
    const bin = findK6(config.k6Bin);
    engine = { kind: 'k6', bin, version: k6Version(bin) };
    if (o.archive) return archive(config, plan, bin, loadDir, log);
  }
  const target = await prepare(config, tenant, plan, label, log, o.signal);
  let code = 0;
  let cleanup: Recovery | undefined;
  try {
    for (let i = 1; i <= runs && !o.signal?.aborted; i++) {
      if (target.admin && i > 1) await target.admin.reset();
      const runId = newRunId(profile);
      log(
        `run ${i}/${runs} ${runId}: ${profile}, ${plan.settings.rate}/s, ${plan.settings.duration} steady, ${plan.requests} PUTs over ~${Math.round(plan.seconds)} s, at most ${plan.settings.maxVus} in flight, engine ${engine.kind === 'k6' ? `k6 ${engine.version}` : 'embedded'}`,
      );
      const file = await runOnce({
        config,
        plan,
        engine,
        baseUrl: target.baseUrl,
        sessions: target.sessions,
        meta: {
          runId,
          time: new Date().toISOString(),
          profile,
          target: label,
          gitRevision: gitRevision(),
          nsApiSlowMs: config.nsApiSlowMs,
        },
        log,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      if (file.interrupted) {
        log('interrupted: this run is not recorded in the history');
        code = 2;
        break;
      }
      const f = file.figures;
      const comparison: Comparison | undefined =
        o.compare && i === runs ? compareRuns(f, readBaseline(files.baseline)!) : undefined;
      const runDir = writeRunFiles(config.reportsDir, runId, file, readHistory(files.history), comparison);
      appendHistory(files.history, f);
      console.log(textSummary(f));
      for (const line of file.observations) log(`observed: ${line}`);
      if (target.admin) {
        const put = (await target.admin.counters()).PUT;
        log(
          `tenant saw ${put.requests} PUTs and delayed ${put.delayed}; measured ${f.requests} PUTs, ${f.slowCount} slow`,
        );
      }
      if (!f.passed) code = Math.max(code, 1);
      if (comparison) {
        report(comparison, log);
        if (comparison.regressed) code = Math.max(code, 1);
      }
      log(`${f.passed ? 'passed' : 'THRESHOLDS FAILED'}: ${join(runDir, 'summary.html')}`);
    }
  } finally {
    cleanup = await target.scratch?.deleteAll();
  }
  if (cleanup) {
    if (cleanup.deleted.length) log(`deleted the ${cleanup.deleted.length} scratch sessions this run created`);
    for (const f of cleanup.failed) log(`NOT deleted: ${f.id || 'unknown id'} (${f.reason})`);
    if (cleanup.failed.length) code = 2;
  }
  if (o.signal?.aborted) return 2;
  if (o.acceptBaseline) acceptBaseline(files, profile, label, runs, log);
  return code;
}

async function prepare(
  config: Config,
  tenant: TenantTarget,
  plan: RunPlan,
  label: string,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<Target> {
  const count = config.load.sessions;
  if (tenant.kind === 'embedded') {
    // The run's tenant (started once by whoever opened the Run) is seeded for the load pool 400..
    log(`the embedded tenant at ${tenant.baseUrl}: PUTs go to ids 400..${399 + count}`);
    const ids = Array.from({ length: count }, (_, i) => 400 + i);
    return {
      baseUrl: tenant.baseUrl,
      label,
      admin: adminClient(tenant.baseUrl, tenant.adminToken),
      sessions: await readSessions(clientFor(config, tenant.baseUrl), tenant.baseUrl, ids),
    };
  }
  const baseUrl = tenant.baseUrl;
  const client = clientFor(config, baseUrl);
  const journal = RestoreJournal.under(config.reportsDir, baseUrl);
  const earlier = await recoverEarlierRuns(client, journal);
  if (earlier.deleted.length)
    log(`deleted ${earlier.deleted.length} scratch sessions an earlier run left: ${earlier.deleted.join(', ')}`);
  for (const f of earlier.failed)
    log(`an earlier run left a session NOT deleted: ${f.id || 'unknown id'} (${f.reason})`);
  const scratch = new ScratchPool(client, journal, baseUrl);
  log(`live tenant ${label}: creating ${count} scratch sessions (journalled, deleted after the run)`);
  try {
    await scratch.create(count, newRunId(plan.profile), config.chatSessionId, signal);
  } catch (err) {
    await scratch.deleteAll();
    throw err;
  }
  return { baseUrl, label, sessions: scratch.sessions, scratch };
}

function report(c: Comparison, log: (line: string) => void): void {
  log(`compared with the baseline (${c.baselineRuns} run(s)): ${c.regressed ? 'REGRESSED' : 'no regression'}`);
  for (const v of c.verdicts) log(`  ${v.regressed ? 'REGRESSED' : 'ok       '} ${v.metric}: ${v.detail}`);
  for (const n of c.notes) log(`  note: ${n}`);
}

function acceptBaseline(
  files: { history: string; baseline: string },
  profile: ProfileName,
  target: string,
  count: number,
  log: (line: string) => void,
): number {
  let baseline;
  try {
    baseline = baselineFrom(readHistory(files.history), profile, target, count, new Date().toISOString());
  } catch (err) {
    throw new CannotRun((err as Error).message);
  }
  writeBaseline(files.baseline, baseline);
  log(
    `baseline: ${baseline.runs.length} ${profile} run(s) against ${target} (${baseline.runs.map((r) => r.runId).join(', ')}) -> ${files.baseline}`,
  );
  if (baseline.runs.some((r) => !r.passed))
    log('  note: some of these runs failed thresholds; the baseline describes the build as it is, not as it should be');
  return 0;
}
