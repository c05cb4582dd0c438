/**
 * Ctrl-C in the middle of the API stage against a live tenant (here: the embedded tenant behind
 * TENANT_URL, so only the documented API is used): the run exits 2, says what it restored or
 * deleted, and the tenant is left exactly as it was found, whichever got there first: the
 * suite's own teardown, or the restore journal the main job replays (lib/restore-journal.test.ts
 * covers the journal alone).
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startTenant } from '../../../tenant/start.ts';
import { startLiveRun, untilRunCreatesASession } from './e2e-support.ts';

const root = join(import.meta.dirname, '..', '..', '..');

test('SIGINT during the API stage restores the live tenant and exits 2', { timeout: 180_000 }, async () => {
  const tenant = await startTenant({ seedSessions: 60 });
  try {
    const snapshot = () =>
      JSON.stringify(Array.from({ length: 70 }, (_, i) => tenant.control.getSession(i + 1) ?? null));
    const before = snapshot();
    const run = startLiveRun(tenant, ['--only', 'api'], {
      SECOND_USERNAME: 'ola',
      SECOND_PASSWORD: 'Ola0',
      CHAT_SESSION_ID: '7',
    });
    // Interrupt once the suite has made changes of its own on the tenant.
    assert.ok(await untilRunCreatesASession(tenant, 60), `the API stage never created a session:\n${run.output()}`);
    run.child.kill('SIGINT');
    const code = await run.exited;
    const out = run.output();

    assert.equal(code, 2, out);
    assert.match(out, /SIGINT: stopping the running stage/);
    assert.match(out, /live tenant(?: sessions: (?:restored|deleted)|: nothing left to restore)/);
    assert.doesNotMatch(out, /NOT restored/);
    assert.equal(tenant.control.state().sessions, 60, 'sessions the run created are deleted');
    assert.equal(snapshot(), before, 'seed sessions are as they were');
  } finally {
    await tenant.close();
  }
});

/**
 * Ctrl-C under `npm start` (Linux: npm -> the harness, `exec`'d by npm's sh): the terminal's
 * SIGINT goes to the whole group; a user may also signal npm's PID or the harness's own. Each
 * way, the exit code is 2, the verdict line is printed, and run.json says the same.
 */
describe('Ctrl-C under npm start', () => {
  for (const target of ['the process group', "npm's PID", "the harness's own PID"] as const) {
    test(`SIGINT to ${target}: exit 2, the verdict line printed, run.json agreeing`, { timeout: 120_000 }, async () => {
      const reports = mkdtempSync(join(tmpdir(), 'ctrl-c-'));
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', REPORTS_DIR: reports };
      const npm = spawn('npm', ['start', '--', '--only', 'contracts'], { cwd: root, env, detached: true });
      let out = '';
      npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
      npm.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise<number | null>((resolve) =>
        npm.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))),
      );
      const deadline = Date.now() + 60_000;
      while (!/\] contracts: /.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /\] contracts: /, 'the contracts stage never started');
      const harness = Number(
        execFileSync('pgrep', ['-P', String(npm.pid)], { encoding: 'utf8' })
          .trim()
          .split('\n')[0],
      );
      if (target === 'the process group') process.kill(-npm.pid!, 'SIGINT');
      else process.kill(target === "npm's PID" ? npm.pid! : harness, 'SIGINT');
      const code = await exited;
      assert.equal(code, 2, out);
      assert.match(out, /SIGINT: stopping the running stage/);
      assert.match(out, /^INCOMPLETE — .*interrupted/m);
      const run = JSON.parse(readFileSync(join(reports, 'run.json'), 'utf8')) as {
        exitCode: number;
        complete: boolean;
      };
      assert.deepEqual({ exitCode: run.exitCode, complete: run.complete }, { exitCode: 2, complete: false });
    });
  }
});
