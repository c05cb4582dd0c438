/**
 * What handleSummary returns: summary.json, summary.html and junit.xml under the run's folder and
 * reports/load/latest/, plus a short text summary on stdout. Pure (k6 writes the files), so the
 * runner can re-render the HTML after a comparison with the same code.
 */
import { figuresFromSummary, type K6SummaryData, type RunFigures } from './figures.ts';
import { renderHtml, type CheckResult } from './html.ts';
import { renderJunit } from './junit.ts';
import type { LoadSettings } from './settings.ts';

interface Group {
  checks?: Array<{ name: string; passes: number; fails: number }>;
  groups?: Group[];
}
export type SummaryData = K6SummaryData & { root_group?: Group; setup_data?: unknown };

/** What summary.json holds. */
export interface SummaryFile {
  figures: RunFigures;
  checks: CheckResult[];
  /** k6's own end-of-test data, without setup data (session snapshots). */
  k6: Omit<SummaryData, 'setup_data'>;
}

export function checksOf(group: Group | undefined): CheckResult[] {
  if (!group) return [];
  return [
    ...(group.checks ?? []).map(({ name, passes, fails }) => ({ name, passes, fails })),
    ...(group.groups ?? []).flatMap(checksOf),
  ];
}

export function textSummary(f: RunFigures): string {
  const lines = [
    '',
    `PUT ChatSession, ${f.profile} profile, run ${f.runId} against ${f.target}`,
    `  ${f.requests} PUTs at ${f.requestRate.toFixed(1)}/s: p50 ${f.p50.toFixed(1)} ms, p90 ${f.p90.toFixed(1)}, p95 ${f.p95.toFixed(1)}, p99 ${f.p99.toFixed(1)}, max ${f.max.toFixed(1)} ms`,
    `  slow (over ${f.nsApiSlowMs} ms): ${f.slowCount} (${(f.slowShare * 100).toFixed(2)} %), failed requests ${(f.errorRate * 100).toFixed(2)} %, checks ${(f.checksRate * 100).toFixed(2)} %`,
    ...f.thresholds.map((t) => `  ${t.ok ? 'pass' : 'FAIL'}  ${t.clause.padEnd(21)} ${t.metric} ${t.expression}`),
    `  ${f.passed ? 'all thresholds held' : 'THRESHOLDS FAILED'}`,
    '',
  ];
  return lines.join('\n');
}

export function summaryFiles(
  data: SummaryData,
  settings: LoadSettings,
  history: readonly RunFigures[],
): Record<string, string> {
  const figures = figuresFromSummary(data, {
    runId: settings.meta.runId,
    time: settings.meta.startedAt || new Date(Date.now() - data.state.testRunDurationMs).toISOString(),
    profile: settings.profile,
    target: settings.meta.targetHost,
    k6Version: settings.meta.k6Version,
    gitRevision: settings.meta.gitRevision,
    nsApiSlowMs: settings.slowMs,
  });
  const checks = checksOf(data.root_group);
  const { setup_data: _setup, ...k6 } = data;
  const file: SummaryFile = { figures, checks, k6 };
  const out: Record<string, string> = { stdout: textSummary(figures) };
  const contents = {
    'summary.json': `${JSON.stringify(file, null, 2)}\n`,
    'summary.html': renderHtml({ figures, checks, history }),
    'junit.xml': renderJunit(figures),
  };
  for (const dir of [settings.reportDir, settings.latestDir]) {
    if (!dir) continue;
    for (const [name, text] of Object.entries(contents)) out[`${dir}/${name}`] = text;
  }
  return out;
}
