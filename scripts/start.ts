/**
 * `npm start`: verify a tenant end to end and leave one report. Stages in order: configuration
 * check -> tenant up -> Pact consumer tests -> provider verification -> Playwright API suite ->
 * PUT load -> report. Exit 0: all passed; 1: a check failed; 2: the run could not be made.
 */
import { onInterrupt } from './run/signals.ts'; // first: Ctrl-C is ours from the start
import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../lib/config.ts';
import { claimReportsDir, ForeignReportsDir } from '../lib/outputs.ts';
import { createRedactor } from '../lib/redact.ts';
import { writeOpenApiDocument } from '../schemas/openapi.ts';
import { writeReport, type RunRecord } from './report/write.ts';
import { checkTenant } from './run/preflight.ts';
import { describeRecovery, recoverLiveTenant, type Recovery } from './run/safety.ts';
import { createProgress } from './run/progress.ts';
import { killRunningStages, runStageProcess } from './run/stage-process.ts';
import { watchTenant } from './run/watch.ts';
import {
  cleanStageOutputs,
  judge,
  processStages,
  readStageChecks,
  sampleChecks,
  stageIds,
  targetLabel,
  type StageId,
  type StageResult,
} from './run/stages.ts';

const help = `npm start -- [options]

Verifies the tenant under test (the embedded reference tenant unless TENANT_URL is set) against
the documented ChatSession API and writes reports/index.html, reports/summary.md, reports/junit.xml.

Options:
  --only <stages>        comma list of stages to run: ${stageIds.join(', ')}
                         (config and tenant always run first)
  --skip <stages>        comma list of stages to leave out
  --profile <name>       load profile: smoke (default), load, stress, spike, soak
  --tenant-deviation <m> embedded tenant only: run it in deviation mode <m> (comma list), to see
                         the harness catch a broken tenant (names: tenant/README.md)
  --strict               live tenant: fail checks of assumed behaviour (where the pages are silent)
                         instead of reporting what the tenant does as observed (= STRICT=true)
  --help                 this text

Exit codes: 0 every check passed; 1 a check failed; 2 the run could not be made (bad
configuration, tenant unreachable, credentials refused, k6 missing, interrupted).
Configuration: .env or the environment, every variable documented in .env.example.`;

function fail2(message: string, hint: string): never {
  console.error(`error: ${message}\n  what to do: ${hint}`);
  process.exit(2);
}

let args: ReturnType<
  typeof parseArgs<{
    options: {
      only: { type: 'string' };
      skip: { type: 'string' };
      profile: { type: 'string' };
      'tenant-deviation': { type: 'string' };
      strict: { type: 'boolean' };
      help: { type: 'boolean' };
    };
  }>
