import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { ChatSessionClient } from './client.ts';
import { RestoreJournal } from './restore-journal.ts';

let tenant: RunningTenant;
let client: ChatSessionClient;
before(async () => {
  tenant = await startTenant({ seedSessions: 50 });
  client = new ChatSessionClient({
    baseUrl: tenant.url,
    auth: { scheme: 'basic', username: 'tje0', password: 'Tje0' },
  });
});
after(() => tenant.close());

const journal = () => RestoreJournal.under(mkdtempSync(join(tmpdir(), 'journal-')), tenant.url);

describe('RestoreJournal', () => {
  test('puts a borrowed session back as it was read, after a process left it changed', async () => {
    const j = journal();
    const before = (await client.get(7)).body;
    j.borrowed(7, before, 'test');
    await client.patch(7, { CustomerName: 'changed by a run that was killed', Rating: 9 });
    const recovery = await j.recover(client);
    assert.deepEqual(recovery, { restored: [7], deleted: [], failed: [] });
    assert.deepEqual((await client.get(7)).body, before);
    assert.deepEqual(j.pending(), []);
  });

  test('deletes a session the harness created', async () => {
    const j = journal();
    const created = await client.create({ CustomerName: 'scratch' });
    j.created(created.body.ChatSessionId, 'test');
    assert.deepEqual(await j.recover(client), { restored: [], deleted: [created.body.ChatSessionId], failed: [] });
    assert.equal((await client.get(created.body.ChatSessionId)).status, 404);
  });

  test('names the ids it could not restore, and keeps them for the next run', async () => {
    const j = journal();
    const doomed = await client.create({ CustomerName: 'will vanish' });
    j.borrowed(doomed.body.ChatSessionId, doomed.body, 'test');
    await client.delete(doomed.body.ChatSessionId);
    const recovery = await j.recover(client);
    assert.deepEqual(recovery.failed, [{ id: doomed.body.ChatSessionId, reason: 'PUT answered 404' }]);
    assert.equal(j.pending().length, 1);
  });

  test('the first record of a session wins, so a second change cannot overwrite the original', async () => {
    const j = journal();
    const original = (await client.get(8)).body;
    j.borrowed(8, original, 'first');
    j.borrowed(8, { ...original, CustomerName: 'already changed' }, 'second');
    assert.equal(j.pending()[0]?.entity?.CustomerName, original.CustomerName);
  });
});
