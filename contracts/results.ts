/**
 * Writes a verification report where CI and the main report read it: `junit.xml` (one test case
 * per interaction, those not run as skipped with the reason), `results.json` (the report as data)
 * and `summary.txt` (the one line), all passed through the redactor so no credential reaches a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJUnit, type JUnitCase } from '../lib/junit.ts';
import { blameType, encodeObservation, observedType } from '../lib/observed.ts';
import type { Redactor } from '../lib/redact.ts';
import type { VerificationReport } from './verify.ts';

/** `15 passed, 0 failed` (interactions), with `, 1 not run` when some could not be set up. */
export function summaryLine(report: Pick<VerificationReport, 'passed' | 'failed' | 'notRun'>): string {
  const notRun = report.notRun.length ? `, ${report.notRun.length} not run` : '';
  return `${report.passed} passed, ${report.failed} failed${notRun}`;
}

export function writeResults(
  dir: string,
  report: VerificationReport,
  redact: Redactor,
): { junit: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const junit = join(dir, 'junit.xml');
  const json = join(dir, 'results.json');
  writeFileSync(junit, redact(toJUnit(report)));
  writeFileSync(
    json,
    redact(JSON.stringify({ ...report, summary: summaryLine(report), writtenAt: new Date().toISOString() }, null, 2)),
  );
  writeFileSync(join(dir, 'summary.txt'), `${summaryLine(report)}\n`);
  return { junit, json };
}

/**
 * One test case per interaction, named by its description (clause IDs first): failed, passed, or
 * skipped with the reason it was not run; and one error case per problem.
 */
export function toJUnit(report: VerificationReport): string {
  const classname = report.provider;
  const cases: JUnitCase[] = report.interactions.map((i) => ({
    classname,
    name: i.description,
    properties: [
      ...(i.observed ?? []).map((o) => [observedType, encodeObservation(o)] as const),
      ...(i.passed ? [] : (i.failedClauses ?? [])).map((id) => [blameType, id] as const),
    ],
    ...(i.passed ? {} : { failure: { message: i.mismatches[0] ?? 'failed', text: i.mismatches.join('\n') } }),
  }));
  for (const { description, reason } of report.notRun)
    cases.push({ classname, name: description, skipped: { message: reason } });
  for (const problem of report.problems)
    cases.push({ classname, name: 'verification run', error: { message: problem.slice(0, 200), text: problem } });
  const suite = `Pact provider verification (${report.provider}, ${report.target} tenant)`;
  return renderJUnit({ name: 'pact', suites: [{ name: suite, cases }] });
}
