/**
 * The open model's arrival schedule: when each PUT of a profile is meant to start, in seconds from
 * the start of the run, whatever the tenant does. The embedded engine sends on this schedule and
 * measures every latency from it (no coordinated omission); k6's arrival-rate executors follow the
 * same stages. Pure: no Node or k6 imports.
 */
import { parseDuration, type ArrivalScenario } from './profiles.ts';

interface Segment {
  /** Start of the segment, seconds from the start of the run. */
  start: number;
  seconds: number;
  /** Arrivals per second at the start and at the end (linear in between). */
  from: number;
  to: number;
}

function segmentsOf(scenario: ArrivalScenario): Segment[] {
  if (scenario.executor === 'constant-arrival-rate') {
    const seconds = parseDuration(scenario.duration);
    return [{ start: 0, seconds, from: scenario.rate, to: scenario.rate }];
  }
  const out: Segment[] = [];
  let start = 0;
  let rate = scenario.startRate;
  for (const stage of scenario.stages) {
    const seconds = parseDuration(stage.duration);
    out.push({ start, seconds, from: rate, to: stage.target });
    start += seconds;
    rate = stage.target;
  }
  return out;
}

/** Arrivals in a segment up to `t` seconds into it: the integral of a linear rate. */
const arrivalsBy = (s: Segment, t: number) => s.from * t + ((s.to - s.from) * t * t) / (2 * s.seconds);

/** Seconds into the segment at which the cumulative count reaches `k` (k within the segment). */
function timeOf(s: Segment, k: number): number {
  const slope = (s.to - s.from) / s.seconds;
  if (Math.abs(slope) < 1e-12) return k / s.from;
  // slope/2 * t^2 + from * t - k = 0, the root in [0, seconds]
  const t = (-s.from + Math.sqrt(Math.max(0, s.from * s.from + 2 * slope * k))) / slope;
  return Math.min(Math.max(t, 0), s.seconds);
}

/**
 * The i-th arrival (from 0) is due when the integrated rate reaches i, as k6's arrival-rate
 * executors start iterations; `next()` walks them in order without building a list, so a
 * million-PUT plan costs no memory.
 */
export class ArrivalSchedule {
  private readonly segments: Segment[];
  private segment = 0;
  /** Arrivals before the current segment. */
  private before = 0;
  private index = 0;
  /** How many arrivals the whole schedule holds. */
  readonly total: number;
  /** When the last arrival can be due, seconds. */
  readonly seconds: number;

  constructor(scenario: ArrivalScenario) {
    this.segments = segmentsOf(scenario);
    const integral = this.segments.reduce((n, s) => n + arrivalsBy(s, s.seconds), 0);
    this.total = Math.ceil(integral - 1e-9);
    this.seconds = this.segments.reduce((n, s) => n + s.seconds, 0);
  }

  /** How many arrivals of the whole schedule are due at or before `t` seconds. */
  dueBy(t: number): number {
    let before = 0;
    for (const s of this.segments) {
      if (t < s.start + s.seconds) {
        const within = arrivalsBy(s, Math.max(0, t - s.start));
        return Math.min(this.total, Math.max(Math.ceil(before - 1e-9), Math.floor(before + within + 1e-9) + 1));
      }
      before += arrivalsBy(s, s.seconds);
    }
    return this.total;
  }

  /**
   * Passes over every arrival not yet returned that is due at or before `t`, without walking them
   * one by one (an engine at its in-flight cap counts them as not sent); returns how many.
   */
  skipThrough(t: number): number {
    const to = Math.max(this.index, this.dueBy(t));
    const skipped = to - this.index;
    this.index = to;
    return skipped;
  }

  /** The due time (seconds from the start) of the next arrival, or undefined after the last. */
  next(): number | undefined {
    if (this.index >= this.total) return undefined;
    const k = this.index;
    for (;;) {
      const s = this.segments[this.segment];
      if (!s) return undefined;
      const inSegment = arrivalsBy(s, s.seconds);
      if (k - this.before < inSegment - 1e-9) {
        this.index++;
        return s.start + timeOf(s, k - this.before);
      }
      this.before += inSegment;
      this.segment++;
    }
  }
}
