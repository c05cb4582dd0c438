import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChatAgent } from '@superoffice/webapi';
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

  test('pickUpChatSessionAsync assigns a queued session, and gives null for one not in the queue @PICK-200 @PICK-NULL', async () => {
    const picked = await agent.pickUpChatSessionAsync(130);
    assert.deepEqual([picked.chatSessionId, picked.user?.userName, picked.status], [130, 'tje0', 'UserLast']);
    assert.equal(await agent.pickUpChatSessionAsync(130), null);
  });

  test('transferChatSessionAsync sets TransferTo for the owner and does nothing for another user @XFER-200 @XFER-NOTOWNER', async () => {
    const moved = await agent.transferChatSessionAsync(3, 'kari');
    assert.equal(moved.transferTo?.userName, 'kari');
    const untouched = await olaAgent.transferChatSessionAsync(4, 'kari');
    assert.equal(untouched.transferTo, null);
    assert.equal(running.control.getSession(4)?.TransferTo, null);
  });
});
