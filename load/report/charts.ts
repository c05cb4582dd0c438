/**
 * Inline SVG charts for summary.html: the run's PUT latency percentiles against the NsApiSlow line,
 * and the history's p95 and slow-call share. Log scale for latency, so 3 ms and 5000 ms fit on one
 * axis. No scripts, no external assets: the file opens anywhere, offline.
 */
import type { DurationStats } from '../scenario/metrics.ts';
import type { RunFigures } from './figures.ts';
import { escapeXml as esc } from '../../lib/escape.ts';

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

/** One chart: scales down with the page, and `label` (plain text, not escaped) names it for screen readers. */
const svg = (height: number, label: string, body: string) =>
  `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${label}">${body}</svg>`;

const text = (x: number, y: number, cls: string, anchor: string, content: string) =>
  `<text x="${x}" y="${y}" class="${cls}" text-anchor="${anchor}">${content}</text>`;

/** A title in the chart's top left corner. */
const caption = (content: string) => `<text x="${PAD.left}" y="12" class="tick">${content}</text>`;

/** A line across the plot at `y` of class `cls`. */
const rule = (y: number, width: number, cls: string) =>
  `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${y}" y2="${y}" class="${cls}"/>`;

/** A grid line labelled on the left axis. */
const gridLine = (y: number, width: number, label: string) =>
  rule(y, width, 'grid') + text(PAD.left - 6, y + 4, 'tick', 'end', label);

function latencyAxis(y: (v: number) => number, min: number, max: number, nsApiSlowMs: number, width: number): string {
  const grid = decades(min, max)
    .map((t) => gridLine(y(t), width, msLabel(t)))
    .join('');
  const line =
    rule(y(nsApiSlowMs), width, 'slowline') +
    text(width - PAD.right, y(nsApiSlowMs) - 5, 'slowlabel', 'end', `NsApiSlow ${nsApiSlowMs} ms`);
  return grid + line;
}

/** The duration statistics a percentile chart shows, in order, with their names. */
export function percentileBars(f: Pick<DurationStats, 'p50' | 'p90' | 'p95' | 'p99' | 'max'>): Array<[string, number]> {
  return [
    ['p50', f.p50],
    ['p90', f.p90],
    ['p95', f.p95],
    ['p99', f.p99],
    ['max', f.max],
  ];
}

/** Bars for p50, p90, p95, p99 and max of PUT duration, with the NsApiSlow line. */
export function percentileChart(f: RunFigures): string {
  const H = 260;
  const bars = percentileBars(f);
  const min = Math.min(1, ...bars.map(([, v]) => (v > 0 ? v : 1))) >= 1 ? 1 : 0.1;
  const max = Math.max(f.nsApiSlowMs * 2, ...bars.map(([, v]) => v * 1.5));
  const y = logScale(min, max, PAD.top, H - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / bars.length;
  const rects = bars
    .map(([name, v], i) => {
      const x = PAD.left + i * slot + slot * 0.2;
      const top = y(v);
      const cls = v > f.nsApiSlowMs ? 'bar bad' : 'bar';
      const height = Math.max(0, H - PAD.bottom - top);
      return (
        `<rect x="${x}" y="${top}" width="${slot * 0.6}" height="${height}" class="${cls}">` +
        `<title>${name}: ${v.toFixed(1)} ms</title></rect>` +
        text(x + slot * 0.3, top - 4, 'value', 'middle', `${v.toFixed(v < 10 ? 2 : 0)} ms`) +
        text(x + slot * 0.3, H - PAD.bottom + 16, 'tick', 'middle', name)
      );
    })
    .join('');
  const label = `PUT duration percentiles against the ${f.nsApiSlowMs} ms NsApiSlow line`;
  return svg(H, label, latencyAxis(y, min, max, f.nsApiSlowMs, W) + rects);
}

/** p95 per run (log scale, with the NsApiSlow line) and slow-call share per run, oldest left. */
export function trendChart(runs: readonly RunFigures[], nsApiSlowMs: number): string {
  if (runs.length === 0) return '<p>No history yet.</p>';
  const H = 220;
  const n = runs.length;
  const xs = (i: number) =>
    PAD.left + (n === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const min = Math.min(1, ...runs.map((r) => (r.p95 > 0 ? r.p95 : 1))) >= 1 ? 1 : 0.1;
  const max = Math.max(nsApiSlowMs * 2, ...runs.map((r) => r.p95 * 1.5));
  const y = logScale(min, max, PAD.top, H - PAD.bottom);
  const path = runs.map((r, i) => `${i === 0 ? 'M' : 'L'}${xs(i).toFixed(1)},${y(r.p95).toFixed(1)}`).join(' ');
  const dots = runs
    .map(
      (r, i) =>
        `<circle cx="${xs(i)}" cy="${y(r.p95)}" r="4" class="${r.passed ? 'dot' : 'dot bad'}">` +
        `<title>${esc(r.runId)} (${esc(r.profile)}): ` +
        `p95 ${r.p95.toFixed(1)} ms, ${r.passed ? 'passed' : 'failed'}</title></circle>`,
    )
    .join('');
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const anchorOf = (i: number) => (n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle');
  const labels = runs
    .map((r, i) =>
      i % labelEvery === 0 || i === n - 1
        ? text(xs(i), H - PAD.bottom + 16, 'tick', anchorOf(i), esc(r.time.slice(5, 16).replace('T', ' ')))
        : '',
    )
    .join('');
  const p95Svg = svg(
    H,
    'p95 of PUT duration per run',
    latencyAxis(y, min, max, nsApiSlowMs, W) +
      `<path d="${path}" class="trend"/>${dots}${labels}` +
      caption('p95 of PUT duration per run'),
  );

  const H2 = 160;
  const maxShare = Math.max(0.01, ...runs.map((r) => r.slowShare * 1.2));
  const y2 = (v: number) => H2 - PAD.bottom - (v / maxShare) * (H2 - PAD.bottom - PAD.top);
  const barW = Math.max(3, Math.min(24, (W - PAD.left - PAD.right) / n / 2));
  const shareBars = runs
    .map((r, i) => {
      const slow = r.slowCount > 0;
      const height = Math.max(slow ? 1 : 0, H2 - PAD.bottom - y2(r.slowShare));
      return (
        `<rect x="${xs(i) - barW / 2}" y="${y2(r.slowShare)}" width="${barW}" height="${height}" ` +
        `class="${slow ? 'bar bad' : 'bar'}">` +
        `<title>${esc(r.runId)}: ${r.slowCount} of ${r.requests} PUTs over ${nsApiSlowMs} ms</title></rect>`
      );
    })
    .join('');
  const shareTicks = [0, maxShare / 2, maxShare]
    .map((t) => gridLine(y2(t), W, `${(t * 100).toFixed(t === 0 ? 0 : 1)} %`))
    .join('');
  const shareSvg = svg(
    H2,
    'share of PUTs over the NsApiSlow line per run',
    shareTicks + shareBars + caption(`share of PUTs over ${nsApiSlowMs} ms per run`),
  );
  return p95Svg + shareSvg;
}
