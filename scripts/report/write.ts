/**
 * Writes the main report from a run record: run.json (data), index.html (people), summary.md (a CI
 * job summary) and junit.xml (all stages merged). Each file is written whole (temp + rename), and
 * every text passes through the redactor, so a report is never half-written or leaky.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../../lib/redact.ts';
import { mergeJUnit } from '../../lib/junit-checks.ts';
import type { StageResult } from '../run/stages.ts';
import { renderHtml } from './html.ts';
import { readLoadFigures } from './load-figures.ts';
import {
  clauseMatrix,
  notCoveredReason,
  notRunChecks,
  observedBehaviour,
  type ClauseRow,
  type ObservedRow,
} from './matrix.ts';
import { toolVersions } from './versions.ts';

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  /** False while running, when interrupted, or when a stage could not run. */
  complete: boolean;
  exitCode: number | undefined;
  target: string;
  targetKind: 'embedded' | 'live';
  /** `strict`: assumed behaviour fails a live run too (STRICT, `--strict`); absent in older records. */
  options: { stages: string[]; profile: string; deviation: string | null; strict?: boolean };
  nsApiSlowMs: number;
  stages: StageResult[];
  /** Live runs: what the restore journal put right on exit (null: embedded tenant). */
  safety?: string | null;
}

export interface Verdict {
  word: 'PASSED' | 'FAILED' | 'INCOMPLETE';
  css: 'pass' | 'fail' | 'incomplete';
  line: string;
}

const checksNotRun = (n: number) => `${n} check${n > 1 ? 's' : ''} not run`;

/**
 * The run in one line. A check that was not run never fails a clause: with nothing else wrong the
 * run PASSED, and the line says how many checks were not run so nobody reads it as all of them.
 */
export function verdictOf(run: RunRecord, matrix: readonly ClauseRow[]): Verdict {
  const failedClauses = matrix.filter((r) => r.status === 'failed').map((r) => r.id);
  const broken = run.stages.filter((s) => s.status === 'error' || s.status === 'not-run');
  const failedStages = run.stages.filter((s) => s.status === 'failed');
  if (run.safety?.includes('NOT restored'))
    return {
      word: 'INCOMPLETE',
      css: 'incomplete',
      line: `INCOMPLETE — the live tenant was not left as found: ${run.safety}`,
    };
  if (!run.complete || broken.length) {
    const why = broken[0] ? `${broken[0].title}: ${broken[0].detail}` : 'the run has not finished';
    const also = failedClauses.length ? `; failed so far: ${failedClauses.join(', ')}` : '';
    return { word: 'INCOMPLETE', css: 'incomplete', line: `INCOMPLETE — ${why}${also}` };
  }
  if (failedClauses.length || failedStages.length) {
    const which = failedClauses.length
      ? `${failedClauses.length} clause${failedClauses.length > 1 ? 's' : ''} failed: ${failedClauses.join(', ')}`
      : `failed stage(s): ${failedStages.map((s) => s.title).join(', ')}`;
    return { word: 'FAILED', css: 'fail', line: `FAILED — ${which}` };
  }
  const covered = matrix.filter((r) => r.status === 'passed').length;
  const observed = matrix.filter((r) => r.status === 'observed').length;
  const notCovered = matrix.length - covered - observed;
  const differ = observed
    ? `; ${observed} clause${observed > 1 ? 's' : ''} where this tenant's assumed behaviour differs` +
      ' from the reference tenant (see Observed behaviour)'
    : '';
  const checked = `${covered + observed} of ${matrix.length} clauses checked and honoured`;
  const skipped = notRunChecks(run).length;
  const notRun = skipped ? `; ${checksNotRun(skipped)} (see Not run)` : '';
  return {
    word: 'PASSED',
    css: 'pass',
    line: `PASSED — ${checked}; ${notCovered} not covered in this run${differ}${notRun}`,
  };
}

