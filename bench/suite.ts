/**
 * Section 5: wall time of `npm test` per stage, read (never run: too slow to nest) from
 * reports/test-times.json, which scripts/test.ts writes, or from a saved `npm test` log given
 * with --suite-log (its `=== <stage>: ... in Xs` lines).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

export interface StageTime {
  name: string;
  seconds: number;
  passed: number | null;
  failed: number | null;
}

export interface SuiteResult {
  source: string;
  /** When that npm test run finished (file time for a log). */
  finishedAt: string | undefined;
  stages: StageTime[];
  totalSeconds: number;
}

/** `=== unit: 427 passed, 0 failed in 70.2s (exit 0)` or `=== api: did not report in 3.1s (exit 1)`. */
export function parseSuiteLog(text: string): StageTime[] {
  const stages: StageTime[] = [];
  for (const m of text.matchAll(/^=== ([\w-]+): (?:(\d+) passed, (\d+) failed|did not report) in ([\d.]+)s/gm)) {
    stages.push({
      name: m[1] as string,
      seconds: Number(m[4]),
      passed: m[2] === undefined ? null : Number(m[2]),
      failed: m[3] === undefined ? null : Number(m[3]),
    });
  }
  return stages;
}

export function parseTestTimes(text: string): { finishedAt: string | undefined; stages: StageTime[] } {
  const data = JSON.parse(text) as { finishedAt?: string; stages?: Array<Partial<StageTime>> };
  const stages = (data.stages ?? [])
    .filter((s) => typeof s.name === 'string' && typeof s.seconds === 'number')
    .map((s) => ({
      name: s.name as string,
      seconds: s.seconds as number,
      passed: s.passed ?? null,
      failed: s.failed ?? null,
    }));
  return { finishedAt: data.finishedAt, stages };
}

const result = (source: string, finishedAt: string | undefined, stages: StageTime[]): SuiteResult => ({
  source,
  finishedAt,
  stages,
  totalSeconds: stages.reduce((n, s) => n + s.seconds, 0),
});

/** The suite times from --suite-log (wins) or reports/test-times.json; undefined when neither has any. */
export function readSuiteTimes(suiteLog: string | undefined, testTimesFile: string): SuiteResult | undefined {
  if (suiteLog) {
    if (!existsSync(suiteLog)) throw new Error(`--suite-log ${suiteLog}: no such file`);
    const stages = parseSuiteLog(readFileSync(suiteLog, 'utf8'));
    if (stages.length === 0)
      throw new Error(`--suite-log ${suiteLog}: no "=== <stage>: ... in Xs" lines (is it the output of npm test?)`);
    return result(suiteLog, statSync(suiteLog).mtime.toISOString(), stages);
  }
  if (!existsSync(testTimesFile)) return undefined;
  const { finishedAt, stages } = parseTestTimes(readFileSync(testTimesFile, 'utf8'));
  return stages.length ? result(testTimesFile, finishedAt, stages) : undefined;
}
