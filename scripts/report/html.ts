/**
 * reports/index.html: one self-contained page (inline CSS and SVG, no scripts, no network) that
 * answers "does this tenant honour the ChatSession API, and is PUT fast enough?".
 */
import { escapeXml } from '../../lib/escape.ts';
import type { LoadFigures } from './load-figures.ts';
import { notCoveredReason, notRunChecks, type ClauseCheck, type ClauseRow, type ObservedRow } from './matrix.ts';
import type { RunRecord, Verdict } from './write.ts';

const esc = (text: unknown) => escapeXml(String(text));
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : `${v.toFixed(v < 100 ? 1 : 0)} ms`);
const pct = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(2)} %`);

const css = [
  'body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1b1f24}',
  'h1{font-size:22px;margin:0 0 4px}' +
    'h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}',
  '.verdict{padding:16px 20px;border-radius:8px;font-size:20px;font-weight:600;margin:16px 0}',
  '.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}' +
    '.incomplete{background:#fff8c5;color:#7d4e00}',
  'table{border-collapse:collapse;width:100%;font-size:14px}' +
    'th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}',
  'th{background:#f6f8fa}' +
    '.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}',
  '.b-passed{background:#dafbe1;color:#116329}' +
    '.b-observed,.b-differs{background:#ddf4ff;color:#0a3069}' +
    '.b-failed,.b-error{background:#ffebe9;color:#a40e26}' +
    '.b-skipped,.b-not-run,.b-not-covered{background:#eaeef2;color:#57606a}',
  '.muted{color:#57606a;font-size:13px}code{font-size:13px}details summary{cursor:pointer}.nowrap{white-space:nowrap}' +
    'ul.checks{margin:4px 0;padding-left:18px}',
].join('\n');

/** A skipped check or clause reads "not run": it neither passed nor failed. */
function badge(status: string): string {
  return `<span class="badge b-${esc(status)}">${esc(status === 'skipped' ? 'not run' : status)}</span>`;
}

/** One `<td>` per argument, around markup that is already escaped. */
const cells = (...html: string[]) => html.map((h) => `<td>${h}</td>`).join('');
/** A table's heading row, one `<th>` per name. */
const headings = (...names: string[]) => `<tr>${names.map((n) => `<th>${n}</th>`).join('')}</tr>`;
const nChecks = (n: number) => `${n} check${n > 1 ? 's' : ''}`;

/** The checks that were not run, each with why (the JUnit's skipped message or skip annotation). */
function notRunSection(run: RunRecord): string {
  const rows = notRunChecks(run);
  if (!rows.length) return '';
  const body = rows.map(
    (c) =>
      `<tr data-not-run="${esc(c.name)}">${cells(esc(c.stage), esc(c.name), esc(c.reason ?? 'no reason given'))}</tr>`,
  );
  const head = `${nChecks(rows.length)} not run: neither passed nor failed.`;
  const table = `${headings('Stage', 'Check', 'Why not')}${body.join('')}`;
  return `<h2>Not run</h2><p class="muted">${head}</p><table id="not-run">${table}</table>`;
}

function stagesTable(run: RunRecord): string {
  const rows = run.stages.map((s) => {
    const hint = s.hint ? `<div class="muted">what to do: ${esc(s.hint)}</div>` : '';
    const time = `<span class="nowrap">${s.seconds.toFixed(1)} s</span>`;
    const links = s.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join(' · ');
    return `<tr>${cells(esc(s.title), badge(s.status), esc(s.detail) + hint, time, links)}</tr>`;
  });
  return `<table id="stages">${headings('Stage', 'Result', 'Detail', 'Time', 'Reports')}${rows.join('')}</table>`;
}

/** One check of a clause: its result, stage and name, and the first line of its message. */
function checkItem(c: ClauseCheck): string {
  const note = c.judged ? '' : ' <span class="muted">(failed on another clause)</span>';
  const message =
    c.message && c.judged ? `<div class="muted">${esc(c.message.split('\n')[0]!.slice(0, 300))}</div>` : '';
  return `<li>${badge(c.judged ? c.status : 'not judged')} <b>${esc(c.stage)}</b> ${esc(c.name)}${note}${message}</li>`;
}

function matrixTable(rows: readonly ClauseRow[], run: RunRecord): string {
  const body = rows.map((r) => {
    const checks = r.checks.length
      ? `<details><summary class="nowrap">${nChecks(r.checks.length)}</summary>` +
        `<ul class="checks">${r.checks.map(checkItem).join('')}</ul></details>`
      : '';
    const why = r.status === 'not-covered' ? `<span class="muted">${esc(notCoveredReason(r, run.stages))}</span>` : '';
    const kind = r.kind === 'assumed' ? 'assumed' : 'partly assumed';
    const id = `<code>${esc(r.id)}</code>${r.kind === 'documented' ? '' : ` <span class="muted">${kind}</span>`}`;
    const text = esc(r.text.replace(/`/g, ''));
    const attrs = `data-clause="${esc(r.id)}" data-status="${esc(r.status)}"`;
    return `<tr ${attrs}>${cells(id, text, badge(r.status), why + checks)}</tr>`;
  });
  const head = headings('Clause', 'What the pages promise', 'Result', 'Checks');
  return `<table id="clauses">${head}${body.join('')}</table>`;
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
  const body = rows.map((o) => {
    const seen = o.agrees ? esc(o.observed) : `<b>${esc(o.observed)}</b> ${badge('differs')}`;
    const kind = o.kind === 'assumed' ? "assumed: the reference tenant's default" : 'the pages allow either';
    const attrs = `data-observed="${esc(o.clause)}" data-agrees="${o.agrees}"`;
    const values = cells(`<code>${esc(o.clause)}</code>`, esc(o.what), seen, esc(o.reference));
    return `<tr ${attrs}>${values}<td class="muted">${esc(kind)}; ${nChecks(o.checks.length)}</td></tr>`;
  });
  const head = headings('Clause', 'What', 'This tenant', 'Reference tenant', 'Kind');
  return `<p class="muted">${esc(mode)}</p><table id="observed">${head}${body.join('')}</table>`;
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
    const name = `<text x="50" y="${y + 14}" text-anchor="end" font-size="12">${label}</text>`;
    const bar = `<rect x="60" y="${y}" width="${w.toFixed(1)}" height="18" fill="${color}"/>`;
    const value = `<text x="${(60 + w + 4).toFixed(1)}" y="${y + 14}" font-size="12">${esc(ms(v))}</text>`;
    return name + bar + value;
  });
  const tx = x(f.thresholdMs).toFixed(1);
  const h = bars.length * 26;
  const aria = `PUT latency percentiles against the ${f.thresholdMs} ms NsApiSlow threshold`;
  const open = `<svg id="load-chart" role="img" aria-label="${aria}" width="${width}" height="${h + 34}"`;
  const stroke = 'stroke="#a40e26" stroke-dasharray="4 3" stroke-width="2"';
  const line = `<line x1="${tx}" y1="4" x2="${tx}" y2="${h + 10}" ${stroke}/>`;
  const caption =
    `<text x="${tx}" y="${h + 26}" text-anchor="middle" font-size="12" fill="#a40e26">` +
    `NsApiSlow ${f.thresholdMs} ms</text>`;
  return `${open} xmlns="http://www.w3.org/2000/svg">${rows.join('')}${line}${caption}</svg>`;
}

