/**
 * JUnit XML for a load run: one testcase per threshold, named with its clause, for CI servers and
 * the main job. Undocumented properties the tenant returned ride on the ENTITY-SHAPE testcase as
 * `observed` properties: the pages allow them, so they are reported, never failed.
 */
import type { RunFigures, ThresholdResult } from './figures.ts';
import { metricNames } from '../scenario/metrics.ts';

export function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

function format(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Why a threshold failed, in a sentence a reader can act on. */
export function failureText(t: ThresholdResult, f: RunFigures): string {
  const base = `${t.metric} ${t.expression} observed ${format(t.observed)} over ${f.requests} PUTs`;
  if (f.requests === 0)
    return `no PUT was measured (${f.notSent} of ${f.planned} arrivals not sent): nothing was shown`;
  if (t.metric === metricNames.notSent)
    return `${base}: ${f.notSent} of ${f.planned} planned PUTs were not sent because LOAD_MAX_VUS PUTs were already in flight, so their latency is unknown and the run cannot show PUT stays under ${f.nsApiSlowMs} ms (in flight = rate x latency: the tenant was slow, or LOAD_MAX_VUS is too low for the rate)`;
  return `${base} (slow: ${f.slowCount}, p95 ${f.p95.toFixed(1)} ms, NsApiSlow ${f.nsApiSlowMs} ms, failed ${f.errorRate ? (f.errorRate * 100).toFixed(2) : 0} %)`;
}

export function renderJunit(f: RunFigures, observations: readonly string[] = []): string {
  const failures = f.thresholds.filter((t) => !t.ok).length;
  const cases = f.thresholds.map((t) => {
    const name = xmlEscape(`${t.clause ? `${t.clause} ` : ''}${t.metric} ${t.expression}`);
    const observed =
      t.clause === 'ENTITY-SHAPE' && observations.length
        ? `\n      <properties>${observations.map((o) => `<property name="observed" value="${xmlEscape(o)}"/>`).join('')}</properties>`
        : '';
    const failure = t.ok
      ? ''
      : `\n      <failure message="${xmlEscape(`threshold ${t.metric} ${t.expression} failed: observed ${format(t.observed)}`)}" type="threshold">${xmlEscape(failureText(t, f))}</failure>`;
    const close = observed || failure ? '\n    ' : '';
    return `    <testcase classname="load.put-chatsession.${xmlEscape(f.profile)}" name="${name}" time="0">${observed}${failure}${close}</testcase>`;
  });
  const time = f.durationSeconds.toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="load" tests="${f.thresholds.length}" failures="${failures}" time="${time}">`,
    `  <testsuite name="PUT ChatSession ${xmlEscape(f.profile)} (${xmlEscape(f.runId)})" tests="${f.thresholds.length}" failures="${failures}" errors="0" time="${time}" timestamp="${xmlEscape(f.time)}">`,
    '    <properties>',
    ...(['target', 'engine', 'engineVersion', 'gitRevision', 'profile'] as const).map(
      (k) => `      <property name="${k}" value="${xmlEscape(String(f[k]))}"/>`,
    ),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
