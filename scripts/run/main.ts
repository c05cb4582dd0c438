/**
 * The main job (`npm start`) as named steps: read the configuration -> open the Run (claim the
 * reports folder, start the embedded tenant on its own thread) -> check the tenant -> put right
 * what an earlier killed run left -> the test stages, independent ones at the same time -> put a
 * live tenant back -> the report. Exit 0: all passed; 1: a check failed; 2: the run could not be
 * made (or was interrupted).
 */
import { relative } from 'node:path';
import { ConfigError, type Config } from '../../lib/config.ts';
import { claimReportsDir, ForeignReportsDir } from '../../lib/outputs.ts';
import { createRedactor, type Redactor } from '../../lib/redact.ts';
import { readConfig } from '../../lib/run.ts';
import { writeOpenApiDocument } from '../../schemas/openapi.ts';
import { writeReport, type RunRecord } from '../report/write.ts';
import { help, parseOptions, UsageError, type JobOptions } from './options.ts';
import { checkTenant } from './preflight.ts';
import { createProgress, type Progress } from './progress.ts';
import { openRun, type OpenRun } from './run.ts';
import { describeRecovery, recoverLiveTenant, type Recovery } from './safety.ts';
import { onInterrupt } from './signals.ts';
import { killRunningStages } from './stage-process.ts';
import {
  notRun,
  processStages,
  sampleChecks,
  stageIds,
  targetLabel,
  type ProcessStageId,
  type StageResult,
} from './stages.ts';
import { runSuites } from './suites.ts';

/** The run cannot be made: exit 2, with what to do. */
class RunNotMade extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

interface Job {
  options: JobOptions;
  progress: Progress;
  started: Date;
  total: number;
  results: StageResult[];
  config?: Config;
  redact: Redactor;
  safety: Recovery | null;
  interrupted: boolean;
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: JobOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return cannotRun(err.message, err.hint);
  }
  if (options.help) {
    console.log(help);
    return 0;
  }
  const job: Job = {
    options,
    progress: createProgress(),
    started: new Date(),
    total: options.selected.length + 1,
    results: [],
    redact: (text) => text,
    safety: null,
    interrupted: false,
  };
  let open: OpenRun | undefined;
  try {
    const config = configure(job);
    open = await bringUpTenant(job, config);
    const earlier = await recoverLiveTenant(config);
    if (earlier && (earlier.restored.length || earlier.deleted.length || earlier.failed.length))
      job.progress.say(`before this run: ${describeRecovery(earlier)}`);
    save(job, false);
    const stages = options.selected.filter((id) => id in processStages);
    await runSuites({
      run: open.run,
      stages,
      firstIndex: 3,
      total: job.total,
      progress: job.progress,
      redact: job.redact,
      interrupted: () => job.interrupted,
      ended: (result) => {
        job.results.push(result);
        save(job, false);
      },
    });
    return await finish(job);
  } catch (err) {
    if (!(err instanceof RunNotMade)) throw err;
    return cannotRun(job.redact(err.message), err.hint);
  } finally {
    await open?.close();
  }
}

function cannotRun(message: string, hint: string): 2 {
  console.error(`error: ${message}\n  what to do: ${hint}`);
  return 2;
}

/** Step 1: the configuration (the one read of `.env`), the reports folder, the reference samples. */
function configure(job: Job): Config {
  const line = job.progress.begin(1, job.total, 'config', 'check the configuration and the reference samples');
  let config: Config;
  try {
    config = readConfig({ env: { ...process.env, ...job.options.overrides } });
    claimReportsDir(config.reportsDir); // before anything is deleted or written there
  } catch (err) {
    line.end('could not run');
    if (err instanceof ConfigError)
      throw new RunNotMade(err.message, 'fix the variables named above in .env or the environment (see .env.example)');
    if (err instanceof ForeignReportsDir)
      throw new RunNotMade(
        err.message,
        'set REPORTS_DIR to a new or empty folder (nothing in the one named was changed)',
      );
    throw err;
  }
  if (job.options.deviation && config.target === 'live') {
    line.end('could not run');
    throw new RunNotMade(
      '--tenant-deviation only applies to the embedded tenant, and TENANT_URL is set',
      'unset TENANT_URL or drop --tenant-deviation',
    );
  }
  job.config = config;
  job.redact = createRedactor(config.secrets);
  for (const warning of config.warnings) job.progress.say(warning);
  onInterrupt((signal) => {
    job.interrupted = true;
    job.progress.say(`\n${signal}: stopping the running stages; the report will be marked incomplete`);
    killRunningStages('SIGINT');
  });
  const samples = sampleChecks();
  const samplesFailed = samples.filter((c) => c.status === 'failed').length;
  const openapi = writeOpenApiDocument(config.reportsDir);
  job.results.push({
    id: 'config',
    title: 'Configuration and reference samples',
    status: samplesFailed ? 'failed' : 'passed',
    detail:
      `${config.target} target, ${config.auth.scheme} auth; ` +
      `${samples.length - samplesFailed}/${samples.length} reference samples valid`,
    checks: samples,
    seconds: 0,
    // The OpenAPI 3.1 document the schemas describe, for the partner's own tools (Schemathesis, ...).
    links: [{ label: 'OpenAPI document', href: relative(config.reportsDir, openapi) }],
  });
  line.end(job.results[0]!.detail);
  return config;
}

