/**
 * `npm run load`: the k6 load suite for PUT ChatSession (smoke profile by default) against the
 * embedded tenant, or TENANT_URL. Writes reports/load/<run-id>/{summary.json,summary.html,junit.xml},
 * updates reports/load/latest/ and appends reports/load/history.jsonl.
 * Exit codes: 0 passed, 1 a threshold or the baseline comparison failed, 2 could not run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configOrExit, type Config } from '../lib/config.ts';
import { baselineFrom, compareRuns, type Comparison } from '../load/lib/compare.ts';
import { renderHtml } from '../load/lib/html.ts';
import { isProfileName, profileNames, profiles, type ProfileName } from '../load/lib/profiles.ts';
import { hostOf } from '../load/lib/settings.ts';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { appendHistory, readBaseline, readHistory, writeBaseline } from './load-history.ts';
import { findK6, gitRevision, k6Args, k6ExitCodes, K6Missing, k6Version, runK6 } from './load-k6.ts';
import {
  EMBEDDED,
  isProductionHost,
  k6Inputs,
  newRunId,
  planRun,
  runOnce,
  type RunPlan,
  type RunTarget,
} from './load-run.ts';

const help = `npm run load -- [options]

Runs load/put-chatsession.ts with k6 against the embedded tenant (no TENANT_URL) or TENANT_URL.

  --profile <name>     ${profileNames.join(', ')} (default: LOAD_PROFILE, else smoke)
${profileNames.map((p) => `                         ${p.padEnd(7)} ${profiles[p].description}`).join('\n')}
  --runs <n>           run n times in a row (each run is one history entry)
  --compare            compare the (last) run with reports/load/baseline.json; exit 1 on a regression
  --accept-baseline    make the last --runs runs (default 5) of this profile and target in the
                       history the baseline; with --runs, makes those runs first
  --archive            write the k6 archive bundle reports/load/put-chatsession.tar (no run)
  --help               this text

Settings (.env or environment, see .env.example): LOAD_PROFILE, LOAD_RATE, LOAD_DURATION,
LOAD_MAX_VUS, LOAD_SESSIONS, LOAD_MAX_SLOW_SHARE, NS_API_SLOW_MS, K6_BIN, TENANT_URL and its
credentials, ALLOW_PRODUCTION_LOAD. Exit codes: 0 passed, 1 threshold or comparison failed,
2 could not run.`;

/** A run that cannot be made: message and exit 2. */
class CannotRun extends Error {}

