/**
 * In-process control of a tenant, for tests and for the admin API (Pact provider states, demos):
 * reset to the seed, create a session in a given state, read one back, and switch deviations,
 * latency and faults. The routes read the same object, so a change applies to the next request.
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import { activate, parseDeviations, type ModeName } from './deviations.ts';
import type { ActiveHooks } from './hooks.ts';
import { assertEntity, expandAssociate } from './entity.ts';
import { Modes, type Counters, type FaultSpec, type LatencySpec } from './modes.ts';
import { seedSession } from './seed.ts';
import { SessionStore } from './state.ts';
import { associateOf, findUser } from './users.ts';

/** Overrides for a new session; `owner` (a user name or associate id) sets `User` to that associate. */
export type SessionOverrides = Partial<ChatSessionEntity> & { owner?: string | number };

export interface TenantState {
  deviations: ModeName[];
  latency: LatencySpec;
  faults: FaultSpec;
  counters: Counters;
  sessions: number;
}

export interface TenantControl {
  /**
   * Back to the seed data, counters zeroed, PRNGs restarted. `modes: true` also restores the
   * start-up deviations, latency and faults.
   */
  reset(options?: { modes?: boolean }): void;
  /**
   * A new session (next free id, or `ChatSessionId` if given, replacing one there): the seed
   * template plus the overrides. Throws when the result does not match the schema.
   */
  createSession(overrides?: SessionOverrides): ChatSessionEntity;
  getSession(id: number): ChatSessionEntity | undefined;
  setDeviations(names: ModeName[]): void;
  setLatency(spec: LatencySpec): void;
  setFaults(spec: FaultSpec): void;
  counters(): Counters;
  state(): TenantState;
}

export interface StartModes {
  deviations: ModeName[];
  latency: LatencySpec;
  faults: FaultSpec;
}

/**
 * The tenant's live state; routes use `store`, `modes` and `deviations` (the hooks of the deviation
 * modes that are on, which the pipeline calls) directly.
 */
export class TenantCore implements TenantControl {
  readonly store: SessionStore;
  readonly modes: Modes;
  deviations: ActiveHooks;

  constructor(
    seedCount: number,
    private readonly start: StartModes,
  ) {
    this.store = new SessionStore(seedCount);
    this.modes = new Modes(start.latency, start.faults);
    this.deviations = activate(start.deviations);
  }

  reset(options: { modes?: boolean } = {}): void {
    this.store.reset();
    if (options.modes) {
      this.deviations = activate(this.start.deviations);
      this.modes.setLatency(this.start.latency);
      this.modes.setFaults(this.start.faults);
    }
    this.modes.resetCounters();
  }

  createSession(overrides: SessionOverrides = {}): ChatSessionEntity {
    const { owner, ...fields } = overrides;
    const id = fields.ChatSessionId ?? this.store.allocateId();
    const entity: Record<string, unknown> = { ...seedSession(id), ...fields, ChatSessionId: id };
    if (owner !== undefined && owner !== null) {
      const user = findUser(owner);
      if (!user) throw new Error(`owner "${owner}" is not an associate of this tenant`);
      entity.User = associateOf(user);
    }
    entity.User = expandAssociate(entity.User);
    entity.TransferTo = expandAssociate(entity.TransferTo);
    return structuredClone(this.store.save(assertEntity(entity)));
  }

  getSession(id: number): ChatSessionEntity | undefined {
    const stored = this.store.get(id);
    return stored && structuredClone(stored);
  }

  setDeviations(names: ModeName[]): void {
    this.deviations = activate(parseDeviations(names));
  }

  setLatency(spec: LatencySpec): void {
    this.modes.setLatency(spec);
  }

  setFaults(spec: FaultSpec): void {
    this.modes.setFaults(spec);
  }

  counters(): Counters {
    return this.modes.counters();
  }

  state(): TenantState {
    return {
      deviations: [...this.deviations.names] as ModeName[],
      latency: this.modes.latency,
      faults: this.modes.faults,
      counters: this.modes.counters(),
      sessions: this.store.size,
    };
  }
}
