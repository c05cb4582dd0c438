/**
 * The bench's tenant-work server must do the tenant's PUT and answer what the tenant answers, or
 * `work / fair` bounds nothing: same bytes (but for the origin in `_Links`), same refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { authHeaders } from '../lib/headers.ts';
import { buildPutBody } from '../load/scenario/put-body.ts';
import { seedSession } from '../tenant/seed.ts';
import { embeddedUsers } from '../tenant/users.ts';
import { startServer, stopServer, type Server } from './servers.ts';

const user = embeddedUsers[0]!;
const auth = authHeaders({ scheme: 'basic', username: user.username, password: user.password });
const body = JSON.stringify(buildPutBody(seedSession(400), 7, Date.UTC(2024, 5, 1, 8, 30)));

async function put(server: Server, id: string, text: string, headers: Record<string, string> = auth) {
  const res = await fetch(`${server.url}/api/v1/ChatSession/${id}`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: text,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, modified: res.headers.get('last-modified'), text: await res.text() };
}

describe('bench: the tenant-work server (serve-work.ts)', () => {
  let work: Server;
  let tenant: Server;
  before(async () => {
    [work, tenant] = await Promise.all([startServer('work'), startServer('tenant')]);
  });
  after(async () => {
    await Promise.all([work, tenant].filter(Boolean).map(stopServer));
  });

  test("answers a PUT with the tenant's bytes, and the change is stored", async () => {
    const [w, t] = await Promise.all([put(work, '400', body), put(tenant, '400', body)]);
    assert.equal(w.status, 200, w.text);
    assert.equal(t.status, 200, t.text);
    assert.equal(w.text.replaceAll(work.url, 'ORIGIN'), t.text.replaceAll(tenant.url, 'ORIGIN'));
    assert.match(w.modified ?? '', /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    const sent = JSON.parse(body) as { LastMessage: string };
    assert.equal((JSON.parse(w.text) as { LastMessage: string }).LastMessage, sent.LastMessage);
  });

  test('refuses what the tenant refuses: no credentials, a bad id, an invalid entity, an unknown session', async () => {
    const cases = [
      ['400', body, {}],
      ['x1', body, auth],
      ['400', '{"Status":"Nope"}', auth],
      ['99999', body, auth],
    ] as const;
    for (const [id, text, headers] of cases) {
      const [w, t] = await Promise.all([put(work, id, text, headers), put(tenant, id, text, headers)]);
      assert.equal(w.status, t.status, `PUT ${id} ${text.slice(0, 20)}: ${w.text}`);
      assert.ok(w.status >= 400, `PUT ${id} answered ${w.status}`);
    }
  });
});
