/**
 * Latency and fault injection per route, with counters of what was injected, so a load test can
 * compare what it measured with what the tenant did. Fractions use a seeded PRNG per route, so
 * the same calls in the same order get the same delays and faults on every run.
 */
export const routeKeys = ['PUT', 'PATCH', 'PICKUP', 'TRANSFER', 'GET', 'OTHER'] as const;
export type RouteKey = (typeof routeKeys)[number];
/** A spec entry applies to one route key, or to every route (`*`) that has no entry of its own. */
export type SpecKey = RouteKey | '*';

export type LatencyRule =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number; seed?: number }
  | { kind: 'fraction'; fraction: number; ms: number; seed?: number }
  /** Holds only the `at`-th call on the route (1-based) for `ms`: one long response in a steady run. */
  | { kind: 'once'; at: number; ms: number };
export type LatencySpec = Partial<Record<SpecKey, LatencyRule>>;

export interface FaultRule {
  /** Share of calls answered 503 with Retry-After (0..1). */
  status503Fraction?: number;
  /** Share of calls answered 500 with the error body (0..1). */
  status500Fraction?: number;
  /** Share of calls whose connection is closed with no response (0..1). */
  dropFraction?: number;
  retryAfterSeconds?: number;
  seed?: number;
}
export type FaultSpec = Partial<Record<SpecKey, FaultRule>>;

export interface Counter {
  requests: number;
  delayed: number;
  /** Sum of injected delays in ms. */
  delayedMs: number;
  faults503: number;
  faults500: number;
  dropped: number;
}
export type Counters = Record<RouteKey, Counter>;

export interface Decision {
  fault: 'drop' | '503' | '500' | undefined;
  retryAfterSeconds: number;
  delayMs: number;
}

/** mulberry32: small, fast, good enough for reproducible fractions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const emptyCounters = (): Counters =>
  Object.fromEntries(
    routeKeys.map((k) => [k, { requests: 0, delayed: 0, delayedMs: 0, faults503: 0, faults500: 0, dropped: 0 }]),
  ) as Counters;

export class Modes {
  private latencySpec: LatencySpec = {};
  private faultSpec: FaultSpec = {};
  private streams = new Map<string, () => number>();
  private count = emptyCounters();

  constructor(latency: LatencySpec = {}, faults: FaultSpec = {}) {
    this.setLatency(latency);
    this.setFaults(faults);
  }

  get latency(): LatencySpec {
    return structuredClone(this.latencySpec);
  }

  get faults(): FaultSpec {
    return structuredClone(this.faultSpec);
  }

  setLatency(spec: unknown): void {
    this.latencySpec = parseLatencySpec(spec);
    this.restartStreams();
  }

  setFaults(spec: unknown): void {
    this.faultSpec = parseFaultSpec(spec);
    this.restartStreams();
  }

  /** Zeroes the counters and restarts every PRNG stream from its seed. */
  resetCounters(): void {
    this.count = emptyCounters();
    this.restartStreams();
  }

  counters(): Counters {
    return structuredClone(this.count);
  }

  /** Counts one request on `key` and decides its fault and delay. */
  decide(key: RouteKey): Decision {
    const c = this.count[key];
    c.requests++;
    const fault = this.faultSpec[key] ?? this.faultSpec['*'];
    if (fault) {
      const r = this.stream(`fault:${key}`, fault.seed ?? 1)();
      if (r < (fault.dropFraction ?? 0)) {
        c.dropped++;
        return { fault: 'drop', retryAfterSeconds: 0, delayMs: 0 };
      }
      if (r < (fault.dropFraction ?? 0) + (fault.status503Fraction ?? 0)) {
        c.faults503++;
        return { fault: '503', retryAfterSeconds: fault.retryAfterSeconds ?? 1, delayMs: 0 };
      }
      if (r < (fault.dropFraction ?? 0) + (fault.status503Fraction ?? 0) + (fault.status500Fraction ?? 0)) {
        c.faults500++;
        return { fault: '500', retryAfterSeconds: 0, delayMs: 0 };
      }
    }
    const delayMs = this.delay(key);
    if (delayMs > 0) {
      c.delayed++;
      c.delayedMs += delayMs;
    }
    return { fault: undefined, retryAfterSeconds: 0, delayMs };
  }

  private delay(key: RouteKey): number {
    const rule = this.latencySpec[key] ?? this.latencySpec['*'];
    if (!rule) return 0;
    switch (rule.kind) {
      case 'fixed':
        return rule.ms;
      case 'uniform':
        return Math.round(rule.minMs + this.stream(`latency:${key}`, rule.seed ?? 1)() * (rule.maxMs - rule.minMs));
      case 'fraction':
        return this.stream(`latency:${key}`, rule.seed ?? 1)() < rule.fraction ? rule.ms : 0;
      case 'once':
        return this.count[key].requests === rule.at ? rule.ms : 0;
    }
  }

  private stream(name: string, seed: number): () => number {
    let s = this.streams.get(name);
    if (!s) {
      s = prng(seed);
      this.streams.set(name, s);
    }
    return s;
  }

  private restartStreams(): void {
    this.streams.clear();
  }
}

