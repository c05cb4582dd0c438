/** Reads Playwright's JSON report into one flat row per test, for the clause and deviation checks. */
import { readFileSync } from 'node:fs';
import { clauseTagsIn } from '../../lib/clauses.ts';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'flaky';

export interface TestRow {
  /** `file › describe › title`, as the list reporter prints it. */
  title: string;
  file: string;
  /** Clause tags without the `@`. */
  tags: string[];
  outcome: Outcome;
  /** Why it was skipped, when it was. */
  reason?: string;
}

interface JsonSpec {
  title: string;
  file: string;
  tags?: string[];
  tests: Array<{
    status: 'expected' | 'unexpected' | 'skipped' | 'flaky';
    annotations?: Array<{ type: string; description?: string }>;
  }>;
}
interface JsonSuite {
  title: string;
  file?: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}
export interface JsonReport {
  suites: JsonSuite[];
  errors?: Array<{ message?: string }>;
  stats?: { expected: number; unexpected: number; skipped: number; flaky: number; duration: number };
}

const outcomeOf = { expected: 'passed', unexpected: 'failed', skipped: 'skipped', flaky: 'flaky' } as const;

export function readReport(path: string): JsonReport {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
}

/** Every test in the report; tags come from the report or, failing that, from `@X` in the title. */
export function testRows(report: JsonReport): TestRow[] {
  const rows: TestRow[] = [];
  const walk = (suite: JsonSuite, path: string[]) => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      const titleTags = clauseTagsIn(spec.title);
      const tags = [...new Set([...(spec.tags ?? []).map((t) => t.replace(/^@/, '')), ...titleTags])];
      for (const t of spec.tests) {
        const skip = t.annotations?.find((a) => a.type === 'skip')?.description;
        rows.push({
          title: [...here, spec.title].join(' › '),
          file: spec.file,
          tags,
          outcome: outcomeOf[t.status],
          ...(t.status === 'skipped' && skip ? { reason: skip } : {}),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites) walk(suite, []);
  return rows;
}
