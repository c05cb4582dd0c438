/**
 * The test stages of one run: each a child process handed the Run (CHATSESSION_RUN), never
 * re-deriving it from `.env`. Against the embedded tenant, stages that do not depend on each other
 * run at the same time (the provider verification waits for the pact the consumer tests write);
 * against a live tenant one after another, so that a partner's tenant carries one stage's traffic
 * at a time and the load figures are the PUTs' own. Each result is read from
 * the stage's JUnit file, not its output. A stage stays a process of its own so that its crash,
 * its timing and Pact's verifier core (which writes straight to file descriptor 1) stay its own.
 */
import { join } from 'node:path';
import type { Redactor } from '../../lib/redact.ts';
import { runEnvironment, type Run } from '../../lib/run.ts';
import type { Progress } from './progress.ts';
import { killRunningStages, runStageProcess } from './stage-process.ts';
import {
  cleanStageOutputs,
  judge,
  notRun,
  processStages,
  readStageChecks,
  type ProcessStageId,
  type StageId,
  type StageResult,
} from './stages.ts';
import { watchTenant } from './watch.ts';

export interface SuiteRun {
  run: Run;
  /** The test stages to run, in report order. */
  stages: StageId[];
  /** Numbering of the progress lines: the first test stage's index and the total. */
  firstIndex: number;
  total: number;
  progress: Progress;
  redact: Redactor;
  /** True once the run is interrupted: stages not started yet are not run. */
  interrupted: () => boolean;
  /** Each stage's result as it ends (run or not), so a report is on disk even if the job is killed. */
  ended: (result: StageResult) => void;
}

/**
 * Runs the stages, each as soon as the stage it reads from has ended (the verification replays
 * whatever pact the consumer tests wrote, as it did when the stages ran one after another).
 */
export async function runSuites(s: SuiteRun): Promise<StageResult[]> {
  let tenantGone: string | undefined;
  const done = new Map<StageId, Promise<StageResult>>();
  const start = (id: StageId, index: number): Promise<StageResult> => {
    const stage = processStages[id as keyof typeof processStages];
    const live = s.run.tenant.kind === 'live';
    const previous = index > s.firstIndex ? done.get(s.stages[index - s.firstIndex - 1]!) : undefined;
    const before = live ? previous : stage.after && s.stages.includes(stage.after) ? done.get(stage.after) : undefined;
    return (async () => {
      await before;
      const result =
        s.interrupted() || tenantGone
          ? notRun(id as ProcessStageId, s.interrupted() ? 'interrupted' : tenantGone!)
          : await runOne(s, id, index, (reason) => (tenantGone ??= reason));
      s.ended(result);
      return result;
    })();
  };
  for (const [i, id] of s.stages.entries()) done.set(id, start(id, s.firstIndex + i));
  return Promise.all(s.stages.map((id) => done.get(id)!));
}

async function runOne(s: SuiteRun, id: StageId, index: number, lost: (reason: string) => void): Promise<StageResult> {
  const { config, tenant } = s.run;
  const stage = processStages[id as keyof typeof processStages];
  const line = s.progress.begin(index, s.total, id, stage.what);
  cleanStageOutputs(stage, config.reportsDir);
  const s0 = Date.now();
  const watch =
    tenant.kind === 'live'
      ? watchTenant(tenant.baseUrl, (reason) => {
          s.progress.say(`    ${reason}: stopping the ${id} stage`);
          lost(reason);
          killRunningStages('SIGTERM');
        })
      : undefined;
  const ran = await runStageProcess(stage.args, {
    logFile: join(config.reportsDir, 'logs', `${id}.log`),
    env: { ...process.env, FORCE_COLOR: '0', ...runEnvironment(s.run) },
    redact: s.redact,
    cwd: process.cwd(),
    onLine: (text) => {
      if (/\b\d+ (passed|failed)\b|ℹ (pass|fail) \d+|^\s*(✔|✖|ok \d+|not ok)/.test(text)) line.detail(text);
    },
  });
  watch?.stop();
  const gone = watch?.lost();
  const { checks, missing } = readStageChecks(stage, config.reportsDir);
  const verdict = gone
    ? { status: 'error' as const, detail: `${gone} during this stage` }
    : judge(ran.code, checks, missing, ran.interrupted || s.interrupted());
  const result: StageResult = {
    id,
    title: stage.title,
    ...verdict,
    checks,
    seconds: (Date.now() - s0) / 1000,
    links: [...stage.links, { label: 'log', href: `logs/${id}.log` }],
  };
  if (verdict.status !== 'passed') result.hint = stage.hint;
  line.end(`${verdict.status}: ${verdict.detail}`);
  if (verdict.status === 'failed')
    for (const c of checks.filter((x) => x.status === 'failed').slice(0, 8))
      s.progress.say(`    ✖ ${id}: ${c.name}${c.message ? ` — ${c.message.split('\n')[0]!.slice(0, 160)}` : ''}`);
  if (verdict.status === 'error') {
    const tail = ran.output.trim().split('\n').slice(-6).join('\n      ');
    s.progress.say(`    ${id} could not run: ${verdict.detail}\n      ${tail}\n    what to do: ${stage.hint}`);
  }
  return result;
}