function loadSection(f: LoadFigures | null, run: RunRecord): string {
  if (!f) {
    const why = run.stages.some((s) => s.id === 'load') ? 'wrote no summary' : 'was not run';
    return `<p class="muted">No load figures: the load stage ${why}.</p>`;
  }
  const slowHead = `slow calls (&gt; ${f.thresholdMs} ms)`;
  const head = headings('requests', 'rate', 'p50', 'p90', 'p95', 'p99', 'max', slowHead, 'errors');
  const rate = f.ratePerSecond === null ? '–' : `${f.ratePerSecond.toFixed(1)}/s`;
  const slow = `${f.slowCount ?? '–'} (${pct(f.slowShare)})`;
  const percentiles = [f.p50, f.p90, f.p95, f.p99, f.max].map(ms);
  const values = cells(`${f.requests}`, rate, ...percentiles, slow, pct(f.errorRate));
  const summary = '<a href="load/latest/summary.html">load/latest/summary.html</a>';
  const engine = esc(f.engine ?? 'not recorded');
  const note = `Profile ${esc(run.options.profile)}, engine ${engine}. Full load summary and trend: ${summary}.`;
  return `<table>${head}<tr>${values}</tr></table><p>${loadChart(f)}</p><p class="muted">${note}</p>`;
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
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>ChatSession API verification — ${esc(verdict.word)}</title><style>${css}</style></head><body>`;
  const deviation = run.options.deviation
    ? ` · embedded tenant deviation mode <code>${esc(run.options.deviation)}</code>`
    : '';
  const when = `started ${esc(run.startedAt)} · finished ${esc(run.finishedAt)}`;
  const incomplete =
    '<p id="incomplete"><b>This report is incomplete:</b> ' +
    'not every stage ran to the end, so it cannot say the tenant passed.</p>';
  const tally =
    `${matrix.length} clauses from reference/CLAUSES.md: ${counts('passed')} passed, ${counts('observed')} observed, ` +
    `${counts('failed')} failed, ${counts('skipped')} not run, ${counts('not-covered')} not covered in this run.`;
  const legend =
    `"assumed": the pages are silent and the check holds the tenant to the reference tenant's default; ` +
    '"observed": a live tenant does that differently (see below).';
  const versionList = Object.entries(versions)
    .map(([k, v]) => `${esc(k)} ${esc(v)}`)
    .join(' · ');
  const also =
    'Also written: <a href="summary.md">summary.md</a> · <a href="junit.xml">junit.xml</a> · ' +
    '<a href="run.json">run.json</a>. No credentials are written to any report.';
  return [
    head,
    '<h1>ChatSession API verification</h1>',
    `<div class="muted">Tenant: <b>${esc(run.target)}</b> · ${when}${deviation}</div>`,
    `<div id="verdict" class="verdict ${verdict.css}" data-verdict="${esc(verdict.word)}">${esc(verdict.line)}</div>`,
    run.safety ? `<p id="safety">${esc(run.safety)}</p>` : '',
    run.complete ? '' : incomplete,
    `<h2>Stages</h2>${stagesTable(run)}`,
    `<h2>Clauses</h2><p class="muted">${tally} ${legend}</p>`,
    matrixTable(matrix, run),
    notRunSection(run),
    `<h2>Observed behaviour</h2>${observedSection(observed, run)}`,
    `<h2>Load: PUT /api/v1/ChatSession/{id} against NsApiSlow</h2>${loadSection(load, run)}`,
    `<h2>Versions</h2><p class="muted">${versionList}</p>`,
    `<p class="muted">${also}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}
