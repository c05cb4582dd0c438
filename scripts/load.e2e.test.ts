/**
 * The load stage end to end, as `npm start` runs it (issue 12's last proof, issue 14 item 2):
 * - SIGINT to the process group (Ctrl-C) or SIGTERM to npm's PID during the load stage against a
 *   tenant behind TENANT_URL: exit 2, and every scratch session the run created is gone;
 * - a run killed with SIGKILL leaves its scratch sessions: the next run deletes them first;
 * - with 3 % of PUTs held 5200 ms by the embedded tenant, the main job exits 1 naming PUT-SLOW, and
 *   the slow count it reports is the tenant's own count.
 * The live tenant is the embedded one started here, so only the documented API touches it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startTenant, type RunningTenant } from '../tenant/start.ts';

const root = join(import.meta.dirname, '..');
const SEEDED = 60;
const SCRATCH = 50;

interface NpmRun {
  pid: number;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start -- <args>` in its own process group, as a terminal runs it. */
function npmStart(args: string[], env: Record<string, string>): NpmRun {
  const npm = spawn('npm', ['start', '--', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
  npm.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    npm.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  return { pid: npm.pid!, output: () => out, exited };
}

function liveEnv(tenant: RunningTenant, reports: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REPORTS_DIR: reports,
    TENANT_URL: tenant.url,
    AUTH_SCHEME: 'basic',
    SO_USERNAME: 'tje0',
    SO_PASSWORD: 'Tje0',
    LOAD_SESSIONS: String(SCRATCH),
    ...extra,
  };
}

/** Waits (at most 2 minutes) until the run has its scratch sessions and the tenant has seen PUTs. */
async function untilLoadRuns(tenant: RunningTenant, run: NpmRun): Promise<void> {
  const deadline = Date.now() + 120_000;
  const running = () =>
    tenant.control.state().sessions >= SEEDED + SCRATCH && tenant.control.counters().PUT.requests >= 5;
  while (!running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(running(), `the load stage never started its PUTs:\n${run.output()}`);
}

const children = (pid: number) =>
  execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number);

describe('the load stage under npm start against a tenant behind TENANT_URL', { timeout: 240_000 }, () => {
  for (const [signal, to] of [
    ['SIGINT', 'the process group'],
    ['SIGTERM', "npm's PID"],
  ] as const) {
    test(`${signal} to ${to} during the load: exit 2 and every scratch session deleted`, async () => {
      const tenant = await startTenant({ seedSessions: SEEDED });
      try {
        const reports = mkdtempSync(join(tmpdir(), 'load-e2e-'));
        const run = npmStart(['--only', 'load'], liveEnv(tenant, reports, { LOAD_DURATION: '90s' }));
        await untilLoadRuns(tenant, run);
        process.kill(to === 'the process group' ? -run.pid : run.pid, signal);
        const code = await run.exited;
        const out = run.output();
        assert.equal(code, 2, out);
        assert.equal(tenant.control.state().sessions, SEEDED, `scratch sessions left behind:\n${out}`);
        assert.match(out, new RegExp(`deleted the ${SCRATCH} scratch sessions this run created`));
        assert.doesNotMatch(out, /NOT (restored|deleted)/);
        assert.match(out, /^INCOMPLETE — /m);
        assert.deepEqual(readdirSync(join(reports, '.restore-journal')), [], 'nothing left in the journal');
      } finally {
        await tenant.close();
      }
    });
  }

  test('a run killed with SIGKILL leaves scratch sessions; the next run deletes them before it starts', async () => {
    const tenant = await startTenant({ seedSessions: SEEDED });
    try {
      const reports = mkdtempSync(join(tmpdir(), 'load-e2e-'));
      const killed = npmStart(['--only', 'load'], liveEnv(tenant, reports, { LOAD_DURATION: '90s' }));
      await untilLoadRuns(tenant, killed);
      // kill -9 of everything: npm, the main job, and the load stage (its own process group).
      const harness = children(killed.pid)[0]!;
      const stage = children(harness)[0]!;
      process.kill(-stage, 'SIGKILL');
      process.kill(-killed.pid, 'SIGKILL');
      await killed.exited;
      assert.equal(tenant.control.state().sessions, SEEDED + SCRATCH, 'the killed run could not delete anything');

      const next = npmStart(['--only', 'load'], liveEnv(tenant, reports, { LOAD_DURATION: '2s' }));
      const code = await next.exited;
      const out = next.output();
      assert.equal(code, 0, out);
      assert.match(
        out,
        new RegExp(`before this run: live tenant sessions: deleted the harness's own( \\d+,){${SCRATCH - 1}} \\d+`),
      );
      assert.equal(tenant.control.state().sessions, SEEDED, `sessions left behind:\n${out}`);
    } finally {
      await tenant.close();
    }
  });
});

test('with 3 % of PUTs at 5200 ms the main job exits 1 naming PUT-SLOW @PUT-SLOW', { timeout: 240_000 }, async (t) => {
  const reports = mkdtempSync(join(tmpdir(), 'load-e2e-'));
  const run = npmStart(['--only', 'load'], {
    REPORTS_DIR: reports,
    LOAD_RATE: '10',
    LOAD_DURATION: '10s',
    TENANT_LATENCY: JSON.stringify({ PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } }),
  });
  const code = await run.exited;
  const out = run.output();
  assert.equal(code, 1, out);
  assert.match(out, /✖ PUT-SLOW ns_api_slow rate<=0/);
  assert.match(out, /^FAILED — .*PUT-SLOW/m);
  const log = readFileSync(join(reports, 'logs', 'load.log'), 'utf8');
  const m = /tenant saw (\d+) PUTs and delayed (\d+); measured (\d+) PUTs, (\d+) slow/.exec(log);
  assert.ok(m, log);
  const [, seen, delayed, measured, slow] = m.map(Number);
  t.diagnostic(`${slow} slow of ${measured} PUTs measured; the tenant saw ${seen} and delayed ${delayed}`);
  assert.ok(delayed! > 0, 'the tenant delayed some PUTs');
  assert.deepEqual([measured, slow], [seen, delayed], 'every PUT measured, the slow count exactly the tenant count');
});
