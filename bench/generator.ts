/**
 * The embedded engine as the bench's load generator, in this process: the same schedule, bodies
 * and checks `npm run load` uses (load/engine/ + load/scenario/), every answer validated with the
 * suites' ajv validator, with this process's CPU time and memory sampled around the run.
 */
import { cpuUsage, memoryUsage } from 'node:process';
import { seedSession } from '../tenant/seed.ts';
import { runEngine } from '../load/engine/engine.ts';
import { putCheck, putRequests } from '../load/runner/embedded.ts';
import { profiles, settingsFor } from '../load/scenario/profiles.ts';
import { putHeaders } from '../load/scenario/put-body.ts';
import { ArrivalSchedule } from '../load/scenario/schedule.ts';
import type { GeneratorResult } from './wrk.ts';

export interface EngineFigures extends GeneratorResult {
  /** PUTs answered 200 with a body that matched the schema. */
  validated: number;
  notSent: number;
  cpuMsPerPut: number;
  /** Validated PUTs per second of this process's CPU time (one core's worth). */
  putsPerCore: number;
  peakRssMb: number;
  /** p50/p99 from the intended start (what `npm run load` reports). */
  reportedP50: number;
  reportedP99: number;
}

const sessions = Array.from({ length: 50 }, (_, i) => seedSession(400 + i));

/** `rate` arrivals/s for `seconds`, at most `inFlight` open; a very high rate saturates the server. */
export async function drive(
  url: string,
  auth: Record<string, string>,
  rate: number,
  inFlight: number,
  seconds: number,
): Promise<EngineFigures> {
  const scenario = profiles.smoke.scenario(settingsFor('smoke', { rate, duration: `${seconds}s`, maxVus: inFlight }));
  let peak = memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, memoryUsage.rss())), 100);
  const cpu0 = cpuUsage();
  const r = await runEngine({
    origin: url,
    headers: putHeaders(auth),
    schedule: new ArrivalSchedule(scenario),
    request: putRequests(sessions),
    check: putCheck(),
    maxInFlight: inFlight,
    maxRequests: Number.MAX_SAFE_INTEGER,
    requestTimeoutMs: 30_000,
    gracefulStopMs: 35_000,
    slowMs: 5000,
  });
  const cpu = cpuUsage(cpu0);
  clearInterval(sampler);
  const m = r.measured;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const validated = r.checks.shapePasses;
  return {
    requests: m.requests,
    seconds: m.durationSeconds,
    rps: m.requests / m.durationSeconds,
    p50Ms: r.service.p50,
    p99Ms: r.service.p99,
    errors: m.failed + m.shapeFailed,
    validated,
    notSent: m.notSent,
    cpuMsPerPut: cpuMs / Math.max(1, m.requests),
    putsPerCore: validated / (cpuMs / 1000),
    peakRssMb: peak / 2 ** 20,
    reportedP50: m.p50,
    reportedP99: m.p99,
  };
}

/** As many PUTs as the server takes with `inFlight` open (section 1's generator when wrk is missing). */
export function saturate(
  url: string,
  auth: Record<string, string>,
  inFlight: number,
  seconds: number,
): Promise<EngineFigures> {
  return drive(url, auth, 50_000, inFlight, seconds);
}
