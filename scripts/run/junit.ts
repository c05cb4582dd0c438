/**
 * Reads the JUnit XML each stage writes into checks, and merges stages into one JUnit file for CI.
 * Parsing goes through fast-xml-parser; DOCTYPEs are not expected here and are refused.
 */
import { XMLParser } from 'fast-xml-parser';
import {
  blameType,
  decodeObservation,
  encodeObservation,
  failureType,
  observedType,
  tenantType,
  type Observation,
} from '../../lib/observed.ts';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  name: string;
  suite: string;
  status: CheckStatus;
  /** First failure message, when failed. */
  message?: string;
  seconds?: number;
  /** What the check saw where the pages are silent (JUnit properties named `observed`). */
  observed?: Observation[];
  /**
   * The clauses a failure is attributed to (properties named `clause-failed`); unset: every
   * clause the check names. A check that names several clauses fails only the one it broke on.
   */
  failedClauses?: string[];
  /**
   * Where the check ran: the embedded tenant mode (property `tenant`, the deviation proof), else the
   * Playwright project (its suite's `hostname`), when there is one.
   */
  project?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'property'].includes(name),
});

interface RawCase {
  name?: string;
  classname?: string;
  time?: string;
  failure?: Array<{ message?: string; '#text'?: string } | string>;
  error?: Array<{ message?: string; '#text'?: string } | string>;
  skipped?: unknown;
  properties?: { property?: Array<{ name?: string; value?: string }> };
}
interface RawSuite {
  name?: string;
  hostname?: string;
  testcase?: RawCase[];
  testsuite?: RawSuite[];
}

/** Every test case in a JUnit document, nested suites flattened. */
export function parseJUnit(xml: string): Check[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('JUnit file with a DOCTYPE is refused');
  const doc = parser.parse(xml) as { testsuites?: RawSuite; testsuite?: RawSuite[] };
  const checks: Check[] = [];
  const walk = (suite: RawSuite, outer: string, project: string | undefined) => {
    const name = [outer, suite.name].filter(Boolean).join(' › ');
    const here = suite.hostname || project;
    for (const c of suite.testcase ?? []) {
      const properties = c.properties?.property ?? [];
      const recorded = properties.find((p) => p.name === failureType)?.value;
      const problem = c.failure?.[0] ?? c.error?.[0] ?? (recorded === undefined ? undefined : { message: recorded });
      const observed = properties
        .filter((p) => p.name === observedType)
        .map((p) => decodeObservation(p.value))
        .filter((o): o is Observation => o !== undefined);
      const blamed = [...new Set(properties.filter((p) => p.name === blameType && p.value).map((p) => p.value!))];
      const tenant = properties.find((p) => p.name === tenantType)?.value;
      checks.push({
        name: c.name ?? '(unnamed)',
        suite: c.classname || name,
        status: problem !== undefined ? 'failed' : c.skipped !== undefined ? 'skipped' : 'passed',
        ...(problem !== undefined ? { message: messageOf(problem).slice(0, 500) } : {}),
        ...(c.time ? { seconds: Number(c.time) } : {}),
        ...(observed.length ? { observed } : {}),
        ...(problem !== undefined && blamed.length ? { failedClauses: blamed } : {}),
        ...(tenant || here ? { project: tenant ?? here } : {}),
      });
    }
    for (const inner of suite.testsuite ?? []) walk(inner, name, here);
  };
  if (doc.testsuites) walk(doc.testsuites, '', undefined);
  for (const s of doc.testsuite ?? []) walk(s, '', undefined);
  return checks;
}

/**
 * The failure's own words: Playwright puts only `file:line title` in the message attribute and the
 * error in the text, so the text from its first `Error:` line wins when there is one.
 */
function messageOf(problem: { message?: string; '#text'?: string } | string): string {
  const text = typeof problem === 'string' ? problem : (problem['#text'] ?? '');
  const error = /^\s*(Error: [\s\S]*)$/m.exec(text)?.[1];
  if (error) return error.trim();
  return (typeof problem === 'string' ? problem : (problem.message ?? problem['#text'])) ?? 'failed';
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
      const properties = [
        ...(c.observed ?? []).map((o) => [observedType, encodeObservation(o)] as const),
        ...(c.failedClauses ?? []).map((id) => [blameType, id] as const),
      ].map(([name, value]) => `<property name="${esc(name)}" value="${esc(value)}"/>`);
      const open = `<testcase classname="${esc(c.suite)}" name="${esc(c.name)}"${c.seconds !== undefined ? ` time="${c.seconds}"` : ''}>${properties.length ? `<properties>${properties.join('')}</properties>` : ''}`;
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
