/**
 * Ctrl-C in the middle of the API stage against a live tenant (here: the embedded tenant behind
 * TENANT_URL, so only the documented API is used): the run exits 2, says what it restored or
 * deleted, and the tenant is left exactly as it was found, whichever got there first: the
 * suite's own teardown, or the restore journal the main job replays (lib/restore-journal.test.ts
 * covers the journal alone).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTenant } from '../tenant/start.ts';
import { startLiveRun, untilRunCreatesASession } from './e2e-support.ts';

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
