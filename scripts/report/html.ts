/**
 * reports/index.html: one self-contained page (inline CSS and SVG, no scripts, no network) that
 * answers "does this tenant honour the ChatSession API, and is PUT fast enough?".
 */
import type { LoadFigures } from './load-figures.ts';
import { notCoveredReason, type ClauseRow, type ObservedRow } from './matrix.ts';
import type { RunRecord, Verdict } from './write.ts';

const esc = (text: unknown) =>
  String(text).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : `${v.toFixed(v < 100 ? 1 : 0)} ms`);
const pct = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(2)} %`);

const css = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1b1f24}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.verdict{padding:16px 20px;border-radius:8px;font-size:20px;font-weight:600;margin:16px 0}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}.incomplete{background:#fff8c5;color:#7d4e00}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa}.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.b-passed{background:#dafbe1;color:#116329}.b-observed,.b-differs{background:#ddf4ff;color:#0a3069}.b-failed,.b-error{background:#ffebe9;color:#a40e26}.b-skipped,.b-not-run,.b-not-covered{background:#eaeef2;color:#57606a}
.muted{color:#57606a;font-size:13px}code{font-size:13px}details summary{cursor:pointer}ul.checks{margin:4px 0;padding-left:18px}`;

function badge(status: string): string {
  return `<span class="badge b-${esc(status)}">${esc(status)}</span>`;
}

function stagesTable(run: RunRecord): string {
  const rows = run.stages.map(
    (s) =>
      `<tr><td>${esc(s.title)}</td><td>${badge(s.status)}</td><td>${esc(s.detail)}${s.hint ? `<div class="muted">what to do: ${esc(s.hint)}</div>` : ''}</td><td>${s.seconds.toFixed(1)} s</td><td>${s.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(' · ')}</td></tr>`,
  );
  return `<table id="stages"><tr><th>Stage</th><th>Result</th><th>Detail</th><th>Time</th><th>Reports</th></tr>${rows.join('')}</table>`;
}

function matrixTable(rows: readonly ClauseRow[], run: RunRecord): string {
  const body = rows.map((r) => {
    const checks = r.checks.length
      ? `<details><summary>${r.checks.length} check${r.checks.length > 1 ? 's' : ''}</summary><ul class="checks">${r.checks.map((c) => `<li>${badge(c.judged ? c.status : 'not judged')} <b>${esc(c.stage)}</b> ${esc(c.name)}${c.judged ? '' : ' <span class="muted">(failed on another clause)</span>'}${c.message && c.judged ? `<div class="muted">${esc(c.message.split('\n')[0]!.slice(0, 300))}</div>` : ''}</li>`).join('')}</ul></details>`
      : `<span class="muted">${esc(notCoveredReason(r, run.stages))}</span>`;
    return `<tr data-clause="${esc(r.id)}" data-status="${esc(r.status)}"><td><code>${esc(r.id)}</code>${r.kind === 'documented' ? '' : ` <span class="muted">${r.kind === 'assumed' ? 'assumed' : 'partly assumed'}</span>`}</td><td>${esc(r.text.replace(/`/g, ''))}</td><td>${badge(r.status)}</td><td>${checks}</td></tr>`;
  });
  return `<table id="clauses"><tr><th>Clause</th><th>What the pages promise</th><th>Result</th><th>Checks</th></tr>${body.join('')}</table>`;
}

/** What this tenant does where the pages are silent, beside the reference tenant. */
function observedSection(rows: readonly ObservedRow[], run: RunRecord): string {
  if (!rows.length) return '<p class="muted">No check recorded an observation in this run.</p>';
  const mode =
    run.targetKind === 'live'
      ? run.options.strict
        ? 'Strict mode: an assumed behaviour that differs failed its check.'
        : 'An assumed behaviour that differs is reported here and does not fail the run (`--strict` makes it fail).'
      : 'The embedded tenant is the reference: an assumed behaviour that differs fails its check.';
  const body = rows.map(
    (o) =>
      `<tr data-observed="${esc(o.clause)}" data-agrees="${o.agrees}"><td><code>${esc(o.clause)}</code></td><td>${esc(o.what)}</td><td>${o.agrees ? esc(o.observed) : `<b>${esc(o.observed)}</b> ${badge('differs')}`}</td><td>${esc(o.reference)}</td><td class="muted">${esc(o.kind === 'assumed' ? "assumed: the reference tenant's default" : 'the pages allow either')}; ${o.checks.length} check${o.checks.length > 1 ? 's' : ''}</td></tr>`,
  );
  return `<p class="muted">${esc(mode)}</p><table id="observed"><tr><th>Clause</th><th>What</th><th>This tenant</th><th>Reference tenant</th><th>Kind</th></tr>${body.join('')}</table>`;
}

/** Horizontal bars of the PUT percentiles against the NsApiSlow line. */
function loadChart(f: LoadFigures): string {
  const bars: Array<[string, number]> = [
    ['p50', f.p50],
    ['p90', f.p90],
    ['p95', f.p95],
    ['p99', f.p99],
    ['max', f.max],
  ];
  const top = Math.max(f.thresholdMs * 1.15, ...bars.map(([, v]) => (Number.isNaN(v) ? 0 : v)));
  const width = 640;
  const x = (v: number) => 60 + (v / top) * (width - 80);
  const rows = bars.map(([label, v], i) => {
    const y = 10 + i * 26;
    const w = Number.isNaN(v) ? 0 : Math.max(1, x(v) - 60);
    const color = v > f.thresholdMs ? '#cf222e' : '#2da44e';
    return `<text x="50" y="${y + 14}" text-anchor="end" font-size="12">${label}</text><rect x="60" y="${y}" width="${w.toFixed(1)}" height="18" fill="${color}"/><text x="${(60 + w + 4).toFixed(1)}" y="${y + 14}" font-size="12">${esc(ms(v))}</text>`;
  });
  const tx = x(f.thresholdMs).toFixed(1);
  return `<svg id="load-chart" role="img" aria-label="PUT latency percentiles against the ${f.thresholdMs} ms NsApiSlow threshold" width="${width}" height="${bars.length * 26 + 34}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}<line x1="${tx}" y1="4" x2="${tx}" y2="${bars.length * 26 + 10}" stroke="#a40e26" stroke-dasharray="4 3" stroke-width="2"/><text x="${tx}" y="${bars.length * 26 + 26}" text-anchor="middle" font-size="12" fill="#a40e26">NsApiSlow ${f.thresholdMs} ms</text></svg>`;
}

