/**
 * Reads the JUnit XML each stage writes into checks (the main job, npm test, the deviation proofs),
 * and merges stages into one JUnit file for CI (written by junit.ts, the one writer).
 * Parsing goes through fast-xml-parser; DOCTYPEs are not expected here and are refused.
 */
import { XMLParser } from 'fast-xml-parser';
import { renderJUnit, type JUnitCase } from './junit.ts';
import {
  blameType,
  decodeObservation,
  encodeObservation,
  failureType,
  observedType,
  tenantType,
  type Observation,
} from './observed.ts';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  name: string;
  suite: string;
  status: CheckStatus;
  /** First failure message, when failed; why it was not run, when skipped and the JUnit says. */
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
  /** `''` for a bare `<skipped/>`. */
  skipped?: { message?: string } | string;
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
      const skipped = problem === undefined && c.skipped !== undefined;
      // Playwright writes a bare <skipped/> and the reason as a `skip` (or `fixme`) annotation property
      const why = skipped
        ? (typeof c.skipped === 'object' ? c.skipped.message : undefined) ||
          properties.find((p) => (p.name === 'skip' || p.name === 'fixme') && p.value)?.value
        : undefined;
      checks.push({
        name: c.name ?? '(unnamed)',
        suite: c.classname || name,
        status: problem !== undefined ? 'failed' : skipped ? 'skipped' : 'passed',
        ...(problem !== undefined ? { message: messageOf(problem).slice(0, 500) } : {}),
        ...(why ? { message: why.slice(0, 500) } : {}),
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

/** One JUnit document with a test suite per stage; a stage that could not run is one error case. */
export function mergeJUnit(stages: ReadonlyArray<{ name: string; checks: readonly Check[]; error?: string }>): string {
  const suites = stages.map((s) => {
    const cases = s.checks.map((c): JUnitCase => ({
      classname: c.suite,
      name: c.name,
      ...(c.seconds !== undefined ? { time: c.seconds } : {}),
      properties: [
        ...(c.observed ?? []).map((o) => [observedType, encodeObservation(o)] as const),
        ...(c.failedClauses ?? []).map((id) => [blameType, id] as const),
      ],
      ...(c.status === 'failed'
        ? { failure: { message: (c.message ?? 'failed').split('\n')[0]!.slice(0, 200), text: c.message ?? '' } }
        : {}),
      ...(c.status === 'skipped' ? { skipped: c.message ? { message: c.message } : {} } : {}),
    }));
    if (s.error)
      cases.push({
        classname: s.name,
        name: `stage ${s.name} ran`,
        error: { message: s.error.slice(0, 200), text: s.error },
      });
    return { name: s.name, cases };
  });
  return renderJUnit({ name: 'chatsession-harness', suites });
}
