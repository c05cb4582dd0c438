/**
 * Inline SVG charts for summary.html: the run's PUT latency percentiles against the NsApiSlow line,
 * and the history's p95 and slow-call share. Log scale for latency, so 3 ms and 5000 ms fit on one
 * axis. No scripts, no external assets: the file opens anywhere, offline.
 */
import type { RunFigures } from './figures.ts';
import { xmlEscape as esc } from './junit.ts';

const W = 680;
const PAD = { left: 64, right: 16, top: 16, bottom: 40 };

function logScale(min: number, max: number, top: number, bottom: number): (v: number) => number {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  return (v) => bottom - ((Math.log10(Math.max(v, min)) - lo) / (hi - lo)) * (bottom - top);
}

function decades(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); 10 ** e <= max; e++) if (10 ** e >= min) ticks.push(10 ** e);
  return ticks;
}

const msLabel = (v: number) => (v >= 1000 ? `${v / 1000} s` : `${v} ms`);

function latencyAxis(y: (v: number) => number, min: number, max: number, slowMs: number, width: number): string {
  const grid = decades(min, max)
    .map(
      (t) =>
        `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${y(t)}" y2="${y(t)}" class="grid"/><text x="${PAD.left - 6}" y="${y(t) + 4}" class="tick" text-anchor="end">${msLabel(t)}</text>`,
    )
    .join('');
  const line = `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${y(slowMs)}" y2="${y(slowMs)}" class="slowline"/><text x="${width - PAD.right}" y="${y(slowMs) - 5}" class="slowlabel" text-anchor="end">NsApiSlow ${slowMs} ms</text>`;
  return grid + line;
}

/** Bars for p50, p90, p95, p99 and max of PUT duration, with the NsApiSlow line. */
export function percentileChart(f: RunFigures): string {
  const H = 260;
  const bars: Array<[string, number]> = [
    ['p50', f.p50],
    ['p90', f.p90],
    ['p95', f.p95],
    ['p99', f.p99],
    ['max', f.max],
  ];
  const min = Math.min(1, ...bars.map(([, v]) => (v > 0 ? v : 1))) >= 1 ? 1 : 0.1;
  const max = Math.max(f.nsApiSlowMs * 2, ...bars.map(([, v]) => v * 1.5));
  const y = logScale(min, max, PAD.top, H - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / bars.length;
  const rects = bars
    .map(([name, v], i) => {
      const x = PAD.left + i * slot + slot * 0.2;
      const top = y(v);
      const cls = v > f.nsApiSlowMs ? 'bar bad' : 'bar';
      return `<rect x="${x}" y="${top}" width="${slot * 0.6}" height="${Math.max(0, H - PAD.bottom - top)}" class="${cls}"><title>${name}: ${v.toFixed(1)} ms</title></rect><text x="${x + slot * 0.3}" y="${top - 4}" class="value" text-anchor="middle">${v.toFixed(v < 10 ? 2 : 0)} ms</text><text x="${x + slot * 0.3}" y="${H - PAD.bottom + 16}" class="tick" text-anchor="middle">${name}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="PUT duration percentiles against the ${f.nsApiSlowMs} ms NsApiSlow line">${latencyAxis(y, min, max, f.nsApiSlowMs, W)}${rects}</svg>`;
}

/** p95 per run (log scale, with the NsApiSlow line) and slow-call share per run, oldest left. */
export function trendChart(runs: readonly RunFigures[], slowMs: number): string {
  if (runs.length === 0) return '<p>No history yet.</p>';
  const H = 220;
  const n = runs.length;
  const xs = (i: number) =>
    PAD.left + (n === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const min = Math.min(1, ...runs.map((r) => (r.p95 > 0 ? r.p95 : 1))) >= 1 ? 1 : 0.1;
  const max = Math.max(slowMs * 2, ...runs.map((r) => r.p95 * 1.5));
  const y = logScale(min, max, PAD.top, H - PAD.bottom);
  const path = runs.map((r, i) => `${i === 0 ? 'M' : 'L'}${xs(i).toFixed(1)},${y(r.p95).toFixed(1)}`).join(' ');
  const dots = runs
    .map(
      (r, i) =>
        `<circle cx="${xs(i)}" cy="${y(r.p95)}" r="4" class="${r.passed ? 'dot' : 'dot bad'}"><title>${esc(r.runId)} (${esc(r.profile)}): p95 ${r.p95.toFixed(1)} ms, ${r.passed ? 'passed' : 'failed'}</title></circle>`,
    )
    .join('');
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const labels = runs
    .map((r, i) =>
      i % labelEvery === 0 || i === n - 1
        ? `<text x="${xs(i)}" y="${H - PAD.bottom + 16}" class="tick" text-anchor="${n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}">${esc(r.time.slice(5, 16).replace('T', ' '))}</text>`
        : '',
    )
    .join('');
  const p95Svg = `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="p95 of PUT duration per run">${latencyAxis(y, min, max, slowMs, W)}<path d="${path}" class="trend"/>${dots}${labels}<text x="${PAD.left}" y="12" class="tick">p95 of PUT duration per run</text></svg>`;

  const H2 = 160;
  const maxShare = Math.max(0.01, ...runs.map((r) => r.slowShare * 1.2));
  const y2 = (v: number) => H2 - PAD.bottom - (v / maxShare) * (H2 - PAD.bottom - PAD.top);
  const barW = Math.max(3, Math.min(24, (W - PAD.left - PAD.right) / n / 2));
  const shareBars = runs
    .map(
      (r, i) =>
        `<rect x="${xs(i) - barW / 2}" y="${y2(r.slowShare)}" width="${barW}" height="${Math.max(r.slowCount > 0 ? 1 : 0, H2 - PAD.bottom - y2(r.slowShare))}" class="${r.slowCount > 0 ? 'bar bad' : 'bar'}"><title>${esc(r.runId)}: ${r.slowCount} of ${r.requests} PUTs over ${slowMs} ms</title></rect>`,
    )
    .join('');
  const shareTicks = [0, maxShare / 2, maxShare]
    .map(
      (t) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y2(t)}" y2="${y2(t)}" class="grid"/><text x="${PAD.left - 6}" y="${y2(t) + 4}" class="tick" text-anchor="end">${(t * 100).toFixed(t === 0 ? 0 : 1)} %</text>`,
    )
    .join('');
  const shareSvg = `<svg viewBox="0 0 ${W} ${H2}" width="${W}" height="${H2}" role="img" aria-label="share of PUTs over the NsApiSlow line per run">${shareTicks}${shareBars}<text x="${PAD.left}" y="12" class="tick">share of PUTs over ${slowMs} ms per run</text></svg>`;
  return p95Svg + shareSvg;
}
