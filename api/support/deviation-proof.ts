/**
 * Proof that the API suite tells a correct tenant from a broken one: ONE Playwright run in which
 * every test runs once per tenant mode (api/support/tenants.ts: one embedded tenant per mode,
 * started on a free port), each mode's checks judged with the main job's own clause matrix and
 * verdict (scripts/report/modes.ts). Normal and benign modes must pass; each breaking mode
 * must fail naming its clause first, and at most two clauses in all. Also scans the reports of
 * these (failing) runs for secrets. Writes reports/playwright/deviations.json; the closing line
 * `N passed, N failed` counts modes.
 *
 * The benign modes run all at once, as one mode (a tenant doing everything a real one may do at
 * the same time); `--each-benign` adds each benign mode on its own (`npm run deviations` runs
 * each through the whole main job anyway). `--only a;b,c` runs just those modes (and normal): a
 * mode is a registry name or a comma list of benign ones.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configOrExit } from '../../lib/run.ts';
import { runPlaywright } from './playwright.ts';
import { modesVariable } from './tenants.ts';
import { knownSecrets, scanDir } from './secrets.ts';
import { mergeJUnit, parseJUnit, type Check } from '../../lib/junit-checks.ts';
import {
  allBenign,
  judgeMode,
  modeOf,
  tenantModes,
  type ModeJudgement,
  type TenantMode,
} from '../../scripts/report/modes.ts';

/** Runs it; resolves with the exit code. */
export async function main(): Promise<number> {
  const config = configOrExit();
  if (config.target === 'live') {
    console.error('api-deviations runs against the embedded tenant only: unset TENANT_URL');
    return 2;
  }
  const out = join(config.reportsDir, 'playwright', 'deviations');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(';').filter(Boolean) : undefined;
  const eachBenign = process.argv.includes('--each-benign');
  const modes: TenantMode[] = only
    ? [{ name: 'normal', kind: 'normal' }, ...only.map(modeOf)]
    : [
        { name: 'normal', kind: 'normal' },
        allBenign(),
        ...tenantModes().filter((m) => m.kind === 'breaking' || eachBenign),
      ];

  const junit = join(out, 'junit.xml');
  const started = Date.now();
  console.log(`::: the API suite against ${modes.length} embedded tenants at once, every test once per tenant mode`);
  const env = {
    ...process.env,
    [modesVariable]: modes.map((m) => m.name).join(';'),
    PLAYWRIGHT_JUNIT_OUTPUT_NAME: junit,
    PLAYWRIGHT_JUNIT_STRIP_ANSI: 'true',
  };
  const args = ['--reporter=dot,junit', `--output=${join(out, 'test-results')}`];
  const code = await runPlaywright(args, env, ['ignore', 'inherit', 'inherit']);
  const seconds = (Date.now() - started) / 1000;

  const checks = existsSync(junit) ? parseJUnit(readFileSync(junit, 'utf8')) : [];
  const byProject = new Map<string, Check[]>();
  for (const c of checks) byProject.set(c.project ?? '', [...(byProject.get(c.project ?? '') ?? []), c]);

  const results: Array<ModeJudgement & { tests: number; failing: number }> = modes.map((mode) => {
    const mine = byProject.get(mode.name) ?? [];
    const failing = mine.filter((c) => c.status === 'failed').length;
    const stage = {
      id: 'api' as const,
      title: 'Playwright API suite',
      status: mine.length === 0 ? ('error' as const) : failing ? ('failed' as const) : ('passed' as const),
      detail: `${mine.length - failing} passed, ${failing} failed`,
      checks: mine,
      seconds: 0,
      links: [],
    };
    return { ...judgeMode(mode, [stage]), tests: mine.length, failing };
  });

  console.log('\nmode | kind | failing tests | verdict');
  for (const r of results)
    console.log(
      `${r.ok ? '✔' : '✖'} ${r.label ?? r.name} | ${r.kind}${r.clause ? ` (${r.clause})` : ''} | ` +
        `${r.failing} of ${r.tests} | ${r.why}`,
    );

  const hits = scanDir(out, knownSecrets(config));
  writeFileSync(
    join(config.reportsDir, 'playwright', 'deviations.json'),
    `${JSON.stringify({ seconds, playwrightExit: code, modes: results, secretHits: hits }, null, 2)}\n`,
  );
  const problems = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.why}`);
  if (checks.length === 0) problems.push(`Playwright wrote no ${junit} (exit ${code})`);
  for (const h of hits)
    problems.push(
      `secret found in the deviation run's reports: ${h.label} in ${h.file}${h.entry ? ` (${h.entry})` : ''}`,
    );
  // One test case per mode (and the secret scan) for `npm test`, which judges stages by their JUnit.
  const modeCases: Check[] = results.map((r) => ({
    name: `${r.label ?? r.name} (${r.kind}${r.clause ? `, ${r.clause}` : ''}): ${r.why}`,
    suite: 'api-deviations',
    status: r.ok ? 'passed' : 'failed',
    ...(r.ok ? {} : { message: r.why }),
  }));
  const scanProblem =
    checks.length === 0
      ? `Playwright wrote no ${junit} (exit ${code})`
      : hits.length
        ? `${hits.length} secret(s) found`
        : undefined;
  modeCases.push({
    name: 'the deviation runs wrote JUnit, and their reports hold no secret',
    suite: 'api-deviations',
    status: scanProblem ? 'failed' : 'passed',
    ...(scanProblem ? { message: scanProblem } : {}),
  });
  writeFileSync(join(out, 'modes-junit.xml'), mergeJUnit([{ name: 'api-deviations', checks: modeCases }]));
  const passed = results.filter((r) => r.ok).length;
  console.log(
    `\n${modes.length} modes in ${seconds.toFixed(1)}s (${checks.length} tests); secret scan: ${hits.length} hits`,
  );
  console.log(`${passed} passed, ${modes.length - passed + (problems.length > modes.length - passed ? 1 : 0)} failed`);
  if (problems.length) {
    console.error(`api-deviations: FAILED\n  - ${problems.join('\n  - ')}`);
    return 1;
  }
  console.log('api-deviations: OK');
  return 0;
}
