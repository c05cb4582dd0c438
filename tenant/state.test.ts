/**
 * The store keeps one copy per session, deep-frozen and shared by every reader (state.ts): an edit
 * in place throws instead of changing the store behind its Last-Modified, and the control API
 * still hands out copies.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TenantCore } from './control.ts';
import { SessionStore } from './state.ts';

describe('the store keeps one frozen copy per session', () => {
  test('what get() returns cannot be changed in place; a save stores a new object @PUT-200', () => {
    const store = new SessionStore(5);
    const stored = store.get(2)!;
    assert.throws(() => {
      (stored as { CustomerName: string }).CustomerName = 'changed';
    }, TypeError);
    assert.throws(() => {
      (stored.Person as { Email: string }).Email = 'changed';
    }, TypeError);
    const saved = store.save({ ...stored, CustomerName: 'New' });
    assert.equal(Object.isFrozen(saved), true);
    assert.equal(store.get(2)?.CustomerName, 'New');
    assert.equal(stored.CustomerName, 'Customer 2', 'the old version is untouched');
  });

  test('control.getSession() and createSession() give copies the caller may change @PUT-200', () => {
    const core = new TenantCore(5, { deviations: [], latency: {}, faults: {} });
    const copy = core.getSession(3)!;
    copy.CustomerName = 'changed in the copy';
    assert.equal(core.getSession(3)?.CustomerName, 'Customer 3');
    const created = core.createSession({ CustomerName: 'Made' });
    created.CustomerName = 'changed too';
    assert.equal(core.getSession(created.ChatSessionId)?.CustomerName, 'Made');
  });
});
