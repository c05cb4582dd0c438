import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { seedSession } from './seed.ts';
import { body, call, PICKUP, useTenant } from './test-support.ts';

const TOKEN = 'test-admin-token';
const tenant = useTenant({ options: { adminToken: TOKEN } });

const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token: string | null = TOKEN) =>
  tenant().inject({
    method,
    url: `/_admin${url}`,
    headers: { ...(token === null ? {} : { 'x-admin-token': token }), 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

const routes = [
  ['POST', '/reset'],
  ['POST', '/sessions'],
  ['GET', '/sessions/1'],
  ['PUT', '/deviations'],
  ['PUT', '/latency'],
  ['PUT', '/faults'],
  ['GET', '/counters'],
  ['GET', '/state'],
] as const;

describe('admin API guard', () => {
  for (const [method, url] of routes) {
    for (const token of [null, 'wrong-token', `${TOKEN}x`]) {
      const which = token === null ? 'no' : 'a wrong';
      test(`${method} /_admin${url} answers 401 with ${which} X-Admin-Token and does nothing`, async () => {
        const res = await admin(method, url, { deviations: ['no-links'], PUT: { kind: 'fixed', ms: 1 } }, token);
        assert.equal(res.statusCode, 401);
        assert.ok(validate('ErrorBody', body(res)).ok);
        assert.deepEqual(tenant().control.state().deviations, []);
        assert.deepEqual(tenant().control.state().latency, {});
      });
    }
  }

  test('API credentials do not open the admin API', async () => {
    const res = await call(tenant(), 'GET', '/_admin/state');
    assert.equal(res.statusCode, 401);
  });
});

describe('admin API', () => {
  test('POST /sessions creates a session in a given state, with an owner by user name', async () => {
    const res = await admin('POST', '/sessions', { Status: 'UserLast', owner: 'ola', CustomerName: 'Arranged' });
    assert.equal(res.statusCode, 200);
    const created = body(res);
    assert.ok((created.ChatSessionId as number) > 500);
    assert.deepEqual(tenant().control.getSession(created.ChatSessionId as number)?.User?.UserName, 'ola');
    assert.deepEqual(body(await admin('GET', `/sessions/${created.ChatSessionId as number}`)), created);
  });

  test('POST /sessions with a ChatSessionId puts the session at that id (Pact states name ids)', async () => {
    const created = body(await admin('POST', '/sessions', { ChatSessionId: 844, Status: 'InQueue', User: null }));
    assert.equal(created.ChatSessionId, 844);
    const picked = await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 844 } });
    assert.equal(body(picked).ChatSessionId, 844);
  });

  test('POST /sessions answers 400 for an entity that does not match the schema, or an unknown owner', async () => {
    assert.equal((await admin('POST', '/sessions', { Status: 'Sleeping' })).statusCode, 400);
    assert.equal((await admin('POST', '/sessions', { owner: 'nobody' })).statusCode, 400);
    assert.equal((await admin('POST', '/sessions', [1])).statusCode, 400);
  });

  test('GET /sessions/{id} answers 404 for an unknown id', async () => {
    assert.equal((await admin('GET', '/sessions/123456')).statusCode, 404);
  });

  test('PUT /deviations, /latency and /faults switch modes, and GET /state shows them', async () => {
    assert.equal((await admin('PUT', '/deviations', { deviations: ['no-links'] })).statusCode, 200);
    assert.equal(
      (await admin('PUT', '/latency', { PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } })).statusCode,
      200,
    );
    assert.equal(
      (await admin('PUT', '/faults', { PUT: { status503Fraction: 0.1, dropFraction: 0.01, retryAfterSeconds: 1 } }))
        .statusCode,
      200,
    );
    const state = body<{ deviations: string[]; latency: object; faults: object }>(await admin('GET', '/state'));
    assert.deepEqual(state.deviations, ['no-links']);
    assert.deepEqual(state.latency, { PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } });
    assert.deepEqual(state.faults, { PUT: { status503Fraction: 0.1, dropFraction: 0.01, retryAfterSeconds: 1 } });
  });

  test('bad mode bodies answer 400 and leave the modes as they were', async () => {
    assert.equal((await admin('PUT', '/deviations', { deviations: ['nope'] })).statusCode, 400);
    assert.equal((await admin('PUT', '/latency', { PUT: { kind: 'slow' } })).statusCode, 400);
    assert.equal(
      (await admin('PUT', '/faults', { PUT: { status503Fraction: 0.8, dropFraction: 0.5 } })).statusCode,
      400,
    );
    assert.equal(
      (
        await tenant().inject({
          method: 'PUT',
          url: '/_admin/faults',
          headers: { 'x-admin-token': TOKEN },
          payload: '{',
        })
      ).statusCode,
      400,
    );
    assert.deepEqual(tenant().control.state().deviations, ['no-links']);
  });

  test('GET /counters counts API calls per route', async () => {
    await admin('POST', '/reset', { modes: true });
    await call(tenant(), 'GET', '/api/v1/ChatSession/1');
    await call(tenant(), 'GET', '/api/v1/ChatSession/2');
    const counters = body<Record<string, { requests: number }>>(await admin('GET', '/counters'));
    assert.deepEqual([counters.GET?.requests, counters.PUT?.requests], [2, 0]);
  });

  test('POST /reset restores the seed deterministically', async () => {
    await call(tenant(), 'PUT', '/api/v1/ChatSession/5', { body: { CustomerName: 'changed' } });
    await admin('POST', '/sessions', { ChatSessionId: 5000 });
    assert.equal((await admin('POST', '/reset')).statusCode, 200);
    assert.deepEqual(tenant().control.getSession(5), seedSession(5));
    assert.equal(tenant().control.getSession(5000), undefined);
    assert.equal(tenant().control.state().sessions, 500);
  });
});
