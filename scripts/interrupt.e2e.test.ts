/**
 * Ctrl-C in the middle of the API stage against a live tenant (here: the embedded tenant behind
 * TENANT_URL, so only the documented API is used): the run exits 2, says what it restored or
 * deleted, and the tenant is left exactly as it was found.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startTenant } from '../tenant/start.ts';

const root = join(import.meta.dirname, '..');

test('SIGINT during the API stage restores the live tenant and exits 2', { timeout: 180_000 }, async () => {
  const tenant = await startTenant({ seedSessions: 60 });
  try {
    const snapshot = () => JSON.stringify(Array.from({ length: 70 }, (_, i) => tenant.control.getSession(i + 1) ?? null));
    const before = snapshot();
    const reports = mkdtempSync(join(tmpdir(), 'interrupt-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', REPORTS_DIR: reports, TENANT_URL: tenant.url, AUTH_SCHEME: 'basic', SO_USERNAME: 'tje0', SO_PASSWORD: 'Tje0', SECOND_USERNAME: 'ola', SECOND_PASSWORD: 'Ola0', TRANSFER_TO_ASSOCIATE: 'kari', CHAT_SESSION_ID: '7' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--only', 'api'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    // Interrupt once the suite has made changes of its own on the tenant.
    const deadline = Date.now() + 120_000;
    while (tenant.control.state().sessions <= 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(tenant.control.state().sessions > 60, `the API stage never created a session:\n${out}`);
    child.kill('SIGINT');
    const code = await exited;

    assert.equal(code, 2, out);
    assert.match(out, /SIGINT: stopping the running stage/);
    assert.match(out, /live tenant (sessions: (restored|deleted)|: nothing left to restore)/);
    assert.doesNotMatch(out, /NOT restored/);
    assert.equal(tenant.control.state().sessions, 60, 'sessions the run created are deleted');
    assert.equal(snapshot(), before, 'seed sessions are as they were');
  } finally {
    await tenant.close();
  }
});
