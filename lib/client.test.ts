import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSample } from '../schemas/samples.ts';
import { ChatSessionClient, retryAfterMs } from './client.ts';
import { toXml } from './xml.ts';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeTenant(reply: { status?: number; contentType?: string; body?: string } = {}) {
  const seen: Seen[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({
      url: String(url),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: init?.body as string | undefined,
    });
    return new Response(reply.body ?? JSON.stringify(loadSample('put-response.json')), {
      status: reply.status ?? 200,
      headers: { 'content-type': reply.contentType ?? 'application/json; charset=utf-8' },
    });
  }) as typeof fetch;
  const client = new ChatSessionClient({
    baseUrl: 'http://127.0.0.1:1',
    auth: { scheme: 'basic', username: 'tje0', password: 'Tje0' },
    appToken: 'app',
    fetch: fetchFn,
  });
  return { client, seen };
}

describe('ChatSessionClient', () => {
  test('PUT sends the entity as JSON with auth, app token and $select @PUT-200', async () => {
    const { client, seen } = fakeTenant();
    const res = await client.put(22, { Rating: 3 }, { select: ['Rating', 'User/AssociateId'] });
    assert.equal(res.status, 200);
    assert.equal(res.body.ChatSessionId, 22);
    assert.deepEqual(seen[0], {
      url: 'http://127.0.0.1:1/api/v1/ChatSession/22?$select=Rating,User%2FAssociateId',
      method: 'PUT',
      headers: {
        Authorization: 'Basic dGplMDpUamUw',
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'SO-AppToken': 'app',
      },
      body: '{"Rating":3}',
    });
  });

  test('PUT without an entity sends no body @PUT-400', async () => {
    const { client, seen } = fakeTenant({
      status: 400,
      body: '{"Error":true,"ErrorType":"BadRequest","ErrorMessage":"no entity"}',
    });
    const res = await client.put(22, undefined);
    assert.equal(seen[0]?.body, undefined);
    assert.equal(seen[0]?.headers['Content-Type'], undefined);
    assert.deepEqual(res.body, { Error: true, ErrorType: 'BadRequest', ErrorMessage: 'no entity' });
  });

  test('PATCH picks the JSON Patch or merge-patch media type from the document @CT-JSONPATCH @CT-MERGEPATCH', async () => {
    const { client, seen } = fakeTenant();
    await client.patch(5, [{ op: 'replace', path: 'Rating', value: 1 }], {
      ifUnmodifiedSince: 'Tue, 02 Jan 2024 03:04:05 GMT',
    });
    await client.patch(5, { Rating: 1 });
    assert.equal(seen[0]?.headers['Content-Type'], 'application/json-patch+json');
    assert.equal(seen[0]?.headers['If-Unmodified-Since'], 'Tue, 02 Jan 2024 03:04:05 GMT');
    assert.equal(seen[1]?.headers['Content-Type'], 'application/merge-patch+json');
  });

  test('PickUp posts the documented body @PICK-200', async () => {
    const { client, seen } = fakeTenant({ body: 'null' });
    const res = await client.pickUp(583);
    assert.equal(seen[0]?.url, 'http://127.0.0.1:1/api/v1/Agents/Chat/PickUpChatSession');
    assert.equal(seen[0]?.body, '{"ChatSessionId":583}');
    assert.equal(res.body, null);
  });

  test('TransferTo puts the associate in the path, encoded @XFER-TARGET', async () => {
    const { client, seen } = fakeTenant();
    await client.transferTo(648, 'ola nordmann');
    assert.equal(seen[0]?.url, 'http://127.0.0.1:1/api/v1/ChatSession/648/TransferTo/ola%20nordmann');
    assert.equal(seen[0]?.method, 'POST');
  });

  test('reads an XML response through the codec and sends XML bodies on request @ACCEPT-XML @CT-XML', async () => {
    const sample = loadSample('put-response.json');
    const { client, seen } = fakeTenant({
      contentType: 'application/xml',
      body: toXml(sample, 'ChatSessionEntityWithLinks'),
    });
    const res = await client.put(22, { Rating: 3 }, { accept: 'application/xml', xmlBody: true });
    assert.deepEqual(res.body, sample);
    assert.equal(seen[0]?.headers['Content-Type'], 'application/xml');
    assert.match(seen[0]?.body ?? '', /<ChatSessionEntity xmlns:xsi="[^"]+"><Rating>3<\/Rating><\/ChatSessionEntity>$/);
  });

  test('a call can go without credentials @AUTH-NONE', async () => {
    const { client, seen } = fakeTenant({ status: 401, body: '' });
    const res = await client.get(1, { auth: null });
    assert.equal(seen[0]?.headers.Authorization, undefined);
    assert.equal(res.body, undefined);
  });
});

describe('429 and 503 with Retry-After', () => {
  function throttled(
    replies: Array<{ status: number; retryAfter?: string }>,
    options: { maxRetries?: number; retryBudgetMs?: number } = {},
  ) {
    const waits: number[] = [];
    let calls = 0;
    const fetchFn = (async () => {
      const reply = replies[Math.min(calls++, replies.length - 1)]!;
      return new Response(reply.status === 200 ? JSON.stringify(loadSample('put-response.json')) : '', {
        status: reply.status,
        headers: reply.retryAfter ? { 'retry-after': reply.retryAfter } : {},
      });
    }) as typeof fetch;
    const client = new ChatSessionClient({
      baseUrl: 'http://127.0.0.1:1',
      auth: null,
      fetch: fetchFn,
      sleep: async (ms) => void waits.push(ms),
      ...options,
    });
    return { client, waits, calls: () => calls };
  }

  test('waits as asked and then succeeds', async () => {
    const t = throttled([{ status: 429, retryAfter: '2' }, { status: 503, retryAfter: '1' }, { status: 200 }]);
    assert.equal((await t.client.get(1)).status, 200);
    assert.deepEqual(t.waits, [2000, 1000]);
  });

  test('gives up after the retry count and returns the 429 for the caller to report', async () => {
    const t = throttled([{ status: 429, retryAfter: '1' }], { maxRetries: 2 });
    assert.equal((await t.client.get(1)).status, 429);
    assert.deepEqual([t.waits, t.calls()], [[1000, 1000], 3]);
  });

  test('does not wait beyond the budget', async () => {
    const t = throttled([{ status: 503, retryAfter: '120' }], { retryBudgetMs: 30_000 });
    assert.equal((await t.client.get(1)).status, 503);
    assert.deepEqual(t.waits, []);
  });

  test('a 503 without Retry-After is returned at once', async () => {
    const t = throttled([{ status: 503 }]);
    assert.equal((await t.client.get(1)).status, 503);
    assert.equal(t.calls(), 1);
  });

  test('reads Retry-After as seconds or an HTTP-date', () => {
    assert.equal(retryAfterMs('3'), 3000);
    assert.equal(retryAfterMs('Sat, 21 Nov 2026 12:00:10 GMT', Date.parse('Sat, 21 Nov 2026 12:00:00 GMT')), 10_000);
    assert.equal(retryAfterMs('soon'), undefined);
  });
});