const specKeys: readonly string[] = [...routeKeys, '*'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, what: string, max = 600_000): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
    throw new Error(`${what} must be a number from 0 to ${max}`);
  return v;
};
const share = (v: unknown, what: string): number => num(v, what, 1);
const seedOf = (v: unknown, what: string): number | undefined => (v === undefined ? undefined : num(v, what, 2 ** 32));

function entries(spec: unknown, what: string): Array<[SpecKey, Record<string, unknown>]> {
  if (!isObject(spec)) throw new Error(`${what} must be an object keyed by ${specKeys.join(', ')}`);
  return Object.entries(spec).map(([key, rule]) => {
    if (!specKeys.includes(key))
      throw new Error(`${what}: unknown route key "${key}"; use one of ${specKeys.join(', ')}`);
    if (!isObject(rule)) throw new Error(`${what}.${key} must be an object`);
    return [key as SpecKey, rule];
  });
}

/** Validates a latency spec (admin body, env); throws a message that says what is wrong. */
export function parseLatencySpec(spec: unknown, what = 'latency'): LatencySpec {
  const out: LatencySpec = {};
  for (const [key, r] of entries(spec, what)) {
    const at = `${what}.${key}`;
    if (r.kind === 'fixed') out[key] = { kind: 'fixed', ms: num(r.ms, `${at}.ms`) };
    else if (r.kind === 'uniform') {
      const minMs = num(r.minMs, `${at}.minMs`);
      const maxMs = num(r.maxMs, `${at}.maxMs`);
      if (maxMs < minMs) throw new Error(`${at}.maxMs must be >= minMs`);
      out[key] = {
        kind: 'uniform',
        minMs,
        maxMs,
        ...(r.seed !== undefined ? { seed: seedOf(r.seed, `${at}.seed`) } : {}),
      };
    } else if (r.kind === 'fraction') {
      out[key] = {
        kind: 'fraction',
        fraction: share(r.fraction, `${at}.fraction`),
        ms: num(r.ms, `${at}.ms`),
        ...(r.seed !== undefined ? { seed: seedOf(r.seed, `${at}.seed`) } : {}),
      };
    } else if (r.kind === 'once') {
      const n = num(r.at, `${at}.at`, 2 ** 32);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${at}.at must be a whole number from 1`);
      out[key] = { kind: 'once', at: n, ms: num(r.ms, `${at}.ms`) };
    } else throw new Error(`${at}.kind must be "fixed", "uniform", "fraction" or "once"`);
  }
  return out;
}

/** Validates a fault spec (admin body, env); throws a message that says what is wrong. */
export function parseFaultSpec(spec: unknown, what = 'faults'): FaultSpec {
  const out: FaultSpec = {};
  for (const [key, r] of entries(spec, what)) {
    const at = `${what}.${key}`;
    const known = ['status503Fraction', 'status500Fraction', 'dropFraction', 'retryAfterSeconds', 'seed'];
    const extra = Object.keys(r).filter((k) => !known.includes(k));
    if (extra.length) throw new Error(`${at}: unknown field(s) ${extra.join(', ')}; known: ${known.join(', ')}`);
    const rule: FaultRule = {};
    if (r.status503Fraction !== undefined)
      rule.status503Fraction = share(r.status503Fraction, `${at}.status503Fraction`);
    if (r.status500Fraction !== undefined)
      rule.status500Fraction = share(r.status500Fraction, `${at}.status500Fraction`);
    if (r.dropFraction !== undefined) rule.dropFraction = share(r.dropFraction, `${at}.dropFraction`);
    if ((rule.status503Fraction ?? 0) + (rule.status500Fraction ?? 0) + (rule.dropFraction ?? 0) > 1)
      throw new Error(`${at}: status503Fraction + status500Fraction + dropFraction must not exceed 1`);
    if (r.retryAfterSeconds !== undefined)
      rule.retryAfterSeconds = num(r.retryAfterSeconds, `${at}.retryAfterSeconds`, 3600);
    if (r.seed !== undefined) rule.seed = seedOf(r.seed, `${at}.seed`);
    out[key] = rule;
  }
  return out;
}
