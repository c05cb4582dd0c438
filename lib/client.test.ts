import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { request } from '@playwright/test';
import { loadSample } from '../schemas/samples.ts';
import { startTenant, type RunningTenant } from '../tenant/start.ts';
import { ChatSessionClient, retryAfterMs, selectQuery, type LoggedCall } from './client.ts';
import { fetchTransport, playwrightTransport, type Transport } from './transports.ts';
import { toXml } from './xml.ts';

const tje0 = { scheme: 'basic', username: 'tje0', password: 'Tje0' } as const;

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
      url: 'http://127.0.0.1:1/api/v1/ChatSession/22?$select=Rating,User/AssociateId',
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

  test('PATCH picks JSON Patch or merge-patch media type from the document @CT-JSONPATCH @CT-MERGEPATCH', async () => {
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
    const res = await client.put(22, { Rating: 3 }, { accept: 'application/xml', encoding: 'xml' });
    assert.deepEqual(res.body, sample);
    assert.equal(seen[0]?.headers['Content-Type'], 'application/xml');
    assert.match(seen[0]?.body ?? '', /<ChatSessionEntity xmlns:xsi="[^"]+"><Rating>3<\/Rating><\/ChatSessionEntity>$/);
  });

  test("raw headers go last: the client's with every call, the call's own over them @AUTH-NONE", async () => {
    const { client, seen } = fakeTenant();
    const raw = new ChatSessionClient({
      baseUrl: 'http://127.0.0.1:1',
      auth: null,
      headers: { Authorization: 'Basic d3Jvbmc6d3Jvbmc=', 'SO-AppToken': 'app' },
      fetch: (async (url: string, init?: RequestInit) => {
        seen.push({
          url,
          method: init?.method ?? 'GET',
          headers: init?.headers as Record<string, string>,
          body: undefined,
        });
        return new Response('', { status: 401 });
      }) as typeof fetch,
    });
    await raw.get(1);
    await client.get(1, { headers: { Authorization: 'SoTicket odd', 'X-Odd': 'yes' } });
    assert.deepEqual(seen[0]?.headers, {
      Authorization: 'Basic d3Jvbmc6d3Jvbmc=',
      'SO-AppToken': 'app',
      Accept: 'application/json',
    });
    assert.equal(seen[1]?.headers.Authorization, 'SoTicket odd');
    assert.equal(seen[1]?.headers['X-Odd'], 'yes');
  });

  test('a string body goes as it is, with the Content-Type the call names @PUT-400', async () => {
    const { client, seen } = fakeTenant({ status: 400, body: '' });
    await client.send('PUT', '/api/v1/ChatSession/22', '', { contentType: 'application/json' }, undefined);
    await client.put(22, { Rating: 3 }, { encoding: 'form' });
    assert.deepEqual([seen[0]?.body, seen[0]?.headers['Content-Type']], ['', 'application/json']);
    assert.deepEqual(
      [seen[1]?.body, seen[1]?.headers['Content-Type']],
      ['Rating=3', 'application/x-www-form-urlencoded'],
    );
  });

  test('a body that is not JSON or XML, or does not parse, stays text', async () => {
    const html = fakeTenant({ status: 500, contentType: 'text/html', body: '<h1>down</h1>' });
    const broken = fakeTenant({ body: '{"ChatSessionId":' });
    assert.equal((await html.client.get(1)).body, '<h1>down</h1>');
    const res = await broken.client.get(1);
    assert.deepEqual([res.body, res.contentType], ['{"ChatSessionId":', 'application/json; charset=utf-8']);
  });

  test('logs each answer, never a request header', async () => {
    const log: LoggedCall[] = [];
    const fetchFn = (async () => new Response('{"Error":true}', { status: 404 })) as unknown as typeof fetch;
    const auth = { scheme: 'basic', username: 'tje0', password: 'Tje0' } as const;
    await new ChatSessionClient({ baseUrl: 'http://127.0.0.1:1', auth, log, fetch: fetchFn }).get(9, {
      select: ['Rating'],
    });
    assert.deepEqual(log, [
      {
        method: 'GET',
        url: 'http://127.0.0.1:1/api/v1/ChatSession/9?$select=Rating',
        status: 404,
        contentType: 'text/plain;charset=UTF-8',
        body: '{"Error":true}',
      },
    ]);
  });

  test('refuses both a transport and a fetch', () => {
    const options = {
      baseUrl: 'http://127.0.0.1:1',
      auth: null,
      fetch,
      transport: async () => ({ status: 200, headers: {}, text: '' }),
    };
    assert.throws(() => new ChatSessionClient(options), /`transport` or `fetch`, not both/);
  });

  test('a call can go without credentials @AUTH-NONE', async () => {
    const { client, seen } = fakeTenant({ status: 401, body: '' });
    const res = await client.get(1, { auth: null });
    assert.equal(seen[0]?.headers.Authorization, undefined);
    assert.equal(res.body, undefined);
  });
});

