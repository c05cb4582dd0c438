/**
 * The files of one run, the same for both engines: summary.json (figures, checks, observations,
 * the engine's own extra data), summary.html and junit.xml, in reports/load/<run-id>/ and
 * reports/load/latest/, plus a short text summary for the console.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeOutputs } from '../../lib/outputs.ts';
import type { Comparison } from './compare.ts';
import type { CheckResult, RunFigures } from './figures.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';

/** What summary.json holds. */
export interface SummaryFile {
  figures: RunFigures;
  checks: CheckResult[];
  /** What the tenant did that the pages allow but the reference tenant does not. */
  observations: string[];
  /** Engine specifics: send lag and peak in flight (embedded), k6's end-of-test data (k6). */
  engineData: Record<string, unknown>;
  interrupted: boolean;
}

export function textSummary(f: RunFigures): string {
  const lines = [
    '',
    `PUT ChatSession, ${f.profile} profile, run ${f.runId} against ${f.target} (engine: ${f.engine}, ${f.engineVersion})`,
    `  ${f.requests} PUTs at ${f.requestRate.toFixed(1)}/s: p50 ${f.p50.toFixed(1)} ms, p90 ${f.p90.toFixed(1)}, p95 ${f.p95.toFixed(1)}, p99 ${f.p99.toFixed(1)}, max ${f.max.toFixed(1)} ms`,
    `  slow (over ${f.nsApiSlowMs} ms): ${f.slowCount} (${(f.slowShare * 100).toFixed(2)} %), not answered 200 ${(f.errorRate * 100).toFixed(2)} %, checks ${(f.checksRate * 100).toFixed(2)} %, arrivals not sent ${f.notSent} of ${f.planned}`,
    ...f.thresholds.map((t) => `  ${t.ok ? 'pass' : 'FAIL'}  ${t.clause.padEnd(12)} ${t.metric} ${t.expression}`),
    `  ${f.passed ? 'all thresholds held' : 'THRESHOLDS FAILED'}`,
    '',
  ];
  return lines.join('\n');
}

/**
 * Writes the run's files to `<reportsDir>/load/<runId>/` and a fresh `<reportsDir>/load/latest/`;
 * returns the run folder. The old latest/ goes through removeOutputs(), so a REPORTS_DIR the
 * harness did not write is refused (ForeignReportsDir) and nothing in it is deleted.
 */
export function writeRunFiles(
  reportsDir: string,
  runId: string,
  file: SummaryFile,
  history: readonly RunFigures[],
  comparison?: Comparison,
): string {
  const contents = {
    'summary.json': `${JSON.stringify(file, null, 2)}\n`,
    'summary.html': renderHtml({
      figures: file.figures,
      checks: file.checks,
      history,
      observations: file.observations,
      ...(comparison ? { comparison } : {}),
    }),
    'junit.xml': renderJunit(file.figures, file.observations),
    ...(comparison ? { 'compare.json': `${JSON.stringify(comparison, null, 2)}\n` } : {}),
  };
  removeOutputs(reportsDir, [join('load', 'latest')]);
  const runDir = join(reportsDir, 'load', runId);
  for (const dir of [runDir, join(reportsDir, 'load', 'latest')]) {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  }
  return runDir;
}
