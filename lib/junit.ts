/**
 * The one JUnit XML writer: the provider verification, the load run and the main job's merged file
 * all describe their suites and cases as data and this writes them, so every JUnit file the harness
 * produces has the same shape, the same counts and the same escaping (lib/xml.ts `escapeXml`).
 */
import { escapeXml as esc } from './escape.ts';

/** A `<property name value/>`; several may share a name (one `clause-failed` per clause). */
export type JUnitProperty = readonly [name: string, value: string];

export interface JUnitCase {
  classname: string;
  name: string;
  /** Seconds, written as given. */
  time?: number | string;
  properties?: readonly JUnitProperty[];
  /** A check that ran and failed: `message` is the attribute (one line), `text` the whole story. */
  failure?: { message: string; text: string; type?: string };
  /** Something that kept checks from running at all (a stage or a verification that broke). */
  error?: { message: string; text: string };
  /** Not run; `message` says why. */
  skipped?: { message?: string };
}

export interface JUnitSuite {
  name: string;
  /** Written after the counts, in this order (time, timestamp, ...). */
  attributes?: Readonly<Record<string, string | number>>;
  properties?: readonly JUnitProperty[];
  cases: readonly JUnitCase[];
}

export interface JUnitDocument {
  name: string;
  /** Written after the totals (time, ...). */
  attributes?: Readonly<Record<string, string | number>>;
  suites: readonly JUnitSuite[];
}

type Counts = { tests: number; failures: number; errors: number; skipped: number };

/** The counts a CI server reads, from the cases themselves, so they cannot disagree with them. */
function countsOf(cases: readonly JUnitCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error && !c.failure).length,
    skipped: cases.filter((c) => c.skipped && !c.failure && !c.error).length,
  };
}

const attrs = (values: Readonly<Record<string, string | number>>) =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');

const property = ([name, value]: JUnitProperty) => `<property name="${esc(name)}" value="${esc(value)}"/>`;

function failure(f: NonNullable<JUnitCase['failure']>): string {
  const type: Record<string, string> = f.type ? { type: f.type } : {};
  return `<failure${attrs({ message: f.message, ...type })}>${esc(f.text)}</failure>`;
}

function testcase(c: JUnitCase): string {
  const time: Record<string, string | number> = c.time !== undefined ? { time: c.time } : {};
  const open = `<testcase${attrs({ classname: c.classname, name: c.name, ...time })}>`;
  const inner = [
    ...(c.properties?.length ? [`<properties>${c.properties.map(property).join('')}</properties>`] : []),
    ...(c.failure ? [failure(c.failure)] : []),
    ...(c.error ? [`<error${attrs({ message: c.error.message })}>${esc(c.error.text)}</error>`] : []),
    ...(c.skipped ? [`<skipped${c.skipped.message !== undefined ? attrs({ message: c.skipped.message }) : ''}/>`] : []),
  ];
  return inner.length
    ? `    ${open}\n${inner.map((line) => `      ${line}\n`).join('')}    </testcase>`
    : `    ${open}</testcase>`;
}

function testsuite(s: JUnitSuite): string {
  const props = s.properties?.length
    ? [`    <properties>`, ...s.properties.map((p) => `      ${property(p)}`), `    </properties>`]
    : [];
  return [
    `  <testsuite${attrs({ name: s.name, ...countsOf(s.cases), ...s.attributes })}>`,
    ...props,
    ...s.cases.map(testcase),
    '  </testsuite>',
  ].join('\n');
}

/** The document: one `<testsuites>` with the totals, a `<testsuite>` per suite, a `<testcase>` per case. */
export function renderJUnit(doc: JUnitDocument): string {
  const totals = doc.suites
    .map((s) => countsOf(s.cases))
    .reduce<Counts>(
      (a, b) => ({
        tests: a.tests + b.tests,
        failures: a.failures + b.failures,
        errors: a.errors + b.errors,
        skipped: a.skipped + b.skipped,
      }),
      { tests: 0, failures: 0, errors: 0, skipped: 0 },
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: doc.name, ...totals, ...doc.attributes })}>`,
    ...doc.suites.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
