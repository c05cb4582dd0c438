/**
 * JUnit XML for a load run: one testcase per threshold, named with its clause, for CI servers and
 * the main job. Undocumented properties the tenant returned ride on the ENTITY-SHAPE testcase as
 * `observed` properties: the pages allow them, so they are reported, never failed.
 */
import { renderJUnit, type JUnitCase } from '../../lib/junit.ts';
import type { RunFigures, ThresholdResult } from './figures.ts';
import { metricNames } from '../scenario/metrics.ts';

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
    return (
      `${base}: ${f.notSent} of ${f.planned} planned PUTs were not sent ` +
      'because LOAD_MAX_VUS PUTs were already in flight, so their latency is unknown ' +
      `and the run cannot show PUT stays under ${f.nsApiSlowMs} ms ` +
      '(in flight = rate x latency: the tenant was slow, or LOAD_MAX_VUS is too low for the rate)'
    );
  const failed = `failed ${f.errorRate ? (f.errorRate * 100).toFixed(2) : 0} %`;
  return `${base} (slow: ${f.slowCount}, p95 ${f.p95.toFixed(1)} ms, NsApiSlow ${f.nsApiSlowMs} ms, ${failed})`;
}

export function renderJunit(f: RunFigures, observations: readonly string[] = []): string {
  const cases = f.thresholds.map((t): JUnitCase => ({
    classname: `load.put-chatsession.${f.profile}`,
    name: `${t.clause ? `${t.clause} ` : ''}${t.metric} ${t.expression}`,
    time: 0,
    ...(t.clause === 'ENTITY-SHAPE' && observations.length
      ? { properties: observations.map((o) => ['observed', o] as const) }
      : {}),
    ...(t.ok
      ? {}
      : {
          failure: {
            message: `threshold ${t.metric} ${t.expression} failed: observed ${format(t.observed)}`,
            type: 'threshold',
            text: failureText(t, f),
          },
        }),
  }));
  const time = f.durationSeconds.toFixed(3);
  const properties = (['target', 'engine', 'engineVersion', 'gitRevision', 'profile'] as const).map(
    (k) => [k, String(f[k])] as const,
  );
  return renderJUnit({
    name: 'load',
    attributes: { time },
    suites: [
      { name: `PUT ChatSession ${f.profile} (${f.runId})`, attributes: { time, timestamp: f.time }, properties, cases },
    ],
  });
}
