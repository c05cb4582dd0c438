/**
 * The embedded load engine: the scenario's open model in-process, on undici's Pool (MIT) with an
 * HdrHistogram. Arrivals leave on the schedule whatever the tenant does; each PUT's duration runs
 * from its intended start (or its actual start, if that was earlier), so a held response shows as
 * one long sample and the arrivals behind it are still sent (no coordinated omission). At most
 * `maxInFlight` PUTs are open at once; an arrival beyond that is counted as not sent, never queued.
 * Why this library and not autocannon or artillery: load/README.md, "Engines".
 */
import { Pool } from 'undici';
import type { ArrivalSchedule } from '../scenario/schedule.ts';
import { CheckTally, type CheckOutcome } from '../scenario/checks.ts';
import type { Measured } from '../scenario/metrics.ts';
import { DurationHistogram } from './histogram.ts';

export interface EngineRequest {
  /** Path and query under the origin (the base URL's path prefix included). */
  path: string;
  body: string;
}

export interface EngineOptions {
  /** `scheme://host:port` only. */
  origin: string;
  headers: Readonly<Record<string, string>>;
  schedule: ArrivalSchedule;
  /** The n-th PUT (from 0). */
  request(n: number): EngineRequest;
  check(status: number, body: string): CheckOutcome;
  maxInFlight: number;
  /** Hard bound on PUTs sent, whatever the schedule says. */
  maxRequests: number;
  requestTimeoutMs: number;
  /** How long in-flight PUTs may finish after the last arrival; then they are aborted (failed). */
  gracefulStopMs: number;
  nsApiSlowMs: number;
  signal?: AbortSignal;
  /** Called every `progressEveryMs` (default 5000) while the run lasts. */
  onProgress?(p: Progress): void;
  progressEveryMs?: number;
}

export interface Progress {
  seconds: number;
  planned: number;
  sent: number;
  inFlight: number;
  notSent: number;
  slow: number;
  failed: number;
  p95: number;
}

/** Per second of the schedule: arrivals due, sent and not sent (cap reached). */
export interface SecondCounts {
  planned: number;
  sent: number;
  notSent: number;
}

export interface EngineResult {
  measured: Measured;
  checks: CheckTally;
  timeline: SecondCounts[];
  /** How late arrivals left against their due time, ms (the scheduler's own error, counted in durations). */
  sendLag: { p50: number; p99: number; max: number; avg: number };
  /** Durations from the actual send, without the send lag: what the HTTP exchange itself took, ms. */
  service: { p50: number; p99: number; avg: number };
  /** The largest number of PUTs in flight at once. */
  peakInFlight: number;
  interrupted: boolean;
  /** PUTs aborted when the graceful stop ran out (counted as failed). */
  aborted: number;
}

/** Arrivals may leave up to this much before they are due; their duration then runs from the actual start. */
const EARLY_MS = 1;
/**
 * A timer fires a millisecond or more late, and a late send is latency in the report. So when the
 * next arrival is at least SPARSE_MS after the one before (under 100/s), the engine wakes SPIN_MS
 * early and turns the event loop (answers are still timed as they come) until the arrival is due
 * to within POLL_EARLY_MS. A dense schedule needs no spin: there some arrival is always due.
 */
const SPARSE_MS = 10;
const SPIN_MS = 2;
const POLL_EARLY_MS = 0.02;

