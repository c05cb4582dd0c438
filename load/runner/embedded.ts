/**
 * One run on the embedded engine: the scenario's schedule, bodies and checks, sent by
 * load/engine/ in this process, every answer validated with the ajv validator schemas/index.ts
 * compiles (the one every suite uses). Progress goes to `log` every 5 s.
 */
import { createRequire } from 'node:module';
import type { Entity } from '../../lib/client.ts';
import { rawSchema, validatorOf } from '../../schemas/index.ts';
import { runEngine, type EngineRequest, type EngineResult } from '../engine/engine.ts';
import { checkPut, type CheckOutcome } from '../scenario/checks.ts';
import { putHeaders, PutBodyText } from '../scenario/put-body.ts';
import { ArrivalSchedule } from '../scenario/schedule.ts';
import { REQUEST_TIMEOUT, parseDuration } from '../scenario/profiles.ts';
import type { RunPlan } from './plan.ts';

const require = createRequire(import.meta.url);
const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

/** `undici 7.30.2, hdr-histogram-js 3.0.1`: what the report names as the engine's version. */
export const embeddedVersion = `undici ${versionOf('undici')}, hdr-histogram-js ${versionOf('hdr-histogram-js')}`;

/** Top-level property names ChatSessionEntityWithLinks documents (itself and the entity it extends). */
export function documentedProperties(): Set<string> {
  const names = new Set<string>();
  const walk = (schema: Record<string, unknown>) => {
    for (const key of Object.keys((schema.properties as object | undefined) ?? {})) names.add(key);
    for (const part of (schema.allOf as Array<Record<string, unknown>> | undefined) ?? []) {
      const ref = part.$ref;
      walk(typeof ref === 'string' ? rawSchema(ref.split('#')[0] as string) : part);
    }
  };
  walk(rawSchema('ChatSessionEntityWithLinks.json'));
  return names;
}

/** The engine's request(n): the sessions in turn, each PUT's body as buildPutBody() makes it. */
export function putRequests(sessions: readonly Entity[], prefix = ''): (n: number) => EngineRequest {
  const paths = sessions.map((s) => `${prefix}/api/v1/ChatSession/${s.ChatSessionId}`);
  const bodies = new PutBodyText(sessions);
  return (n) => {
    const i = n % sessions.length;
    return { path: paths[i] as string, body: bodies.text(i, n, Date.now()) };
  };
}

/** The engine's check: PUT-200 and ENTITY-SHAPE with the suites' ajv validator, on every answer. */
export function putCheck(): (status: number, body: string) => CheckOutcome {
  const validate = validatorOf('ChatSessionEntityWithLinks');
  const documented = documentedProperties();
  return (status, body) => checkPut(status, body, { validate, documented });
}

export interface EmbeddedRun {
  baseUrl: string;
  authHeaders: Record<string, string>;
  sessions: readonly Entity[];
  plan: RunPlan;
  nsApiSlowMs: number;
  signal?: AbortSignal;
  log(line: string): void;
}

export function runEmbedded(r: EmbeddedRun): Promise<EngineResult> {
  const url = new URL(r.baseUrl);
  return runEngine({
    origin: url.origin,
    headers: putHeaders(r.authHeaders),
    schedule: new ArrivalSchedule(r.plan.scenario),
    request: putRequests(r.sessions, url.pathname.replace(/\/+$/, '')),
    check: putCheck(),
    maxInFlight: r.plan.settings.maxVus,
    maxRequests: r.plan.maxRequests,
    requestTimeoutMs: parseDuration(REQUEST_TIMEOUT) * 1000,
    gracefulStopMs: r.plan.gracefulStopMs,
    slowMs: r.nsApiSlowMs,
    ...(r.signal ? { signal: r.signal } : {}),
    onProgress: (p) =>
      r.log(
        `  ${p.seconds.toFixed(0)} s: ${p.sent} of ${p.planned} PUTs sent, ${p.inFlight} in flight, p95 ${p.p95.toFixed(1)} ms, ${p.slow} slow, ${p.failed} not 200${p.notSent ? `, ${p.notSent} NOT SENT (in-flight cap)` : ''}`,
      ),
  });
}
