/**
 * The tenant's sessions in memory, with a Last-Modified per session. Every change moves that
 * session's Last-Modified to a later second than before (HTTP dates have one-second precision), so
 * a client holding an older Last-Modified always gets 412 (PATCH-412), even for two changes in
 * the same second.
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import { SEED_MODIFIED, seedSessions } from './seed.ts';

interface Stored {
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
      seedSessions(this.seedCount).map((e) => [e.ChatSessionId, { entity: e, modified: SEED_MODIFIED }]),
    );
    this.nextId = this.seedCount + 1;
  }

  /** A copy of the session, or undefined. */
  get(id: number): ChatSessionEntity | undefined {
    const stored = this.sessions.get(id);
    return stored ? structuredClone(stored.entity) : undefined;
  }

  has(id: number): boolean {
    return this.sessions.has(id);
  }

  lastModified(id: number): Date | undefined {
    const stored = this.sessions.get(id);
    return stored ? new Date(stored.modified) : undefined;
  }

  /**
   * Stores a copy of the entity under its ChatSessionId (insert or replace), bumps Last-Modified
   * and returns the caller's own object: the store keeps no reference to it (one clone per save).
   */
  save(entity: ChatSessionEntity): ChatSessionEntity {
    const previous = this.sessions.get(entity.ChatSessionId)?.modified ?? 0;
    const now = Math.floor(Date.now() / 1000) * 1000;
    this.sessions.set(entity.ChatSessionId, {
      entity: structuredClone(entity),
      modified: Math.max(now, previous + 1000),
    });
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