export function runEngine(o: EngineOptions): Promise<EngineResult> {
  const pool = new Pool(o.origin, {
    connections: o.maxInFlight,
    pipelining: 1,
    headersTimeout: o.requestTimeoutMs,
    bodyTimeout: o.requestTimeoutMs,
    keepAliveTimeout: 30_000,
  });
  const durations = new DurationHistogram();
  const lag = new DurationHistogram();
  const service = new DurationHistogram();
  const checks = new CheckTally();
  const timeline: SecondCounts[] = [];
  const planned = o.schedule.total;
  let n = 0;
  let sent = 0;
  let done = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let notSent = 0;
  let slow = 0;
  let failed = 0;
  let shapeFailed = 0;
  let aborted = 0;
  let scheduled = false;
  let stopping = false;
  let interrupted = false;
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Immediate | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  const t0 = performance.now();
  let lastEnd = t0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const bucket = (second: number) => {
    const s = Math.floor(second);
    for (let i = timeline.length; i <= s; i++) timeline.push({ planned: 0, sent: 0, notSent: 0 });
    return timeline[s] as SecondCounts;
  };

  const maybeDone = () => {
    if ((scheduled || stopping) && inFlight === 0) finish();
  };

  /** `end`: when the last byte arrived, taken before the body is joined or checked. */
  const complete = (from: number, startedAt: number, end: number, status: number, body: string, where: string) => {
    lastEnd = end;
    const ms = end - from;
    durations.record(ms);
    service.record(end - startedAt);
    if (ms > o.nsApiSlowMs) slow++;
    const outcome = status === 0 ? ({ status: 'failed', why: where } as const) : o.check(status, body);
    if (outcome.status === 'failed') failed++;
    else if (outcome.status === 'shape') shapeFailed++;
    checks.add(outcome, done);
    done++;
    inFlight--;
    maybeDone();
  };

  /** At the cap: `first` and every arrival due by `upTo` (s) are not sent; counted per second, in bulk. */
  const notSending = (first: number, upTo: number) => {
    const counts = bucket(first);
    counts.planned++;
    counts.notSent++;
    notSent++;
    for (let second = Math.floor(first); second <= Math.floor(upTo); second++) {
      const skipped = o.schedule.skipThrough(Math.min(upTo, second + 1 - 1e-9));
      const c = bucket(second);
      c.planned += skipped;
      c.notSent += skipped;
      notSent += skipped;
      n += skipped;
    }
  };

  const send = (due: number, second: number) => {
    const counts = bucket(second);
    counts.planned++;
    const req = o.request(sent);
    const startedAt = performance.now();
    // From the intended start, however late the send: the lateness is latency the tenant's users
    // would have seen (no coordinated omission). From the actual start only when sent early.
    const from = Math.min(due, startedAt);
    lag.record(Math.max(0, startedAt - due));
    sent++;
    counts.sent++;
    inFlight++;
    if (inFlight > peakInFlight) peakInFlight = inFlight;
    let status = 0;
    const chunks: Buffer[] = [];
    pool.dispatch(
      { origin: o.origin, path: req.path, method: 'PUT', headers: o.headers, body: req.body },
      {
        onRequestStart: () => {}, // undici takes a handler as the new API only when this is there
        onResponseStart: (_c, statusCode) => {
          status = statusCode;
        },
        onResponseData: (_c, chunk) => {
          chunks.push(chunk);
        },
        onResponseEnd: () => {
          const end = performance.now();
          complete(
            from,
            startedAt,
            end,
            status,
            chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString(),
            '',
          );
        },
        onResponseError: (_c, err) => {
          complete(from, startedAt, performance.now(), 0, '', stopping ? 'aborted at the end of the run' : err.message);
        },
      },
    );
  };

  let last = Number.NEGATIVE_INFINITY;
  const tick = () => {
    timer = undefined;
    poll = undefined;
    if (stopping) return;
    const now = performance.now();
    let next = pendingDue;
    let sparse = next !== undefined && (next - last) * 1000 >= SPARSE_MS;
    while (next !== undefined && t0 + next * 1000 <= now + (sparse ? POLL_EARLY_MS : EARLY_MS) && n < o.maxRequests) {
      if (inFlight >= o.maxInFlight) notSending(next, (now + EARLY_MS - t0) / 1000);
      else send(t0 + next * 1000, next);
      n++;
      last = next;
      next = o.schedule.next();
      sparse = next !== undefined && (next - last) * 1000 >= SPARSE_MS;
    }
    pendingDue = next;
    if (next === undefined || n >= o.maxRequests) {
      scheduled = true;
      graceTimer = setTimeout(() => {
        stopping = true;
        aborted = inFlight;
        void pool.destroy();
      }, o.gracefulStopMs);
      maybeDone();
      return;
    }
    const wait = t0 + next * 1000 - performance.now();
    if (sparse && wait <= SPIN_MS) poll = setImmediate(tick);
    else timer = setTimeout(tick, Math.max(0, wait - (sparse ? SPIN_MS : EARLY_MS)));
  };
  let pendingDue = o.schedule.next();

  const onAbort = () => {
    interrupted = true;
    stopping = true;
    if (timer) clearTimeout(timer);
    if (poll) clearImmediate(poll);
    void pool.destroy();
    maybeDone();
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });

  const every = o.progressEveryMs ?? 5000;
  const progress = setInterval(() => {
    o.onProgress?.({
      seconds: (performance.now() - t0) / 1000,
      planned,
      sent,
      inFlight,
      notSent,
      slow,
      failed,
      p95: durations.percentiles().p95,
    });
  }, every);
  if (!interrupted) tick();

  return finished.then(async () => {
    clearInterval(progress);
    if (timer) clearTimeout(timer);
    if (poll) clearImmediate(poll);
    if (graceTimer) clearTimeout(graceTimer);
    o.signal?.removeEventListener('abort', onAbort);
    await pool.destroy().catch(() => undefined);
    const p = durations.percentiles();
    const l = lag.percentiles();
    const sv = service.percentiles();
    return {
      measured: {
        requests: done,
        planned,
        notSent,
        p50: p.p50,
        p90: p.p90,
        p95: p.p95,
        p99: p.p99,
        max: p.max,
        avg: p.avg,
        slowCount: slow,
        failed,
        shapeFailed,
        durationSeconds: (lastEnd - t0) / 1000,
      },
      checks,
      timeline,
      sendLag: { p50: l.p50, p99: l.p99, max: l.max, avg: l.avg },
      service: { p50: sv.p50, p99: sv.p99, avg: sv.avg },
      peakInFlight,
      interrupted,
      aborted,
    };
  });
}
