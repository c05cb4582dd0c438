/**
 * Child process for the engines section: one load generator candidate, one run against `url`,
 * every answer parsed and validated with the suites' ajv validator, one JSON line on stdout.
 * CPU is this process's process.cpuUsage() over the load alone (start-up excluded); for artillery,
 * a CLI, it is the CLI process's CPU from /proc less that of the same run at 1 arrival/s.
 *
 *   node --import tsx bench/candidate.ts '{"name":"autocannon","url":...,"rate":400,"seconds":10,...}'
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { validatorOf } from '../schemas/index.ts';
import { runEngine } from '../load/engine/engine.ts';
import { putCheck, putRequests } from '../load/runner/embedded.ts';
import { seedSession } from '../tenant/seed.ts';
import { checkPut } from '../load/scenario/checks.ts';
import { profiles, settingsFor } from '../load/scenario/profiles.ts';
import { putHeaders } from '../load/scenario/put-body.ts';
import { ArrivalSchedule } from '../load/scenario/schedule.ts';
import { sampleProc } from './procs.ts';

export interface CandidateJob {
  name: 'embedded' | 'autocannon' | 'artillery';
  /** Where autocannon / artillery are installed (a folder with node_modules/). */
  from: string;
  url: string;
  rate: number;
  seconds: number;
  /** In flight at most (embedded), connections (autocannon). */
  inFlight: number;
  headers: Record<string, string>;
  body: string;
  /** Embedded only: the scenario's own bodies and check (what `npm run load` sends), not `body`. */
  scenario?: boolean;
}

export interface CandidateRun {
  requests: number;
  validated: number;
  errors: number;
  cpuMs: number;
  p50: number;
  p99: number;
  max: number;
  /** Embedded only: arrivals not sent (the in-flight cap was reached), and how late sends left. */
  notSent?: number;
  sendLagP99?: number;
}

const path = '/api/v1/ChatSession/400';
const validate = validatorOf('ChatSessionEntityWithLinks');
const valid = (body: string) => checkPut(200, body, { validate }).status === 'ok';

async function embedded(job: CandidateJob): Promise<CandidateRun> {
  const scenario = profiles.smoke.scenario(
    settingsFor('smoke', { rate: job.rate, duration: `${job.seconds}s`, maxVus: job.inFlight }),
  );
  const sessions = Array.from({ length: 50 }, (_, i) => seedSession(400 + i));
  const cpu0 = cpuUsage();
  const r = await runEngine({
    origin: job.url,
    headers: putHeaders(job.headers),
    schedule: new ArrivalSchedule(scenario),
    request: job.scenario ? putRequests(sessions) : () => ({ path, body: job.body }),
    check: job.scenario ? putCheck() : (status, body) => checkPut(status, body, { validate }),
    maxInFlight: job.inFlight,
    maxRequests: Number.MAX_SAFE_INTEGER,
    requestTimeoutMs: 30_000,
    gracefulStopMs: 35_000,
    slowMs: 5000,
  });
  const cpu = cpuUsage(cpu0);
  const m = r.measured;
  return {
    requests: m.requests,
    validated: r.checks.shapePasses,
    errors: m.failed + m.shapeFailed,
    cpuMs: (cpu.user + cpu.system) / 1000,
    p50: m.p50,
    p99: m.p99,
    max: m.max,
    notSent: m.notSent,
    sendLagP99: r.sendLag.p99,
  };
}

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

async function autocannon(job: CandidateJob): Promise<CandidateRun> {
  const run = createRequire(join(job.from, 'package.json'))('autocannon') as (o: object) => Promise<AutocannonResult>;
  let validated = 0;
  const cpu0 = cpuUsage();
  const r = await run({
    url: `${job.url}${path}`,
    method: 'PUT',
    headers: putHeaders(job.headers),
    body: job.body,
    connections: job.inFlight,
    overallRate: job.rate,
    duration: job.seconds,
    verifyBody: (body: string) => valid(body) && ++validated > 0,
  });
  const cpu = cpuUsage(cpu0);
  return {
    requests: r.requests.total,
    validated,
    errors: r.errors + r.timeouts + r.non2xx + r.mismatches,
    cpuMs: (cpu.user + cpu.system) / 1000,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
  };
}

/** One artillery CLI run: its CPU (from /proc, sampled until it exits) and its JSON report. */
async function artilleryOnce(job: CandidateJob, rate: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-artillery-'));
  const validators = join(import.meta.dirname, '..', 'load', 'k6', 'validators.gen.js');
  writeFileSync(
    join(dir, 'check.cjs'),
    // The suites' schema as ajv standalone code (load/k6/validators.gen.js, require(esm) on Node >= 20.19).
    `const { validateChatSessionEntityWithLinks: v } = require(${JSON.stringify(validators)});
module.exports = { check(req, res, ctx, ee, next) {
  let ok = false; try { ok = res.statusCode === 200 && v(JSON.parse(res.body)); } catch {}
  ee.emit('counter', ok ? 'validated' : 'invalid', 1); next();
} };\n`,
  );
  const script = {
    config: { target: job.url, phases: [{ duration: job.seconds, arrivalRate: rate }], processor: './check.cjs' },
    scenarios: [
      {
        flow: [{ put: { url: path, headers: putHeaders(job.headers), body: job.body, afterResponse: 'check' } }],
      },
    ],
  };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(script));
  const bin = join(job.from, 'node_modules', 'artillery', 'bin', 'run');
  const child = spawn(process.execPath, [bin, 'run', '--output', join(dir, 'out.json'), join(dir, 'run.json')], {
    cwd: dir,
    stdio: 'ignore',
  });
  let cpuMs = 0;
  const sampler = setInterval(() => (cpuMs = sampleProc(child.pid!)?.cpuMs ?? cpuMs), 50);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
    aggregate: {
      counters: Record<string, number>;
      summaries: Record<string, { p50: number; p99: number; max: number }>;
    };
  };
  return { cpuMs, aggregate: out.aggregate };
}

async function artillery(job: CandidateJob): Promise<CandidateRun> {
  const idle = await artilleryOnce(job, 1);
  const full = await artilleryOnce(job, job.rate);
  const c = full.aggregate.counters;
  const t = full.aggregate.summaries['http.response_time'] ?? { p50: 0, p99: 0, max: 0 };
  const requests = c['http.requests'] ?? 0;
  const idleRequests = idle.aggregate.counters['http.requests'] ?? 0;
  return {
    requests,
    validated: c.validated ?? 0,
    errors: (c.invalid ?? 0) + (c['vusers.failed'] ?? 0),
    // Start-up, module loading and teardown are the same in both runs: the difference is the load's.
    cpuMs: ((full.cpuMs - idle.cpuMs) * requests) / Math.max(1, requests - idleRequests),
    p50: t.p50,
    p99: t.p99,
    max: t.max,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as CandidateJob;
const runs = { embedded, autocannon, artillery } as const;
const result = await runs[job.name](job);
console.log(JSON.stringify(result));
process.exit(0);