describe('selectQuery', () => {
  test('keeps , and / as the pages write them and encodes the rest @SELECT-FIELDS @SELECT-NESTED', () => {
    assert.equal(selectQuery(['name', 'department', 'category/id']), '?$select=name,department,category/id');
    assert.equal(selectQuery(['a b&c=d#e', 'ü']), '?$select=a%20b%26c%3Dd%23e,%C3%BC');
  });

  test('sends a single value as given (SELECT-CASE) and nothing for no or an empty list @SELECT-CASE', () => {
    assert.equal(selectQuery('customeremail,CUSTOMERNAME'), '?$select=customeremail,CUSTOMERNAME');
    assert.deepEqual([selectQuery([]), selectQuery(undefined)], ['', '']);
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

describe('against the embedded tenant', () => {
  let tenant: RunningTenant;
  /** Each request as the tenant's HTTP server received it, before any parsing: target and Cookie header. */
  const received: Array<{ target: string; cookie: string | undefined }> = [];
  before(async () => {
    tenant = await startTenant({ port: 0 });
    tenant.app.server.on('request', (req: IncomingMessage) =>
      received.push({ target: req.url ?? '', cookie: req.headers.cookie }),
    );
  });
  after(() => tenant.close());

  const transports: Array<{ name: string; open: () => Promise<{ transport: Transport; close: () => Promise<void> }> }> =
    [
      { name: 'fetch', open: async () => ({ transport: fetchTransport(), close: async () => undefined }) },
      {
        name: 'Playwright',
        open: async () => {
          const context = await request.newContext();
          return { transport: playwrightTransport(context), close: () => context.dispose() };
        },
      },
    ];

  for (const { name, open } of transports) {
    describe(`${name} transport`, () => {
      let client: ChatSessionClient;
      let close: () => Promise<void>;
      before(async () => {
        const opened = await open();
        close = opened.close;
        client = new ChatSessionClient({ baseUrl: tenant.url, auth: tje0, transport: opened.transport });
      });
      after(() => close());
      const mine = () => tenant.control.createSession({ owner: 'tje0', CustomerEmail: 'ada@example.com' });

      test('sends $select with , and / as written, and the tenant keeps those @SELECT-NESTED', async () => {
        const session = mine();
        const res = await client.patch(
          session.ChatSessionId,
          { Rating: 4 },
          { select: ['CustomerEmail', 'User/AssociateId'] },
        );
        assert.equal(
          received.at(-1)?.target,
          `/api/v1/ChatSession/${session.ChatSessionId}?$select=CustomerEmail,User/AssociateId`,
        );
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(
          [res.body.CustomerEmail, res.body.User?.AssociateId, res.body.CustomerName],
          ['ada@example.com', 5, null],
        );
      });

      test('answers 400 to a PUT with no body or an empty JSON body @PUT-400', async () => {
        const { ChatSessionId: id } = mine();
        const none = await client.put(id, undefined);
        const empty = await client.send(
          'PUT',
          `/api/v1/ChatSession/${id}`,
          '',
          { contentType: 'application/json' },
          undefined,
        );
        assert.deepEqual([none.status, empty.status], [400, 400]);
        assert.equal((none.body as unknown as { Error: boolean }).Error, true);
      });

      test('reads an XML answer through the codec, headers lower-cased @ACCEPT-XML', async () => {
        const { ChatSessionId: id } = mine();
        const res = await client.get(id, { accept: 'application/xml' });
        assert.match(res.contentType, /^application\/xml/);
        assert.equal(res.headers['content-type'], res.contentType);
        assert.deepEqual([res.body.ChatSessionId, res.body.CustomerEmail], [id, 'ada@example.com']);
      });

      test('sends a deliberately wrong credential as given and reports the refusal @AUTH-NONE', async () => {
        const { ChatSessionId: id } = mine();
        const res = await client.get(id, { auth: null, headers: { Authorization: 'Basic d3Jvbmc6d3Jvbmc=' } });
        assert.equal(res.status, 401);
        assert.doesNotMatch(res.text, /ada@example\.com/);
      });

      test('sends back no cookie the tenant set, only what the client put in its headers @AUTH-NONE', async () => {
        const { ChatSessionId: id } = mine();
        tenant.control.setDeviations(['extra-headers']);
        try {
          const first = await client.get(id);
          await client.get(id, { auth: null });
          const names = first.headers['set-cookie']?.split('\n').map((c) => c.split('=')[0]);
          assert.deepEqual(names, ['ARRAffinity', 'ASP.NET_SessionId']);
          assert.deepEqual(received.at(-1), { target: `/api/v1/ChatSession/${id}`, cookie: undefined });
        } finally {
          tenant.control.setDeviations([]);
        }
      });
    });
  }
});
