/**
 * The tenant's sessions in memory, with a Last-Modified per session. Every change moves that
 * session's Last-Modified to a later second than before (HTTP dates have one-second precision), so
 * a client holding an older Last-Modified always gets 412 (PATCH-412), even for two changes in
 * the same second.
 *
 * One copy per session, deep-frozen when stored: readers share it and never clone it, a change
 * stores a new object, and an edit in place throws (strict mode) instead of corrupting the store.
 * So anything derived from a stored object (its JSON, see prepared.ts) can never go stale.
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import { SEED_MODIFIED, seedSessions } from './seed.ts';

const frozenRoots = new WeakSet<object>();

/** Freezes a JSON value and everything inside it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !frozenRoots.has(value)) freezeObject(value);
  return value;
}

/** Descends only into objects not frozen yet (a PUT's entity is ~100 values, ~8 of them objects). */
function freezeObject(value: object): void {
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    const v = obj[key];
    if (v !== null && typeof v === 'object' && !frozenRoots.has(v)) freezeObject(v);
  }
  frozenRoots.add(Object.freeze(obj));
}

/** Whether deepFreeze() froze this object (and so everything inside it): a value that never changes. */
export const isDeepFrozen = (value: object): boolean => frozenRoots.has(value);

interface Stored {
  /** Deep-frozen. */
  entity: ChatSessionEntity;
  /** ms since epoch, whole seconds. */
  modified: number;
}

export class SessionStore {
  private sessions = new Map<number, Stored>();
  private nextId = 1;

  constructor(private readonly seedCount: number) {
    this.reset();
  }

  /** Back to the seed: same ids, same values, same Last-Modified. */
  reset(): void {
    this.sessions = new Map(
      seedSessions(this.seedCount).map((e) => [e.ChatSessionId, { entity: deepFreeze(e), modified: SEED_MODIFIED }]),
    );
    this.nextId = this.seedCount + 1;
  }

  /**
   * The stored session itself (deep-frozen: read it, spread it into a new object to change it), or
   * undefined. Not a copy: that is what made every request pay a structuredClone.
   */
  get(id: number): ChatSessionEntity | undefined {
    return this.sessions.get(id)?.entity;
  }

  has(id: number): boolean {
    return this.sessions.has(id);
  }

  lastModified(id: number): Date | undefined {
    const stored = this.sessions.get(id);
    return stored ? new Date(stored.modified) : undefined;
  }

  /**
   * Stores the entity under its ChatSessionId (insert or replace), bumps Last-Modified and returns
   * it, deep-frozen: the caller hands over an object nothing else changes (a fresh merge, a
   * spread), so the store keeps it rather than a clone.
   */
  save(entity: ChatSessionEntity): ChatSessionEntity {
    const previous = this.sessions.get(entity.ChatSessionId)?.modified ?? 0;
    const now = Math.floor(Date.now() / 1000) * 1000;
    this.sessions.set(entity.ChatSessionId, { entity: deepFreeze(entity), modified: Math.max(now, previous + 1000) });
    return entity;
  }

  /** The next free id (auto-increment, as the real primary key). */
  allocateId(): number {
    while (this.sessions.has(this.nextId)) this.nextId++;
    return this.nextId++;
  }

  delete(id: number): boolean {
    return this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