function markdown(
  run: RunRecord,
  verdict: Verdict,
  matrix: readonly ClauseRow[],
  observed: readonly ObservedRow[],
): string {
  const icons: Record<string, string> = {
    passed: '✅',
    failed: '❌',
    error: '⛔',
    skipped: '⏭️',
    'not-run': '⏭️',
    'not-covered': '➖',
  };
  const icon = (s: string) => icons[s] ?? s;
  const deviation = run.options.deviation ? ` · deviation mode \`${run.options.deviation}\`` : '';
  const lines = [
    `## ChatSession API verification: ${verdict.word}`,
    '',
    `**${verdict.line}**`,
    '',
    `Tenant: ${run.target} · ${run.startedAt}${deviation}`,
    ...(run.safety ? ['', run.safety] : []),
    '',
    '| Stage | Result | Detail |',
    '|---|---|---|',
    ...run.stages.map((s) => `| ${s.title} | ${icon(s.status)} ${s.status} | ${s.detail.replace(/\|/g, '\\|')} |`),
    '',
  ];
  const failed = matrix.filter((r) => r.status === 'failed');
  if (failed.length) {
    lines.push('### Failed clauses', '');
    for (const r of failed)
      lines.push(
        `- \`${r.id}\` ${r.text.replace(/`/g, '')}: ${r.checks
          .filter((c) => c.status === 'failed')
          .map((c) => c.name)
          .slice(0, 3)
          .join('; ')}`,
      );
    lines.push('');
  }
  if (observed.length) {
    const differing = observed.filter((o) => !o.agrees);
    lines.push(
      '### Observed behaviour',
      '',
      'What this tenant does where the pages are silent: ' +
        `${differing.length} of ${observed.length} behaviours differ from the reference tenant.`,
      '',
      '| Clause | What | This tenant | Reference tenant |',
      '|---|---|---|---|',
      ...observed.map((o) => {
        const bold = o.agrees ? '' : '**';
        return `| \`${o.clause}\` | ${cell(o.what)} | ${bold}${cell(o.observed)}${bold} | ${cell(o.reference)} |`;
      }),
      '',
    );
  }
  const notRun = notRunChecks(run);
  if (notRun.length) {
    lines.push('### Not run', '', `${checksNotRun(notRun.length)}, so neither passed nor failed; each says why.`, '');
    for (const c of notRun) lines.push(`- ${c.stage}: ${cell(c.name)}: ${cell(c.reason ?? 'no reason given')}`);
    lines.push('');
  }
  const uncovered = matrix.filter((r) => r.status === 'not-covered' || r.status === 'skipped');
  if (uncovered.length) {
    lines.push('### Not covered in this run', '');
    for (const r of uncovered) {
      const why = r.status === 'skipped' ? 'its checks were not run (see Not run)' : notCoveredReason(r, run.stages);
      lines.push(`- \`${r.id}\`: ${why}`);
    }
    lines.push('');
  }
  const notRunNote = notRun.length ? `; ${checksNotRun(notRun.length)}` : '';
  const count = (status: ClauseRow['status']) => matrix.filter((r) => r.status === status).length;
  lines.push(
    `Clauses: ${count('passed')} passed, ${count('observed')} observed, ${failed.length} failed, ` +
      `${uncovered.length} not covered${notRunNote}. Full report: reports/index.html`,
    '',
  );
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function writeWhole(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function writeReport(
  reportsDir: string,
  run: RunRecord,
  redact: Redactor,
): { html: string; markdown: string; junit: string; verdictLine: string } {
  mkdirSync(reportsDir, { recursive: true });
  const matrix = clauseMatrix(run.stages);
  const observed = observedBehaviour(run.stages);
  const verdict = verdictOf(run, matrix);
  const load = readLoadFigures(reportsDir, run.nsApiSlowMs);
  const paths = {
    html: join(reportsDir, 'index.html'),
    markdown: join(reportsDir, 'summary.md'),
    junit: join(reportsDir, 'junit.xml'),
  };
  writeWhole(
    join(reportsDir, 'run.json'),
    redact(
      JSON.stringify(
        {
          ...run,
          verdict,
          clauses: matrix.map(({ checks, ...r }) => ({
            ...r,
            checks: checks.map((c) => `${c.stage}: ${c.name} [${c.judged ? c.status : 'failed on another clause'}]`),
          })),
          observed,
          load,
        },
        null,
        2,
      ),
    ),
  );
  writeWhole(paths.html, redact(renderHtml(run, verdict, matrix, observed, load, toolVersions())));
  writeWhole(paths.markdown, redact(markdown(run, verdict, matrix, observed)));
  writeWhole(
    paths.junit,
    redact(
      mergeJUnit(
        run.stages.map((s) => ({
          name: s.id,
          checks: s.checks,
          ...(s.status === 'error' || s.status === 'not-run' ? { error: s.detail } : {}),
        })),
      ),
    ),
  );
  return { ...paths, verdictLine: verdict.line };
}