>;
try {
  args = parseArgs({
    options: {
      only: { type: 'string' },
      skip: { type: 'string' },
      profile: { type: 'string' },
      'tenant-deviation': { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
} catch (err) {
  fail2((err as Error).message, 'see `npm start -- --help`');
}
if (args.values.help) {
  console.log(help);
  process.exit(0);
}

const list = (text: string | undefined, option: string): StageId[] | undefined => {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(stageIds as readonly string[]).includes(n));
  if (bad.length) fail2(`${option} names unknown stage(s): ${bad.join(', ')}`, `use some of: ${stageIds.join(', ')}`);
  return names as StageId[];
};
const only = list(args.values.only, '--only');
const skip = list(args.values.skip, '--skip') ?? [];
const profile = args.values.profile;
if (profile && !['smoke', 'load', 'stress', 'spike', 'soak'].includes(profile))
  fail2(`--profile "${profile}" is not a load profile`, 'use smoke, load, stress, spike or soak');
const deviation = args.values['tenant-deviation'];

const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
if (deviation) env.TENANT_DEVIATIONS = deviation;
if (profile) env.LOAD_PROFILE = profile;
if (args.values.strict) env.STRICT = 'true';

// Stage 1: configuration. Nothing else runs on a bad config.
let config: Config;
const started = new Date();
const progress = createProgress();
const results: StageResult[] = [];
const wanted = (id: StageId) =>
  (id === 'config' || id === 'tenant' || !only || only.includes(id)) && !skip.includes(id);
const selected = stageIds.filter(wanted);
if (!selected.some((id) => id in processStages))
  fail2(
    `${only ? '--only' : '--skip'} leaves no test stage to run, so nothing about the tenant would be verified`,
    `run at least one of ${Object.keys(processStages).join(', ')}`,
  );
const total = selected.length + 1;
progress.start(1, total, 'config', 'check the configuration and the reference samples');
try {
  config = loadConfig({ env });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  progress.end('could not run');
  fail2(err.message, 'fix the variables named above in .env or the environment (see .env.example)');
}
try {
  claimReportsDir(config.reportsDir); // before anything is deleted or written there
} catch (err) {
  if (!(err instanceof ForeignReportsDir)) throw err;
  progress.end('could not run');
  fail2(err.message, 'set REPORTS_DIR to a new or empty folder (nothing in the one named was changed)');
}
if (deviation && config.target === 'live')
  fail2(
    '--tenant-deviation only applies to the embedded tenant, and TENANT_URL is set',
    'unset TENANT_URL or drop --tenant-deviation',
  );
const redact = createRedactor(config.secrets);
for (const warning of config.warnings) progress.say(warning);
const samples = sampleChecks();
const samplesFailed = samples.filter((c) => c.status === 'failed').length;
results.push({
  id: 'config',
  title: 'Configuration and reference samples',
  status: samplesFailed ? 'failed' : 'passed',
  detail: `${config.target} target, ${config.auth.scheme} auth; ${samples.length - samplesFailed}/${samples.length} reference samples valid`,
  checks: samples,
  seconds: 0,
  // The OpenAPI 3.1 document the schemas describe, for the partner's own tools (Schemathesis, ...).
  links: [{ label: 'OpenAPI document', href: relative(config.reportsDir, writeOpenApiDocument(config.reportsDir)) }],
});
progress.end(results[0]!.detail);

const record = (complete: boolean, exitCode: number | undefined): RunRecord => ({
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  complete,
  exitCode,
  target: targetLabel(config),
  targetKind: config.target,
  options: {
    stages: selected,
    profile: profile ?? config.load.profile,
    deviation: deviation ?? null,
    strict: config.strict,
  },
  nsApiSlowMs: config.nsApiSlowMs,
  stages: results,
  safety: safety ? describeRecovery(safety) : null,
});
let safety: Recovery | null = null;
const save = (complete: boolean, exitCode?: number) =>
  writeReport(config.reportsDir, record(complete, exitCode), redact);

let interrupted = false;
onInterrupt((signal) => {
  interrupted = true;
  progress.say(`\n${signal}: stopping the running stage; the report will be marked incomplete`);
  killRunningStages('SIGINT');
});

// Stage 2: tenant up.
progress.start(
  2,
  total,
  'tenant',
  config.target === 'embedded' ? 'start the embedded tenant and sign in' : `reach ${targetLabel(config)} and sign in`,
);
const t0 = Date.now();
const pre = await checkTenant(config).catch((err: Error) =>
  err.name === 'TenantOptionsError'
    ? {
        ok: false,
        detail: `the embedded tenant cannot start: ${err.message}`,
        hint: 'fix the TENANT_* variable named (see tenant/README.md for its format)',
      }
    : {
        ok: false,
        detail: `could not check the tenant: ${err.message}`,
        hint: 'see the message; report a bug if it persists',
      },
);
results.push({
  id: 'tenant',
  title: 'Tenant up',
  status: pre.ok ? 'passed' : 'error',
  detail: redact(pre.detail),
  ...(pre.hint ? { hint: pre.hint } : {}),
  checks: [],
  seconds: (Date.now() - t0) / 1000,
  links: [],
});
progress.end(pre.ok ? redact(pre.detail) : `could not run: ${redact(pre.detail)}`);
if (!pre.ok) {
  for (const id of selected.slice(2))
    results.push({
      id,
      title: processStages[id as keyof typeof processStages].title,
      status: 'not-run',
      detail: 'not run: the tenant is not usable',
      checks: [],
      seconds: 0,
      links: [],
    });
  const paths = save(false, 2);
  fail2(redact(pre.detail), `${pre.hint ?? ''}; partial report: ${paths.html}`);
}
// Leftovers of an earlier run that was killed: put them right before this run reads anything.
const earlier = await recoverLiveTenant(config);
if (earlier && (earlier.restored.length || earlier.deleted.length || earlier.failed.length))
  progress.say(`before this run: ${describeRecovery(earlier)}`);
save(false);

// Stages 3..: the suites, each a child process with its own report.
let tenantGone: string | undefined;
for (const [i, id] of selected.slice(2).entries()) {
  const stage = processStages[id as keyof typeof processStages];
  if (interrupted || tenantGone) {
    results.push({
      id,
      title: stage.title,
      status: 'not-run',
      detail: `not run: ${interrupted ? 'interrupted' : tenantGone}`,
      checks: [],
      seconds: 0,
      links: [],
    });
    continue;
  }
  progress.start(i + 3, total, id, stage.what);
  cleanStageOutputs(stage, config.reportsDir);
  const s0 = Date.now();
  const watch =
    config.target === 'live'
      ? watchTenant(config, (reason) => {
          progress.say(`    ${reason}: stopping the ${id} stage`);
          killRunningStages('SIGTERM');
        })
      : undefined;
  const run = await runStageProcess(stage.args({ profile: profile ?? config.load.profile }), {
    logFile: join(config.reportsDir, 'logs', `${id}.log`),
    env,
    redact,
    cwd: process.cwd(),
    onLine: (line) => {
      if (/\b\d+ (passed|failed)\b|ℹ (pass|fail) \d+|^\s*(✔|✖|ok \d+|not ok)/.test(line)) progress.detail(line);
    },
  });
  watch?.stop();
  tenantGone = watch?.lost();
  const { checks, missing } = readStageChecks(stage, config.reportsDir);
  const verdict = tenantGone
    ? { status: 'error' as const, detail: `${tenantGone} during this stage` }
    : judge(run.code, checks, missing, run.interrupted || interrupted);
  const result: StageResult = {
    id,
    title: stage.title,
    ...verdict,
    checks,
    seconds: (Date.now() - s0) / 1000,
    links: [...stage.links, { label: 'log', href: `logs/${id}.log` }],
  };
  if (verdict.status !== 'passed') result.hint = stage.hint;
  results.push(result);
  progress.end(`${verdict.status}: ${verdict.detail}`);
  if (verdict.status === 'failed')
    for (const c of checks.filter((x) => x.status === 'failed').slice(0, 8))
      progress.say(`    ✖ ${c.name}${c.message ? ` — ${c.message.split('\n')[0]!.slice(0, 160)}` : ''}`);
  if (verdict.status === 'error') {
    const tail = run.output.trim().split('\n').slice(-6).join('\n      ');
    progress.say(`    could not run: ${verdict.detail}\n      ${tail}\n    what to do: ${stage.hint}`);
  }
  save(false);
}

progress.start(total, total, 'report', 'put the live tenant back as found, then write the reports');
safety = await recoverLiveTenant(config);
if (safety) progress.say(describeRecovery(safety));
const unrestored = safety?.failed.length ?? 0;
const anyError = unrestored > 0 || results.some((r) => r.status === 'error' || r.status === 'not-run');
const anyFailed = results.some((r) => r.status === 'failed');
const exitCode = interrupted || anyError ? 2 : anyFailed ? 1 : 0;
const paths = save(!interrupted && !anyError, exitCode);
progress.end('written');
console.log(`\nreport: ${paths.html}\n        ${paths.markdown}\n        ${paths.junit}`);
console.log(paths.verdictLine);
process.exit(exitCode);
