/**
 * What a load run measures and how it is judged, for both engines. Every threshold judges the PUTs
 * under test and nothing else: setup and teardown requests (reading the pool, creating and
 * deleting scratch sessions) are never counted, so they cannot dilute a failure rate. Pure: the k6
 * adapter turns the same list into k6 thresholds, the runner judges either engine's figures here.
 */

/** Metric names, as k6 and the reports spell them. */
export const metricNames = {
  /** Trend: each PUT's duration in ms, from its intended start (embedded) or as k6 timed it. */
  duration: 'put_duration',
  /** Rate: share of PUTs over NS_API_SLOW_MS. */
  slow: 'ns_api_slow',
  /** Counter: PUTs over NS_API_SLOW_MS, exact. */
  slowCount: 'ns_api_slow_count',
  /** Rate: PUTs not answered 200 (other status, timeout, connection error). */
  failed: 'put_failed',
  /** Rate: 200 answers whose body does not match ChatSessionEntityWithLinks. */
  shapeFailed: 'entity_shape_failed',
  /** Counter: arrivals not sent because LOAD_MAX_VUS PUTs were already in flight (k6: dropped_iterations). */
  notSent: 'arrivals_not_sent',
} as const;

/** What either engine measured over the PUTs under test. */
export interface Measured {
  /** PUTs that got an answer or failed (timeout, connection error): every PUT sent. */
  requests: number;
  /** Arrivals the profile planned. */
  planned: number;
  /** Arrivals not sent because the in-flight cap was reached. */
  notSent: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  avg: number;
  slowCount: number;
  /** PUTs not answered 200. */
  failed: number;
  /** 200 answers with a body that does not match the schema. */
  shapeFailed: number;
  durationSeconds: number;
}

export interface ThresholdSettings {
  nsApiSlowMs: number;
  maxSlowShare: number;
  maxErrorRate: number;
}

/** The share of PUTs that may fail, and of bodies that may not match, before PUT-200 / ENTITY-SHAPE fail. */
export const DEFAULT_MAX_ERROR_RATE = 0.01;

type Op = '<' | '<=' | '==' | '>=';
export interface Threshold {
  clause: string;
  metric: string;
  /** k6's statistic: `p(95)`, `rate`, `count`. */
  stat: string;
  op: Op;
  value: number;
}

/** The thresholds of one run, in report order. */
export function thresholdsFor(s: ThresholdSettings): Threshold[] {
  return [
    { clause: 'PUT-SLOW', metric: metricNames.duration, stat: 'p(95)', op: '<', value: s.nsApiSlowMs },
    { clause: 'PUT-SLOW', metric: metricNames.duration, stat: 'p(99)', op: '<', value: s.nsApiSlowMs },
    { clause: 'PUT-SLOW', metric: metricNames.slow, stat: 'rate', op: '<=', value: s.maxSlowShare },
    { clause: 'PUT-SLOW', metric: metricNames.notSent, stat: 'count', op: '==', value: 0 },
    { clause: 'PUT-200', metric: metricNames.failed, stat: 'rate', op: '<=', value: s.maxErrorRate },
    { clause: 'ENTITY-SHAPE', metric: metricNames.shapeFailed, stat: 'rate', op: '<=', value: s.maxErrorRate },
  ];
}

/** `p(95)<5000`: the threshold as k6 writes it (and as junit.xml names it). */
export const expressionOf = (t: Threshold) => `${t.stat}${t.op}${t.value}`;

/** k6 `options.thresholds` for the list (k6 counts arrivals it could not start as dropped_iterations). */
export function k6Thresholds(list: readonly Threshold[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of list) {
    const metric = t.metric === metricNames.notSent ? 'dropped_iterations' : t.metric;
    (out[metric] ??= []).push(expressionOf(t));
  }
  return out;
}

export interface ThresholdResult {
  clause: string;
  metric: string;
  expression: string;
  ok: boolean;
  /** The observed value of the statistic (ms, share or count). */
  observed: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

function observedOf(t: Threshold, m: Measured): number {
  switch (t.metric) {
    case metricNames.duration:
      return t.stat === 'p(95)' ? m.p95 : m.p99;
    case metricNames.slow:
      return share(m.slowCount, m.requests);
    case metricNames.notSent:
      return m.notSent;
    case metricNames.failed:
      return share(m.failed, m.requests);
    default:
      return share(m.shapeFailed, m.requests - m.failed);
  }
}

const holds = (op: Op, observed: number, value: number) =>
  op === '<'
    ? observed < value
    : op === '<='
      ? observed <= value
      : op === '=='
        ? observed === value
        : observed >= value;

/**
 * Judges the PUTs measured. A run that sent no PUT at all holds no threshold: nothing was shown,
 * so nothing passes.
 */
export function judge(list: readonly Threshold[], m: Measured): ThresholdResult[] {
  return list.map((t) => {
    const observed = observedOf(t, m);
    return {
      clause: t.clause,
      metric: t.metric,
      expression: expressionOf(t),
      ok: m.requests > 0 && holds(t.op, observed, t.value),
      observed,
    };
  });
}
