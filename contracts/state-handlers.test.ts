import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ChatSessionClient } from '../lib/client.ts';
import { loadConfig } from '../lib/config.ts';
import {
  liveBackend,
  StateNotArranged,
  stateHandlers,
  unarrangeableStates,
  type StateBackend,
} from './state-handlers.ts';
import { states } from './states.ts';

const reports = mkdtempSync(join(tmpdir(), 'state-handlers-'));
after(() => rmSync(reports, { recursive: true, force: true }));

const live = (env: Record<string, string>) =>
  loadConfig({
    env: { REPORTS_DIR: reports, TENANT_URL: 'http://127.0.0.1:9', TRANSFER_TO_ASSOCIATE: 'kari', ...env },
    envFile: false,
  });
const basic = { AUTH_SCHEME: 'basic', SO_USERNAME: 'u', SO_PASSWORD: 'p' };

describe('which provider states a configuration cannot arrange', () => {
  test('on the embedded tenant every state can be arranged', () => {
    assert.deepEqual([...unarrangeableStates(loadConfig({ env: {}, envFile: false }), 'embedded')], []);
  });

  for (const [env, why] of [
    [basic, /^needs a second user: set SECOND_USERNAME\/SECOND_PASSWORD \(AUTH_SCHEME=basic\)$/],
    [{ AUTH_SCHEME: 'soticket', SO_TICKET: 't' }, /set SECOND_TICKET \(AUTH_SCHEME=soticket\)/],
    [{ AUTH_SCHEME: 'bearer', SO_TOKEN: 't' }, /set SECOND_TOKEN \(AUTH_SCHEME=bearer\)/],
    [
      { AUTH_SCHEME: 'xsrf', SO_XSRF_TOKEN: 'x', SECOND_USERNAME: 'o', SECOND_PASSWORD: 'p' },
      /AUTH_SCHEME=xsrf has none/,
    ],
  ] as const)
    test(`"another user" on a live tenant with no second user (${env.AUTH_SCHEME}) says how to add one`, () => {
      const cannot = unarrangeableStates(live(env), 'live');
      assert.deepEqual([...cannot.keys()], [states.ownedByOther]);
      assert.match(cannot.get(states.ownedByOther)!, why);
    });

  test('with a second user and an associate nothing is left out; without the associate, the transfer target', () => {
    assert.equal(unarrangeableStates(live({ ...basic, SECOND_USERNAME: 'o', SECOND_PASSWORD: 'q' }), 'live').size, 0);
    const config = loadConfig({
      env: { REPORTS_DIR: reports, TENANT_URL: 'http://127.0.0.1:9', ...basic },
      envFile: false,
    });
    assert.match(unarrangeableStates(config, 'live').get(states.transferTarget)!, /needs TRANSFER_TO_ASSOCIATE/);
  });
});

/** A client that records the calls made and answers `status` to all of them. */
function fakeClient(status: number) {
  const calls: string[] = [];
  const answer = (name: string) => async () => {
    calls.push(name);
    return { status, body: { ChatSessionId: 7 }, text: status === 200 ? '' : 'boom', headers: {} };
  };
  const client = {
    create: answer('create'),
    pickUp: answer('pickUp'),
    patch: answer('patch'),
    delete: answer('delete'),
  };
  return { client: client as unknown as ChatSessionClient, calls };
}

describe('the live backend', () => {
  test('throws StateNotArranged for another user without a second user, before it creates anything', async () => {
    const { client, calls } = fakeClient(200);
    const backend = liveBackend(client, live(basic));
    await assert.rejects(
      backend.createSession({ Status: 'UserLast', owner: 'other' }, states.ownedByOther),
      (err: unknown) => err instanceof StateNotArranged && /SECOND_USERNAME/.test(err.reason),
    );
    assert.deepEqual(calls, []);
  });

  test('a tenant that answers wrongly is a plain failure of the state, never StateNotArranged', async () => {
    const backend = liveBackend(fakeClient(500).client, live(basic));
    await assert.rejects(
      backend.createSession({ Status: 'InQueue', owner: null }, states.inQueue),
      (err: unknown) => !(err instanceof StateNotArranged) && /answered 500/.test(String(err)),
    );
  });
});

describe('the state handlers', () => {
  const backend = (fail: Error): StateBackend => ({
    createSession: () => Promise.reject(fail),
    missingId: () => Promise.resolve(1),
    transferTarget: () => Promise.reject(fail),
    cleanup: () => Promise.resolve([]),
  });

  test('record a state that cannot be arranged and hand Pact ids of nothing, touching no real session', async () => {
    const notArranged = new Map<string, string>();
    const handlers = stateHandlers(
      backend(new StateNotArranged(states.ownedByOther, 'needs a second user')),
      notArranged,
    );
    const handler = handlers[states.ownedByOther] as (params?: unknown) => Promise<unknown>;
    assert.deepEqual(await handler({ id: 123 }), { id: -1, toAssociate: 0 });
    assert.deepEqual([...notArranged], [[states.ownedByOther, 'needs a second user']]);
  });

  test('let any other error through', async () => {
    const handlers = stateHandlers(backend(new Error('POST answered 500')));
    const handler = handlers[states.inQueue] as (params?: unknown) => Promise<unknown>;
    await assert.rejects(handler({ id: 1 }), /answered 500/);
  });
});