/** Step 2: the Run opened (the embedded tenant started on its thread) and its tenant probed. */
async function bringUpTenant(job: Job, config: Config): Promise<OpenRun> {
  const what =
    config.target === 'embedded' ? 'start the embedded tenant and sign in' : `reach ${targetLabel(config)} and sign in`;
  const line = job.progress.begin(2, job.total, 'tenant', what);
  const t0 = Date.now();
  let open: OpenRun | undefined;
  let pre: { ok: boolean; detail: string; hint?: string };
  try {
    open = await openRun(config);
    pre = await checkTenant(open.run);
  } catch (err) {
    const options = (err as Error).name === 'TenantOptionsError';
    const failed = options ? 'the embedded tenant cannot start' : 'could not check the tenant';
    pre = {
      ok: false,
      detail: `${failed}: ${(err as Error).message}`,
      hint: options
        ? 'fix the TENANT_* variable named (see tenant/README.md for its format)'
        : 'see the message; report a bug if it persists',
    };
  }
  const detail = job.redact(pre.detail);
  job.results.push({
    id: 'tenant',
    title: 'Tenant up',
    status: pre.ok ? 'passed' : 'error',
    detail,
    ...(pre.hint ? { hint: pre.hint } : {}),
    checks: [],
    seconds: (Date.now() - t0) / 1000,
    links: [],
  });
  line.end(pre.ok ? detail : `could not run: ${detail}`);
  if (pre.ok && open) return open;
  await open?.close();
  for (const id of job.options.selected.filter((s) => s in processStages))
    job.results.push(notRun(id as ProcessStageId, 'the tenant is not usable'));
  const paths = save(job, false, 2);
  throw new RunNotMade(detail, `${pre.hint ?? ''}; partial report: ${paths.html}`);
}

/** Last step: a live tenant put back as found, the verdict, the report and the exit code. */
async function finish(job: Job): Promise<number> {
  const line = job.progress.begin(
    job.total,
    job.total,
    'report',
    'put the live tenant back as found, then write the reports',
  );
  job.safety = await recoverLiveTenant(job.config!);
  if (job.safety) job.progress.say(describeRecovery(job.safety));
  const unrestored = job.safety?.failed.length ?? 0;
  const anyError = unrestored > 0 || job.results.some((r) => r.status === 'error' || r.status === 'not-run');
  const anyFailed = job.results.some((r) => r.status === 'failed');
  const exitCode = job.interrupted || anyError ? 2 : anyFailed ? 1 : 0;
  const paths = save(job, !job.interrupted && !anyError, exitCode);
  line.end('written');
  console.log(`\nreport: ${paths.html}\n        ${paths.markdown}\n        ${paths.junit}`);
  console.log(paths.verdictLine);
  return exitCode;
}

/** The report as it stands (stages in their order, running ones left out), written whole. */
function save(job: Job, complete: boolean, exitCode?: number) {
  const config = job.config!;
  const ordered = stageIds.flatMap((id) => job.results.filter((r) => r.id === id));
  const record: RunRecord = {
    startedAt: job.started.toISOString(),
    finishedAt: new Date().toISOString(),
    complete,
    exitCode,
    target: targetLabel(config),
    targetKind: config.target,
    options: {
      stages: job.options.selected,
      profile: config.load.profile,
      deviation: job.options.deviation ?? null,
      strict: config.strict,
    },
    nsApiSlowMs: config.nsApiSlowMs,
    stages: ordered,
    safety: job.safety ? describeRecovery(job.safety) : null,
  };
  return writeReport(config.reportsDir, record, job.redact);
}
