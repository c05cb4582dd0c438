/**
 * The servers the bench measures, each started as its own Node process (serve-tenant.ts,
 * serve-fair.ts, serve-fastify.ts, serve-work.ts, serve-bare.ts) so its event loop never shares a
 * core's time slices with the load generator's, and the tenant's admin API (latency injection,
 * counters) over HTTP on 127.0.0.1.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Counters, FaultSpec, LatencySpec } from '../tenant/modes.ts';
import { readyLine, start, stop, type Started } from './procs.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const root = join(here, '..');

export interface Server {
  kind: 'tenant' | 'bare' | 'fair' | 'fastify' | 'work';
  url: string;
  adminToken: string;
  pid: number;
  proc: Started;
}

export interface ServeOptions {
  cpu?: number;
  /** Write a V8 CPU profile into this folder when the server stops (node --cpu-prof). */
  cpuProfDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Tenant only: keep an IPC channel so servedPutTimes() can ask what the tenant took. */
  ipc?: boolean;
}

/** Starts the tenant or one of the ceiling servers and resolves once it listens. */
export async function startServer(kind: Server['kind'], options: ServeOptions = {}): Promise<Server> {
  const entry = join(here, `serve-${kind}.ts`);
  const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const proc = start(process.execPath, [...prof, '--import', 'tsx', entry], {
    cpu: options.cpu,
    cwd: root,
    ...(options.ipc ? { ipc: true } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  try {
    const ready = await readyLine<{ url: string; adminToken: string; pid: number }>(proc, 30_000);
    return { kind, url: ready.url, adminToken: ready.adminToken, pid: proc.pid, proc };
  } catch (err) {
    await stop(proc.child);
    throw new Error(`the ${kind} server did not start: ${(err as Error).message}`);
  }
}

export function stopServer(server: Server): Promise<void> {
  return stop(server.proc.child);
}

async function admin(server: Server, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}/_admin/${path}`, {
    method,
    headers: { 'X-Admin-Token': server.adminToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200)
    throw new Error(
      `tenant admin ${method} /_admin/${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`,
    );
  return res.json();
}

/** Back to the seed, then the given PUT latency (0 = none) and faults (none unless given). */
export async function resetTenant(server: Server, putLatencyMs = 0): Promise<void> {
  await setModes(server, putLatencyMs > 0 ? { PUT: { kind: 'fixed', ms: putLatencyMs } } : {});
}

/** Back to the seed (counters zeroed, PRNGs restarted), then these latency and fault modes. */
export async function setModes(server: Server, latency: LatencySpec, faults: FaultSpec = {}): Promise<void> {
  await admin(server, 'POST', 'reset');
  await admin(server, 'PUT', 'latency', latency);
  await admin(server, 'PUT', 'faults', faults);
}

/** What the tenant counted since the last reset, per route. */
export async function tenantCounters(server: Server): Promise<Counters> {
  return (await admin(server, 'GET', 'counters')) as Counters;
}

/** What the tenant took per PUT (ms) since the last ask; needs `ipc: true` at start. */
export function servedPutTimes(server: Server, timeoutMs = 10_000): Promise<number[]> {
  const child = server.proc.child;
  if (!child.send) return Promise.reject(new Error(`the ${server.kind} server was started without ipc`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('no answer to "served"')), timeoutMs);
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && Array.isArray((m as { served?: unknown }).served))
        done(undefined, (m as { served: number[] }).served);
    };
    function done(err: Error | undefined, served?: number[]) {
      clearTimeout(timer);
      child.off('message', onMessage);
      if (err) reject(err);
      else resolve(served as number[]);
    }
    child.on('message', onMessage);
    child.send('served');
  });
}
