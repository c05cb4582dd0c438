/**
 * Writes a verification report where CI and the main report read it: `junit.xml` (one test case
 * per interaction), `results.json` (the report as data) and `summary.txt` (the one line), all
 * passed through the redactor so no credential reaches a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blameType, encodeObservation, observedType } from '../lib/observed.ts';
import type { Redactor } from '../lib/redact.ts';
import type { VerificationReport } from './verify.ts';

/** `15 passed, 0 failed` (interactions). */
export function summaryLine(report: Pick<VerificationReport, 'passed' | 'failed'>): string {
  return `${report.passed} passed, ${report.failed} failed`;
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

export function toJUnit(report: VerificationReport): string {
  const suite = `Pact provider verification (${report.provider}, ${report.target} tenant)`;
  const cases = report.interactions.map((i) => {
    const name = `<testcase classname="${esc(report.provider)}" name="${esc(i.description)}">`;
    const properties = [
      ...(i.observed ?? []).map((o) => [observedType, encodeObservation(o)] as const),
      ...(i.passed ? [] : (i.failedClauses ?? [])).map((id) => [blameType, id] as const),
    ].map(([n, v]) => `<property name="${esc(n)}" value="${esc(v)}"/>`);
    const props = properties.length ? `\n      <properties>${properties.join('')}</properties>` : '';
    return i.passed
      ? `    ${name}${props}</testcase>`
      : `    ${name}${props}\n      <failure message="${esc(i.mismatches[0] ?? 'failed')}">${esc(i.mismatches.join('\n'))}</failure>\n    </testcase>`;
  });
  for (const problem of report.problems)
    cases.push(
      `    <testcase classname="${esc(report.provider)}" name="verification run"><error message="${esc(problem.slice(0, 200))}">${esc(problem)}</error></testcase>`,
    );
  const failures = report.failed;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pact" tests="${report.interactions.length}" failures="${failures}" errors="${report.problems.length}">`,
    `  <testsuite name="${esc(suite)}" tests="${report.interactions.length}" failures="${failures}" errors="${report.problems.length}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function esc(text: string): string {
  return (
    text
      .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
      // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters at all
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
