/**
 * `npm test`: the harness's own test stages, run by the main job's stage runner (stage-process.ts:
 * a process group per stage, its output in reports/logs/test-<stage>.log) and judged the way the
 * main job judges a stage: by the JUnit file it wrote, never by its console output. Stages that
 * do not share files or timing run at the same time; the load proofs, which measure time, run alone.
 * Ends with one line `N passed, N failed`; exit 0 only when every stage ran and nothing failed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseJUnit, type Check } from '../../lib/junit-checks.ts';
import { ENGINE_NODE_OPTIONS } from '../../load/engine/node-options.ts';
import { interruptedBy } from './signals.ts';
import { runStageProcess } from './stage-process.ts';

const root = join(import.meta.dirname, '..', '..');
const reports = join(root, 'reports');
const skipDirs = new Set(['node_modules', 'reports', '.tools', '.git', 'test-results']);

/**
 * Every `*.test.ts` under the given folders (unit and integration tests beside their code);
 * `*.e2e.test.ts` (whole main-job runs) only when `e2e` is true.
 */
export function findTests(dirs: readonly string[], e2e = false): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!skipDirs.has(entry)) walk(path);
      } else if (entry.endsWith('.test.ts') && entry.endsWith('.e2e.test.ts') === e2e) {
        found.push(relative(root, path));
      }
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return found;
}

export interface TestStage {
  name: string;
  /** Why the stage exists, printed before it runs. */
  what: string;
  /** Arguments after `node --import tsx`. */
  args: () => string[];
  /** The JUnit file it writes, under reports/. */
  junit: string;
  /** The stages of one group run at the same time; groups run one after another. */
  group: number;
  /** A stage of the same group whose output this one reads: it starts when that one has ended. */
  after?: string;
}

/** node:test with the spec reporter on the console and JUnit for the judgement. */
const nodeTest =
  (junit: string, files: () => string[], extra: string[] = []) =>
  () => [
    '--test',
    ...extra,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=junit',
    `--test-reporter-destination=${join(reports, junit)}`,
    ...files(),
  ];

export const testStages: TestStage[] = [
  {
    name: 'unit',
    what: 'unit and integration tests beside the code (node:test through tsx)',
    args: nodeTest('unit/junit.xml', () => findTests(['lib', 'schemas', 'scripts', 'tenant', 'contracts', 'api']), [
      '--test-concurrency=2',
    ]),
    junit: 'unit/junit.xml',
    group: 1,
  },
  {
    name: 'contracts',
    what: 'Pact consumer tests: write reports/pacts/*.json',
    args: () => ['scripts/contracts.ts'],
    junit: 'contracts/junit.xml',
    group: 1,
  },
  {
    name: 'verify',
    what: 'Pact provider verification against the embedded tenant',
    args: () => ['scripts/verify-provider.ts'],
    junit: 'pact-verification/junit.xml',
    group: 1,
    after: 'contracts',
  },
  {
    name: 'api',
    what: 'Playwright API suite against the embedded tenant, clause coverage, secret scan',
    args: () => ['scripts/api.ts'],
    junit: 'playwright/junit.xml',
    group: 1,
  },
  {
    name: 'schemathesis',
    what: 'Schemathesis (PyPI, into .tools/) against the embedded tenant from its /openapi.json: default checks',
    args: () => ['scripts/schemathesis/run.ts'],
    junit: 'schemathesis/junit.xml',
    group: 1,
  },
  {
    name: 'e2e',
    what: 'npm start end to end: exit codes, Ctrl-C restore on a live tenant, sentinel-credential scan of every stage',
    args: nodeTest('unit/e2e-junit.xml', () => findTests(['scripts'], true), ['--test-concurrency=2']),
    junit: 'unit/e2e-junit.xml',
    group: 2,
  },
  {
    name: 'api-deviations',
    what: 'the API suite against each tenant deviation mode: every mode must make a test fail',
    args: () => ['scripts/api-deviations.ts'],
    junit: 'playwright/deviations/modes-junit.xml',
    group: 2,
  },
  {
    name: 'load',
    what:
      'load proofs on the embedded engine (slow count exact, PUT-200 on 2 % 500s, fidelity, held response, cap), ' +
      'k6 adapter bundle, bench parsers',
    args: nodeTest('unit/load-junit.xml', () => findTests(['load', 'bench']), [...ENGINE_NODE_OPTIONS]),
    junit: 'unit/load-junit.xml',
    group: 3,
  },
];

