import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authHeaders } from '../lib/headers.ts';
import { validate } from '../schemas/index.ts';
import { body, call, session, user, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('authentication on every endpoint', () => {
  const tje0 = user('tje0');
  const accepted = [
    ['AUTH-BASIC', authHeaders({ scheme: 'basic', username: 'tje0', password: 'Tje0' })],
    ['AUTH-BASIC', { Authorization: 'Basic dGplMDpUamUw' }],
    ['AUTH-SOTICKET', authHeaders({ scheme: 'soticket', ticket: tje0.ticket })],
    ['AUTH-BEARER', authHeaders({ scheme: 'bearer', token: tje0.token })],
    ['AUTH-XSRF', authHeaders({ scheme: 'xsrf', xsrfToken: tje0.xsrfToken })],
  ] as const;
  for (const [clause, headers] of accepted) {
    const scheme = Object.values(headers)[0]?.split(' ')[0];
    test(`accepts ${scheme} credentials and serves the caller @${clause}`, async () => {
      const res = await call(tenant(), 'GET', session(1), { as: null, headers });
      assert.equal(res.statusCode, 200);
      assert.equal(body(res).ChatSessionId, 1);
    });
  }

  test('the caller found by a ticket is the user PickUp assigns @AUTH-SOTICKET', async () => {
    const res = await call(tenant(), 'POST', '/api/v1/Agents/Chat/PickUpChatSession', {
      as: null,
      headers: authHeaders({ scheme: 'soticket', ticket: user('ola').ticket }),
      body: { ChatSessionId: 150 },
    });
    assert.equal(body<{ User: { UserName: string } }>(res).User.UserName, 'ola');
  });

  const refused = [
    ['no credentials at all', {}],
    ['a wrong password', authHeaders({ scheme: 'basic', username: 'tje0', password: 'wrong' })],
    ['an unknown ticket', authHeaders({ scheme: 'soticket', ticket: '7T:nope' })],
    ['an unknown bearer token', authHeaders({ scheme: 'bearer', token: 'nope' })],
    ['an unknown scheme', { Authorization: 'Negotiate abc' }],
    ['an X-XSRF-TOKEN that differs from its cookie', { 'X-XSRF-TOKEN': 'xsrf-tje0', Cookie: 'XSRF-TOKEN=other' }],
    ['an X-XSRF-TOKEN without its cookie', { 'X-XSRF-TOKEN': 'xsrf-tje0' }],
  ] as const;
  for (const [what, headers] of refused) {
    test(`refuses ${what} with 401, the challenge and no entity data @AUTH-NONE`, async () => {
      const res = await call(tenant(), 'GET', session(1), { as: null, headers });
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['www-authenticate'], 'Basic realm="SuperOffice Username or Ticket"');
      assert.ok(validate('ErrorBody', body(res)).ok);
      assert.doesNotMatch(res.body, /ChatSessionId|Customer/);
    });
  }

  test('refuses an unauthenticated PUT and changes nothing @AUTH-NONE', async () => {
    const res = await call(tenant(), 'PUT', session(2), { as: null, body: { CustomerName: 'Mallory' } });
    assert.equal(res.statusCode, 401);
    assert.equal(tenant().control.getSession(2)?.CustomerName, 'Customer 2');
  });

  test('serves a request carrying SO-AppToken normally @APP-TOKEN', async () => {
    const res = await call(tenant(), 'GET', session(1), { headers: { 'SO-AppToken': 'partner-app-123' } });
    assert.equal(res.statusCode, 200);
  });
});