function loadSection(f: LoadFigures | null, run: RunRecord): string {
  if (!f)
    return `<p class="muted">No load figures: the load stage ${run.stages.some((s) => s.id === 'load') ? 'wrote no summary' : 'was not run'}.</p>`;
  const table = `<table><tr><th>requests</th><th>rate</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th><th>slow calls (&gt; ${f.thresholdMs} ms)</th><th>errors</th></tr><tr><td>${f.requests}</td><td>${f.ratePerSecond === null ? '–' : `${f.ratePerSecond.toFixed(1)}/s`}</td><td>${ms(f.p50)}</td><td>${ms(f.p90)}</td><td>${ms(f.p95)}</td><td>${ms(f.p99)}</td><td>${ms(f.max)}</td><td>${f.slowCount ?? '–'} (${pct(f.slowShare)})</td><td>${pct(f.errorRate)}</td></tr></table>`;
  return `${table}<p>${loadChart(f)}</p><p class="muted">Profile ${esc(run.options.profile)}, engine ${esc(f.engine ?? 'not recorded')}. Full load summary and trend: <a href="load/latest/summary.html">load/latest/summary.html</a>.</p>`;
}

export function renderHtml(
  run: RunRecord,
  verdict: Verdict,
  matrix: readonly ClauseRow[],
  observed: readonly ObservedRow[],
  load: LoadFigures | null,
  versions: Record<string, string>,
): string {
  const counts = (s: ClauseRow['status']) => matrix.filter((r) => r.status === s).length;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>ChatSession API verification — ${esc(verdict.word)}</title><style>${css}</style></head><body>
<h1>ChatSession API verification</h1>
<div class="muted">Tenant: <b>${esc(run.target)}</b> · started ${esc(run.startedAt)} · finished ${esc(run.finishedAt)}${run.options.deviation ? ` · embedded tenant deviation mode <code>${esc(run.options.deviation)}</code>` : ''}</div>
<div id="verdict" class="verdict ${verdict.css}" data-verdict="${esc(verdict.word)}">${esc(verdict.line)}</div>
${run.safety ? `<p id="safety">${esc(run.safety)}</p>` : ''}
${run.complete ? '' : '<p id="incomplete"><b>This report is incomplete:</b> not every stage ran to the end, so it cannot say the tenant passed.</p>'}
<h2>Stages</h2>${stagesTable(run)}
<h2>Clauses</h2><p class="muted">${matrix.length} clauses from reference/CLAUSES.md: ${counts('passed')} passed, ${counts('observed')} observed, ${counts('failed')} failed, ${counts('skipped')} only skipped, ${counts('not-covered')} not covered in this run. "assumed": the pages are silent and the check holds the tenant to the reference tenant's default; "observed": a live tenant does that differently (see below).</p>
${matrixTable(matrix, run)}
<h2>Observed behaviour</h2>${observedSection(observed, run)}
<h2>Load: PUT /api/v1/ChatSession/{id} against NsApiSlow</h2>${loadSection(load, run)}
<h2>Versions</h2><p class="muted">${Object.entries(versions)
    .map(([k, v]) => `${esc(k)} ${esc(v)}`)
    .join(' · ')}</p>
<p class="muted">Also written: <a href="summary.md">summary.md</a> · <a href="junit.xml">junit.xml</a> · <a href="run.json">run.json</a>. No credentials are written to any report.</p>
</body></html>
`;
}
