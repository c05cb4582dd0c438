/**
 * The servers the bench measures, each started as its own Node process (serve-tenant.ts,
 * serve-bare.ts) so its event loop never shares a core's time slices with the load generator's,
 * and the tenant's admin API (latency injection, counters) over HTTP on 127.0.0.1.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readyLine, start, stop, type Started } from './procs.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const root = join(here, '..');

export interface Server {
  kind: 'tenant' | 'bare' | 'fair';
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
}

/** Starts the tenant or the bare server and resolves once it listens. */
export async function startServer(kind: Server['kind'], options: ServeOptions = {}): Promise<Server> {
  const entry = join(here, `serve-${kind}.ts`);
  const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const proc = start(process.execPath, [...prof, '--import', 'tsx', entry], {
    cpu: options.cpu,
    cwd: root,
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

/** Back to the seed, then the given PUT latency (0 = none). */
export async function resetTenant(server: Server, putLatencyMs = 0): Promise<void> {
  await admin(server, 'POST', 'reset');
  await admin(server, 'PUT', 'latency', putLatencyMs > 0 ? { PUT: { kind: 'fixed', ms: putLatencyMs } } : {});
}

/** PUTs the tenant has counted since the last reset. */
export async function putCount(server: Server): Promise<number> {
  const counters = (await admin(server, 'GET', 'counters')) as Record<string, { requests: number }>;
  return counters.PUT?.requests ?? 0;
}
