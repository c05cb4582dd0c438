/**
 * summary.html: one self-contained page a person reads after a load run: the verdict in a
 * sentence, the figures, every threshold with pass/fail, the checks, the percentile chart against
 * the NsApiSlow line, the history trend and (with --compare) the baseline comparison.
 */
import { percentileChart, trendChart } from './charts.ts';
import type { Comparison } from './compare.ts';
import type { CheckResult, RunFigures } from './figures.ts';
import { xmlEscape as esc } from './junit.ts';

export type { CheckResult } from './figures.ts';

export interface HtmlInput {
  figures: RunFigures;
  checks: readonly CheckResult[];
  /** Earlier runs, oldest first (this run is added at the end of the trend). */
  history: readonly RunFigures[];
  comparison?: Comparison;
  /** What the tenant did that the pages allow but the reference tenant does not (not failures). */
  observations?: readonly string[];
}

const css = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:760px;color:#1f2328;padding:0 1rem}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
.meta{color:#57606a;font-size:.9rem}.verdict{padding:.8rem 1rem;border-radius:6px;font-weight:600}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eaeef2}
td.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#116329;font-weight:600}.ko{color:#a40e26;font-weight:600}
svg{max-width:100%;height:auto;display:block;margin:.5rem 0}.grid{stroke:#eaeef2}.tick{font-size:11px;fill:#57606a}
.value{font-size:11px;fill:#1f2328}.bar{fill:#54aeff}.bar.bad{fill:#ff8182}.slowline{stroke:#cf222e;stroke-width:2;stroke-dasharray:6 4}
.slowlabel{font-size:11px;fill:#cf222e;font-weight:600}.trend{fill:none;stroke:#0969da;stroke-width:2}.dot{fill:#0969da}.dot.bad{fill:#cf222e}`;

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

function verdict(f: RunFigures): string {
  const failed = f.thresholds.filter((t) => !t.ok);
  const slow =
    f.slowCount === 0
      ? `All ${f.requests} PUTs answered under the ${f.nsApiSlowMs} ms NsApiSlow line.`
      : `${f.slowCount} of ${f.requests} PUTs (${pct(f.slowShare)}) were slower than the ${f.nsApiSlowMs} ms NsApiSlow line.`;
  const head =
    failed.length === 0
      ? 'PASSED: every threshold held.'
      : `FAILED: ${failed.length} of ${f.thresholds.length} thresholds broken (${failed.map((t) => `${t.metric} ${t.expression}`).join(', ')}).`;
  return `<p class="verdict ${failed.length === 0 ? 'pass' : 'fail'}">${esc(head)} ${esc(slow)}</p>`;
}

function figuresTable(f: RunFigures): string {
  const rows: Array<[string, string]> = [
    ['PUTs measured', String(f.requests)],
    ['arrivals planned / not sent (in-flight cap)', `${f.planned} / ${f.notSent}`],
    ['request rate', `${f.requestRate.toFixed(2)} /s over ${f.durationSeconds.toFixed(1)} s`],
    ['median (p50)', ms(f.p50)],
    ['p90', ms(f.p90)],
    ['p95', ms(f.p95)],
    ['p99', ms(f.p99)],
    ['max', ms(f.max)],
    [`slow calls (over ${f.nsApiSlowMs} ms)`, `${f.slowCount} (${pct(f.slowShare)})`],
    ['PUTs not answered 200', pct(f.errorRate)],
    ['checks passed', pct(f.checksRate)],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`).join('')}</table>`;
}

function thresholdsTable(f: RunFigures): string {
  const fmt = (t: RunFigures['thresholds'][number]) =>
    t.metric.startsWith('put_duration')
      ? ms(t.observed)
      : t.expression.startsWith('count')
        ? String(t.observed)
        : pct(t.observed);
  const rows = f.thresholds.map(
    (t) =>
      `<tr><td>${esc(t.clause)}</td><td><code>${esc(t.metric)} ${esc(t.expression)}</code></td><td class="num">${esc(fmt(t))}</td><td class="${t.ok ? 'ok' : 'ko'}">${t.ok ? 'pass' : 'FAIL'}</td></tr>`,
  );
  return `<table><tr><th>clause</th><th>threshold</th><th>observed</th><th>result</th></tr>${rows.join('')}</table>`;
}

function checksTable(checks: readonly CheckResult[]): string {
  if (checks.length === 0) return '<p>No checks ran.</p>';
  const rows = checks.map(
    (c) =>
      `<tr><td>${esc(c.name)}</td><td class="num">${c.passes}</td><td class="num">${c.fails}</td><td class="${c.fails === 0 ? 'ok' : 'ko'}">${c.fails === 0 ? 'pass' : 'FAIL'}</td></tr>`,
  );
  return `<table><tr><th>check</th><th>passed</th><th>failed</th><th>result</th></tr>${rows.join('')}</table>`;
}

function comparisonSection(c: Comparison | undefined): string {
  if (!c) return '<p>Not compared with a baseline in this run (<code>npm run load -- --compare</code>).</p>';
  const head = `<p class="verdict ${c.regressed ? 'fail' : 'pass'}">${c.regressed ? 'REGRESSED against the baseline' : 'No regression against the baseline'} (${c.baselineRuns} baseline run(s)).</p>`;
  const rows = c.verdicts.map(
    (v) =>
      `<tr><td>${esc(v.metric)}</td><td>${esc(v.detail)}</td><td class="${v.regressed ? 'ko' : 'ok'}">${v.regressed ? 'REGRESSED' : 'ok'}</td></tr>`,
  );
  const notes = c.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  return `${head}<table>${rows.join('')}</table>${notes ? `<ul>${notes}</ul>` : ''}`;
}

function observationsSection(observations: readonly string[] | undefined): string {
  if (!observations?.length) return '<p>None: the answers carried only what the pages document.</p>';
  return `<ul>${observations.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>`;
}

export function renderHtml({ figures: f, checks, history, comparison, observations }: HtmlInput): string {
  const trend = [...history.filter((h) => h.runId !== f.runId).slice(-29), f];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PUT ChatSession load: ${esc(f.profile)} ${esc(f.runId)}</title><style>${css}</style></head>
<body>
<h1>PUT /api/v1/ChatSession/{id} under load: ${esc(f.profile)} profile</h1>
<p class="meta">run ${esc(f.runId)} · ${esc(f.time)} · target ${esc(f.target)} · engine ${esc(f.engine)} (${esc(f.engineVersion)}) · git ${esc(f.gitRevision)}</p>
${verdict(f)}
<h2>Latency against the NsApiSlow line (PUT-SLOW)</h2>
<p>PUT duration percentiles, log scale; the dashed red line is the ${f.nsApiSlowMs} ms threshold above which a call is an NsApiSlow call.</p>
${percentileChart(f)}
<h2>Figures</h2>
${figuresTable(f)}
<h2>Thresholds</h2>
${thresholdsTable(f)}
<h2>Checks</h2>
${checksTable(checks)}
<h2>Observations (allowed by the pages, not failures)</h2>
${observationsSection(observations)}
<h2>Compared with the baseline</h2>
${comparisonSection(comparison)}
<h2>Trend (last ${trend.length} run(s), this one on the right)</h2>
${trendChart(trend, f.nsApiSlowMs)}
<p class="meta">Written by the load runner (load/report/). Figures: reports/load/history.jsonl. Machine-readable: summary.json, junit.xml beside this file.</p>
</body></html>
`;
}