function parse() {
  try {
    return parseArgs({
      options: {
        profile: { type: 'string' },
        runs: { type: 'string' },
        compare: { type: 'boolean', default: false },
        'accept-baseline': { type: 'boolean', default: false },
        archive: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new CannotRun(`${(err as Error).message}\n\n${help}`);
  }
}

function say(line: string): void {
  console.log(`load: ${line}`);
}

async function main(): Promise<number> {
  const args = parse();
  if (args.help) {
    console.log(help);
    return 0;
  }
  const config = configOrExit();
  const profile = args.profile ?? config.load.profile;
  if (!isProfileName(profile))
    throw new CannotRun(`--profile ${profile} is not a profile: use one of ${profileNames.join(', ')}`);
  const runs = args.runs === undefined ? undefined : Number(args.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1 && runs <= 20))
    throw new CannotRun(`--runs ${args.runs} must be a whole number from 1 to 20`);
  if (isProductionHost(config.tenantUrl) && !config.load.allowProduction) {
    throw new CannotRun(
      `refusing to load-test ${hostOf(config.tenantUrl ?? '')}: it is the production Online environment (online.superoffice.com). ` +
        'Use Stage (qaonline.superoffice.com) for load tests, or set ALLOW_PRODUCTION_LOAD=true if you really mean it.',
    );
  }
  let plan: RunPlan;
  try {
    plan = planRun(profile, { rate: config.load.rate, duration: config.load.duration, maxVus: config.load.maxVus });
  } catch (err) {
    throw new CannotRun((err as Error).message);
  }
  const loadDir = join(config.reportsDir, 'load');
  const historyFile = join(loadDir, 'history.jsonl');
  const baselineFile = join(loadDir, 'baseline.json');

  if (args['accept-baseline'] && runs === undefined)
    return acceptBaseline(config, profile, historyFile, baselineFile, 5);
  if (args.compare && !readBaseline(baselineFile))
    throw new CannotRun(`no baseline at ${baselineFile}: make one with \`npm run load -- --runs 5 --accept-baseline\``);

  let k6: string;
  try {
    k6 = findK6({ k6Bin: config.k6Bin });
  } catch (err) {
    if (err instanceof K6Missing) throw new CannotRun(err.message);
    throw err;
  }
  const version = k6Version(k6);
  if (args.archive) return archive(config, plan, k6, version, loadDir);

  let tenant: RunningTenant | undefined;
  let target: RunTarget;
  if (config.target === 'embedded') {
    const seedSessions = Math.max(config.embedded.seedSessions, 399 + config.load.sessions);
    say(
      `starting the embedded tenant (${seedSessions} seeded sessions; PUTs go to ids 400..${399 + config.load.sessions})`,
    );
    tenant = await startTenant({ seedSessions });
    target = { baseUrl: tenant.url, pool: 'seed', firstId: 400, label: EMBEDDED };
  } else {
    target = { baseUrl: config.tenantUrl as string, pool: 'scratch', templateId: config.chatSessionId };
    say(
      `live tenant ${hostOf(target.baseUrl)}: setup() creates ${config.load.sessions} scratch sessions, teardown() deletes them`,
    );
  }

  let failed = false;
  try {
    const total = runs ?? 1;
    for (let i = 1; i <= total; i++) {
      if (tenant && i > 1) tenant.control.reset();
      const runId = newRunId(profile);
      say(
        `run ${i}/${total} ${runId}: ${profile} profile, ${plan.settings.rate}/s, ${plan.settings.duration} steady, ~${plan.requests} PUTs over ~${Math.round(plan.seconds)} s (bounded: ${plan.maxRequests} PUTs, ${Math.round(plan.timeoutMs / 1000)} s), k6 ${version}`,
      );
      const outcome = await runOnce({
        k6,
        k6Version: version,
        gitRevision: gitRevision(),
        config,
        plan,
        target,
        loadDir,
        runId,
        history: readHistory(historyFile),
      });
      if (outcome.timedOut)
        throw new CannotRun(`k6 ran past its time bound and was stopped; ${outcome.runDir} may be incomplete`);
      if (!outcome.summary || (outcome.code !== 0 && outcome.code !== 99)) {
        throw new CannotRun(
          `k6 exited ${outcome.code} (${k6ExitCodes[outcome.code] ?? 'see its output above'}) without a complete run: nothing was recorded`,
        );
      }
      const figures = outcome.summary.figures;
      appendHistory(historyFile, figures);
      if (tenant) {
        const res = await fetch(`${tenant.url}/_admin/counters`, { headers: { 'X-Admin-Token': tenant.adminToken } });
        const counters = (await res.json()) as Record<string, { requests: number; delayed: number }>;
        writeFileSync(join(outcome.runDir, 'tenant-counters.json'), `${JSON.stringify(counters, null, 2)}\n`);
        say(
          `tenant saw ${counters.PUT?.requests ?? 0} PUTs and delayed ${counters.PUT?.delayed ?? 0}; k6 measured ${figures.requests} PUTs, ${figures.slowCount} slow`,
        );
      }
      if (outcome.code === 99) failed = true;
      say(`${outcome.code === 0 ? 'passed' : 'THRESHOLDS FAILED'}: ${join(outcome.runDir, 'summary.html')}`);
      if (args.compare && i === total) {
        const comparison = compareRuns(figures, readBaseline(baselineFile)!);
        report(comparison);
        writeFileSync(join(outcome.runDir, 'compare.json'), `${JSON.stringify(comparison, null, 2)}\n`);
        const html = renderHtml({
          figures,
          checks: outcome.summary.checks,
          history: readHistory(historyFile),
          comparison,
        });
        for (const dir of [outcome.runDir, join(loadDir, 'latest')]) writeFileSync(join(dir, 'summary.html'), html);
        if (comparison.regressed) failed = true;
      }
    }
  } finally {
    await tenant?.close();
  }
  if (args['accept-baseline']) acceptBaseline(config, profile, historyFile, baselineFile, runs ?? 5);
  return failed ? 1 : 0;
}

function report(c: Comparison): void {
  say(`compared with the baseline (${c.baselineRuns} run(s)): ${c.regressed ? 'REGRESSED' : 'no regression'}`);
  for (const v of c.verdicts) say(`  ${v.regressed ? 'REGRESSED' : 'ok       '} ${v.metric}: ${v.detail}`);
  for (const n of c.notes) say(`  note: ${n}`);
}

function acceptBaseline(
  config: Config,
  profile: ProfileName,
  historyFile: string,
  baselineFile: string,
  count: number,
): number {
  const target = config.target === 'embedded' ? EMBEDDED : hostOf(config.tenantUrl as string);
  let baseline;
  try {
    baseline = baselineFrom(readHistory(historyFile), profile, target, count, new Date().toISOString());
  } catch (err) {
    throw new CannotRun((err as Error).message);
  }
  writeBaseline(baselineFile, baseline);
  say(
    `baseline: ${baseline.runs.length} ${profile} run(s) against ${target} (${baseline.runs.map((r) => r.runId).join(', ')}) -> ${baselineFile}`,
  );
  if (baseline.runs.some((r) => !r.passed))
    say('  note: some of these runs failed thresholds; the baseline describes the build as it is, not as it should be');
  return 0;
}

async function archive(config: Config, plan: RunPlan, k6: string, version: string, loadDir: string): Promise<number> {
  const out = join(loadDir, 'put-chatsession.tar');
  mkdirSync(loadDir, { recursive: true });
  // Settings for the bundle only: no credentials (they come from the TestRun's Secret), no report
  // paths, no per-run bound or id (the TestRun sets LOAD_MAX_REQUESTS for the rate it asks for).
  const target: RunTarget = {
    baseUrl: config.tenantUrl ?? 'http://tenant.invalid',
    pool: 'scratch',
    templateId: config.chatSessionId,
  };
  const inputs = k6Inputs(
    { config, plan, target, runId: 'archive', k6Version: version, gitRevision: gitRevision() },
    {},
  );
  for (const key of ['LOAD_STARTED_AT', 'LOAD_MAX_REQUESTS', 'LOAD_TARGET_HOST', 'LOAD_RUN_ID'])
    delete inputs.plain[key];
  const result = await runK6(k6, k6Args('archive', inputs, ['--archive-out', out]), {}, { timeoutMs: 120_000 });
  if (result.code !== 0) throw new CannotRun(`k6 archive exited ${result.code}`);
  say(
    `wrote ${out}: the script, its modules, the schema validators and the settings above (no credentials). Run it with \`k6 run ${out}\` or put it in a ConfigMap for load/k8s/testrun.yaml.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof CannotRun ? `load: error: ${err.message}` : err);
    process.exit(2);
  },
);
