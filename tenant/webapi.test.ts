/**
 * The official @superoffice/webapi client (its CommonJS build, webapi-client.ts: the ESM build does
 * not load in plain Node) against the tenant: what a partner's own integration reads and writes
 * must round-trip.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ChatAgent } from './webapi-client.ts';
import { startTenant, type RunningTenant } from './start.ts';

let running: RunningTenant;
let agent: ChatAgent;
let olaAgent: ChatAgent;
before(async () => {
  running = await startTenant({ seedSessions: 300 });
  agent = new ChatAgent(running.url, { auth: { username: 'tje0', password: 'Tje0' } });
  olaAgent = new ChatAgent(running.url, { headers: { Authorization: 'Bearer ola-bearer-token' } });
});
after(() => running.close());

describe('the official @superoffice/webapi ChatAgent against the tenant', () => {
  test('getChatSessionEntityAsync reads a session in the PascalCase the client maps @ENTITY-SHAPE', async () => {
    const entity = await agent.getChatSessionEntityAsync(1);
    assert.deepEqual(
      [entity.chatSessionId, entity.customerName, entity.status, entity.user?.userName],
      [1, 'Customer 1', 'UserLast', 'tje0'],
    );
  });

  test('saveChatSessionEntityAsync writes back what the client read, changed @PUT-200', async () => {
    const entity = await agent.getChatSessionEntityAsync(2);
    entity.customerName = 'Saved by the official client';
    entity.rating = 4;
    const saved = await agent.saveChatSessionEntityAsync(entity);
    assert.deepEqual(
      [saved.customerName, saved.rating, saved.user?.associateId],
      ['Saved by the official client', 4, 5],
    );
    const stored = running.control.getSession(2);
    assert.deepEqual(
      [stored?.CustomerName, stored?.Status, stored?.User?.UserName, stored?.Flags],
      ['Saved by the official client', 'CustomerLast', 'tje0', 'CustomerIsTyping'],
    );
  });

  test(
    'pickUpChatSessionAsync assigns a queued session, ' +
      'and gives null for one not in the queue @PICK-200 @PICK-NULL',
    async () => {
      const picked = await agent.pickUpChatSessionAsync(130);
      assert.deepEqual([picked.chatSessionId, picked.user?.userName, picked.status], [130, 'tje0', 'UserLast']);
      assert.equal(await agent.pickUpChatSessionAsync(130), null);
    },
  );

  test(
    'transferChatSessionAsync sets TransferTo for the owner ' +
      'and does nothing for another user @XFER-200 @XFER-NOTOWNER',
    async () => {
      const moved = await agent.transferChatSessionAsync(3, 'kari');
      assert.equal(moved.transferTo?.userName, 'kari');
      const untouched = await olaAgent.transferChatSessionAsync(4, 'kari');
      assert.equal(untouched.transferTo, null);
      assert.equal(running.control.getSession(4)?.TransferTo, null);
    },
  );

  test('rights masks parse to non-zero rights, single names and lists alike @ENTITY-LINKS', async () => {
    for (const modes of [[], ['masks-as-lists']] as const) {
      running.control.setDeviations([...modes]);
      for (const id of [6, 200]) {
        const entity = await agent.getChatSessionEntityAsync(id);
        const properties = Object.entries(entity.fieldProperties ?? {}) as Array<
          [string, { fieldRight?: { mask?: unknown } }]
        >;
        const fields = properties.map(([name, p]) => [name, p.fieldRight?.mask]);
        assert.ok(Number(entity.tableRight?.mask) > 0, `TableRight of ${id} ${JSON.stringify(modes)}`);
        assert.equal(fields.length, 31);
        assert.deepEqual(
          fields.filter(([, mask]) => !(Number(mask) > 0)),
          [],
          `FieldRights of ${id}`,
        );
      }
    }
    running.control.setDeviations([]);
    const own = await agent.getChatSessionEntityAsync(6);
    assert.deepEqual([own.tableRight?.mask, own.fieldProperties?.ChatSessionId?.fieldRight?.mask], [15, 1]);
  });

  test('Flags reads as the ChatSessionFlags number and saves back as the single name @ENTITY-FLAGS', async () => {
    const [typing, waiting] = [await agent.getChatSessionEntityAsync(5), await agent.getChatSessionEntityAsync(6)];
    assert.deepEqual([typing.flags, waiting.flags], [1, 0]);
    waiting.flags = 1;
    await agent.saveChatSessionEntityAsync(waiting);
    assert.equal(running.control.getSession(6)?.Flags, 'UserIsTyping');
  });

  test('a session that does not exist reads as null @ENTITY-SHAPE', async () => {
    assert.equal(await agent.getChatSessionEntityAsync(99999), null);
  });

  test('transferChatSessionAsync takes the associate by id @XFER-TARGET', async () => {
    const moved = await agent.transferChatSessionAsync(7, '6');
    assert.deepEqual([moved.transferTo?.associateId, moved.transferTo?.userName], [6, 'ola']);
  });

  test('a bad password is refused with 401 @AUTH-NONE', async () => {
    const stranger = new ChatAgent(running.url, { auth: { username: 'tje0', password: 'wrong' } });
    await assert.rejects(stranger.getChatSessionEntityAsync(1), (err: { response?: { status?: number } }) => {
      assert.equal(err.response?.status, 401);
      return true;
    });
  });
});

describe('the official client builds', () => {
  test('the CommonJS build loads in plain Node; the ESM build does not (ERR_MODULE_NOT_FOUND)', () => {
    const load = (code: string, type: 'commonjs' | 'module') =>
      spawnSync(process.execPath, ['--input-type', type, '-e', code], { cwd: import.meta.dirname, encoding: 'utf8' });
    const cjs = load("console.log(typeof require('@superoffice/webapi').ChatAgent)", 'commonjs');
    assert.deepEqual([cjs.status, cjs.stdout.trim()], [0, 'function'], cjs.stderr);
    const esm = load("await import('@superoffice/webapi')", 'module');
    assert.notEqual(esm.status, 0);
    assert.match(esm.stderr, /ERR_MODULE_NOT_FOUND[\s\S]*dist\/esm\/WebApiBase/);
  });
});

describe('the official client and time zones (one child process per host TZ)', () => {
  interface Stored {
    before: Record<string, string>;
    after: Record<string, string>;
  }
  const runUnder = (tz: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz };
    delete env.NODE_TEST_CONTEXT;
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'webapi-dates.ts')], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
      offset: number;
      plain: Stored;
      offsets: Stored;
    };
  };
  /** Minutes each When* value moved between what the tenant had and what the client saved back. */
  const shifts = ({ before, after }: Stored) =>
    Object.keys(before).map((f) => (Date.parse(`${after[f]}Z`) - Date.parse(`${before[f]}Z`)) / 60_000);

  test('under TZ=UTC a read-then-save keeps every date-time, with or without offsets @TZ-CONVERT', () => {
    const run = runUnder('UTC');
    assert.equal(run.offset, 0);
    assert.deepEqual(
      [shifts(run.plain), shifts(run.offsets)],
      [
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ],
    );
  });

  test('under TZ=Europe/Oslo the client shifts offset-less dates; asking for offsets keeps them @TZ-CONVERT', () => {
    const run = runUnder('Europe/Oslo');
    assert.equal(run.offset, -60);
    // The known client behaviour (FACTS.md): naive date-times read as host-local time move by the host offset;
    // the unset date stays unset.
    assert.deepEqual(shifts(run.plain), [-60, -60, 0, -60, -60]);
    assert.deepEqual(shifts(run.offsets), [0, 0, 0, 0, 0]);
  });
});
