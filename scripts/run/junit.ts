/**
 * Reads the JUnit XML each stage writes into checks, and merges stages into one JUnit file for CI.
 * Parsing goes through fast-xml-parser; DOCTYPEs are not expected here and are refused.
 */
import { XMLParser } from 'fast-xml-parser';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  name: string;
  suite: string;
  status: CheckStatus;
  /** First failure message, when failed. */
  message?: string;
  seconds?: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name),
});

interface RawCase {
  name?: string;
  classname?: string;
  time?: string;
  failure?: Array<{ message?: string; '#text'?: string } | string>;
  error?: Array<{ message?: string; '#text'?: string } | string>;
  skipped?: unknown;
}
interface RawSuite {
  name?: string;
  testcase?: RawCase[];
  testsuite?: RawSuite[];
}

/** Every test case in a JUnit document, nested suites flattened. */
export function parseJUnit(xml: string): Check[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('JUnit file with a DOCTYPE is refused');
  const doc = parser.parse(xml) as { testsuites?: RawSuite; testsuite?: RawSuite[] };
  const checks: Check[] = [];
  const walk = (suite: RawSuite, outer: string) => {
    const name = [outer, suite.name].filter(Boolean).join(' › ');
    for (const c of suite.testcase ?? []) {
      const problem = c.failure?.[0] ?? c.error?.[0];
      const message = typeof problem === 'string' ? problem : (problem?.message ?? problem?.['#text']);
      checks.push({
        name: c.name ?? '(unnamed)',
        suite: c.classname || name,
        status: problem !== undefined ? 'failed' : c.skipped !== undefined ? 'skipped' : 'passed',
        ...(problem !== undefined ? { message: (message ?? 'failed').slice(0, 500) } : {}),
        ...(c.time ? { seconds: Number(c.time) } : {}),
      });
    }
    for (const inner of suite.testsuite ?? []) walk(inner, name);
  };
  if (doc.testsuites) walk(doc.testsuites, '');
  for (const s of doc.testsuite ?? []) walk(s, '');
  return checks;
}

const esc = (text: string) =>
  text
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** One JUnit document with a test suite per stage; a stage that could not run is one error case. */
export function mergeJUnit(stages: ReadonlyArray<{ name: string; checks: readonly Check[]; error?: string }>): string {
  const suites = stages.map((s) => {
    const cases = s.checks.map((c) => {
      const open = `<testcase classname="${esc(c.suite)}" name="${esc(c.name)}"${c.seconds !== undefined ? ` time="${c.seconds}"` : ''}>`;
      if (c.status === 'failed')
        return `    ${open}<failure message="${esc((c.message ?? 'failed').split('\n')[0]!.slice(0, 200))}">${esc(c.message ?? '')}</failure></testcase>`;
      if (c.status === 'skipped') return `    ${open}<skipped/></testcase>`;
      return `    ${open}</testcase>`;
    });
    if (s.error)
      cases.push(
        `    <testcase classname="${esc(s.name)}" name="stage ${esc(s.name)} ran"><error message="${esc(s.error.slice(0, 200))}">${esc(s.error)}</error></testcase>`,
      );
    const failures = s.checks.filter((c) => c.status === 'failed').length;
    const skipped = s.checks.filter((c) => c.status === 'skipped').length;
    return `  <testsuite name="${esc(s.name)}" tests="${cases.length}" failures="${failures}" errors="${s.error ? 1 : 0}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="chatsession-harness">\n${suites.join('\n')}\n</testsuites>\n`;
}
