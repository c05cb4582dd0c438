/**
 * `npm run api`: the Playwright API conformance suite (api/) against the embedded tenant, or the
 * live one when TENANT_URL is set, then two checks on what it produced:
 *  1. clause coverage: every clause in reference/CLAUSES.md is tagged by a test or listed as not
 *     observable here (reports/playwright/clauses.json);
 *  2. secret scan: nothing under reports/playwright/ (HTML report, its embedded zip, JUnit, JSON,
 *     test output) holds a credential (seed users' passwords, tickets, tokens, XSRF values, the
 *     Basic header value, configured secrets).
 * Exits non-zero when the suite, the coverage or the scan fails. Extra arguments go to Playwright.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEnvironment, type Run } from '../../lib/run.ts';
import { coverage, readClauses, type ClauseStatus } from './clauses.ts';
import { readReport, testRows } from './results.ts';
import { knownSecrets, scanDir } from './secrets.ts';
import { runPlaywright } from './playwright.ts';

/** Runs it against the run's tenant (Playwright gets the Run handed); resolves with the exit code. */
export async function main(run: Run): Promise<number> {
  const root = join(import.meta.dirname, '..', '..');
  const { config } = run;
  const reports = join(config.reportsDir, 'playwright');
  const resultsFile = join(reports, 'results.json');
  mkdirSync(reports, { recursive: true });

  const against = config.target === 'live' ? config.tenantUrl : 'the embedded tenant';
  console.log(`\n::: api suite against ${against} (Playwright, request fixture, no browser)`);
  const started = Date.now();
  const env = { ...process.env, ...runEnvironment(run) };
  const code = await runPlaywright(process.argv.slice(2), env, 'inherit');
  const problems: string[] = [];
  if (!existsSync(resultsFile)) {
    problems.push(`Playwright wrote no ${resultsFile} (exit ${code}): see its output above`);
  } else {
    const rows = testRows(readReport(resultsFile));
    const count = (o: string) => rows.filter((r) => r.outcome === o).length;
    if (code !== 0)
      problems.push(
        `Playwright exited ${code}: ${count('failed')} test(s) failed; ` +
          `open ${join(reports, 'html', 'index.html')} for each failure`,
      );

    console.log('\n::: clause coverage (reference/CLAUSES.md)');
    const cov = coverage(readClauses(join(root, 'reference', 'CLAUSES.md')), rows);
    writeFileSync(join(reports, 'clauses.json'), `${JSON.stringify(cov, null, 2)}\n`);
    const by = (s: ClauseStatus) => cov.clauses.filter((c) => c.status === s);
    console.log(
      `  ${by('passed').length} passed, ${by('failed').length} failed, ${by('skipped').length} skipped, ` +
        `${by('not observable here').length} not observable here, ` +
        `${by('not covered').length} not covered (of ${cov.clauses.length})`,
    );
    for (const c of by('not observable here')) console.log(`  not observable here: ${c.id}: ${c.reason}`);
    for (const c of by('skipped'))
      console.log(`  skipped: ${c.id}: ${[...new Set(c.tests.map((t) => t.reason ?? 'skipped'))].join('; ')}`);
    for (const c of by('failed'))
      console.log(
        `  FAILED: ${c.id}: ${c.tests
          .filter((t) => t.outcome === 'failed')
          .map((t) => t.title)
          .join('; ')}`,
      );
    for (const c of by('not covered'))
      problems.push(
        `clause ${c.id} is tagged by no API test and not listed as not observable (api/support/clauses.ts)`,
      );
    for (const u of cov.unknownTags)
      problems.push(`test "${u.test}" tags @${u.tag}, which is not a clause in reference/CLAUSES.md`);
    console.log(`  written to ${join(reports, 'clauses.json')}`);
    console.log(
      `api: ${count('passed') + count('flaky')} passed, ${count('failed')} failed, ${count('skipped')} skipped ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }

  console.log('\n::: secret scan of reports/playwright/ (seed credentials, Basic header value, configured secrets)');
  const hits = scanDir(reports, knownSecrets(config));
  for (const h of hits) problems.push(`secret found: ${h.label} in ${h.file}${h.entry ? ` (entry ${h.entry})` : ''}`);
  console.log(hits.length === 0 ? '  0 hits' : `  ${hits.length} hit(s)`);

  if (problems.length) {
    console.error(`\napi: FAILED\n  - ${problems.join('\n  - ')}`);
    return 1;
  }
  console.log('\napi: OK');
  return 0;
}
