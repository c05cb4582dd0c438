/** Shared by the end-to-end tests: `npm start` against a tenant behind TENANT_URL, as a partner runs it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningTenant } from '../../../tenant/start.ts';

const root = join(import.meta.dirname, '..', '..', '..');

export interface StartedRun {
  child: ChildProcess;
  reports: string;
  output(): string;
  exited: Promise<number | null>;
}

/** The environment CI gives the main job: only these variables, and a new private reports folder. */
export function ciEnvironment(vars: Record<string, string> = {}, prefix = 'e2e-') {
  const reports = mkdtempSync(join(tmpdir(), prefix));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', REPORTS_DIR: reports, ...vars };
  return { env, reports };
}

/** `npm start -- args` as CI runs it, to the end (this process waits: no tenant of its own answers meanwhile). */
export function startSync(args: string[], vars: Record<string, string> = {}, timeout = 240_000) {
  const { env, reports } = ciEnvironment(vars, 'start-');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}`, reports };
}

/** Spawns the main job in live mode against `tenant` with the seed users' credentials. */
export function startLiveRun(tenant: RunningTenant, args: string[], extra: Record<string, string> = {}): StartedRun {
  const { env, reports } = ciEnvironment({
    TENANT_URL: tenant.url,
    AUTH_SCHEME: 'basic',
    SO_USERNAME: 'tje0',
    SO_PASSWORD: 'Tje0',
    TRANSFER_TO_ASSOCIATE: 'kari',
    ...extra,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, reports, output: () => out, exited: new Promise((resolve) => child.on('close', resolve)) };
}

/** Waits (at most 2 minutes) until the run has created a session of its own on the tenant. */
export async function untilRunCreatesASession(tenant: RunningTenant, seeded: number): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (tenant.control.state().sessions <= seeded && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  return tenant.control.state().sessions > seeded;
}