export interface StageOutcome {
  name: string;
  code: number;
  ms: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Why the stage counts as broken though no test failed (no JUnit, exit code without a failure). */
  broken?: string;
  failures: Check[];
}

/** The outcome of a stage from its exit code and its JUnit file. */
export function outcomeOf(name: string, code: number, ms: number, junit: string | undefined): StageOutcome {
  const checks = junit === undefined ? [] : parseJUnit(junit);
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  const o: StageOutcome = {
    name,
    code,
    ms,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    failures: checks.filter((c) => c.status === 'failed'),
  };
  if (junit === undefined) o.broken = `exit ${code}, wrote no JUnit file`;
  else if (code !== 0 && o.failed === 0) o.broken = `exit ${code} with no failed test`;
  else if (checks.length === 0) o.broken = 'its JUnit file holds no test';
  return o;
}

async function runTestStage(stage: TestStage, prefix: boolean): Promise<StageOutcome> {
  const junit = join(reports, stage.junit);
  const started = Date.now();
  console.log(`\n=== test stage: ${stage.name} — ${stage.what}`);
  mkdirSync(join(junit, '..'), { recursive: true });
  if (existsSync(junit)) writeFileSync(junit, ''); // a stage that dies must not be read as its last pass
  const run = await runStageProcess(stage.args(), {
    logFile: join(reports, 'logs', `test-${stage.name}.log`),
    env: { ...process.env, REPORTS_DIR: reports },
    redact: (text) => text,
    cwd: root,
    onLine: (line) => console.log(prefix ? `[${stage.name}] ${line}` : line),
  });
  const text = existsSync(junit) ? readFileSync(junit, 'utf8') : '';
  const o = outcomeOf(stage.name, run.code, Date.now() - started, text.trim() ? text : undefined);
  for (const f of o.failures) console.log(`[${stage.name}] ✖ ${f.suite} › ${f.name}`);
  console.log(
    `=== ${stage.name}: ${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ''} in ` +
      `${(o.ms / 1000).toFixed(1)}s (exit ${o.code})${o.broken ? ` — broken: ${o.broken}` : ''}`,
  );
  return o;
}

/** Runs the named stages (all when none), group after group; resolves with the exit code. */
export async function runTests(names: readonly string[]): Promise<number> {
  const unknown = names.filter((w) => !testStages.some((s) => s.name === w));
  if (unknown.length) {
    console.error(
      `unknown test stage(s): ${unknown.join(', ')}; stages are ${testStages.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const chosen = testStages.filter((s) => names.length === 0 || names.includes(s.name));
  const started = Date.now();
  const outcomes: StageOutcome[] = [];
  for (const group of [...new Set(chosen.map((s) => s.group))]) {
    if (interruptedBy()) break; // Ctrl-C or SIGTERM: the running stages were stopped; start no more
    const here = chosen.filter((s) => s.group === group);
    const done = new Map<string, Promise<StageOutcome>>();
    for (const stage of here) {
      const before = stage.after ? done.get(stage.after) : undefined;
      done.set(
        stage.name,
        (before ?? Promise.resolve()).then(() => runTestStage(stage, here.length > 1)),
      );
    }
    outcomes.push(...(await Promise.all(here.map((s) => done.get(s.name)!))));
  }
  const wallMs = Date.now() - started;
  // Wall time per stage, for `npm run bench` and anyone chasing a slow stage.
  mkdirSync(join(reports, 'test'), { recursive: true });
  const timing = {
    finishedAt: new Date().toISOString(),
    wallMs,
    stages: outcomes.map(({ name, ms, passed, failed }) => ({ name, ms, passed, failed })),
  };
  writeFileSync(join(reports, 'test', 'timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
  const broken = outcomes.filter((o) => o.broken);
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0) + broken.length;
  for (const o of outcomes) console.log(`  ${o.name.padEnd(15)} ${(o.ms / 1000).toFixed(1).padStart(6)} s`);
  console.log(`  ${'wall'.padEnd(15)} ${(wallMs / 1000).toFixed(1).padStart(6)} s`);
  if (broken.length)
    console.log(`stages that did not finish cleanly: ${broken.map((o) => `${o.name} (${o.broken})`).join('; ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  const stopped = interruptedBy();
  if (stopped) console.log(`${stopped}: stopped; stages not started: the run is incomplete`);
  return stopped ? 2 : failed === 0 ? 0 : 1;
}
