/**
 * Provider state handlers: make each state the pacts name true on the tenant under test and hand
 * back the real values (`id`, `since`, `toAssociate`) for Pact to inject. The embedded tenant is
 * arranged through its admin API; a live tenant only through the documented API (the project's
 * client), and every session created there is deleted again afterwards. A state the configuration
 * cannot arrange (no second user, no associate to transfer to) is StateNotArranged: the verification
 * does not run the interactions that need it and says why, for they say nothing about the tenant.
 */
import type { VerifierOptions } from '@pact-foundation/pact';
import type { ChatSessionClient } from '../lib/client.ts';
import { secondUserReason } from '../lib/auth.ts';
import type { AuthConfig, Config } from '../lib/config.ts';
import { embeddedUsers, type EmbeddedUser } from '../lib/embedded-users.ts';
import { longAgo, stateCarriers, stateEntities, states } from './states.ts';
import { RestoreJournal } from '../lib/restore-journal.ts';
import { adminClient } from '../tenant/admin-client.ts';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
type SessionState = keyof typeof stateEntities;
type Wanted = (typeof stateEntities)[SessionState];

/** What a tenant must offer so the handlers can arrange states on it. */
export interface StateBackend {
  /** Creates a session as the state promises and returns its id. */
  createSession(wanted: Wanted, state: string): Promise<number>;
  /** An id no session has. */
  missingId(): Promise<number>;
  /** The associate (user name or id, in the example's form when possible) to transfer to. */
  transferTarget(example: string | number): Promise<string | number>;
  /** Removes what was created; returns the ids it could not remove. */
  cleanup(): Promise<number[]>;
}

/**
 * A state this run's configuration cannot arrange on the tenant under test. Thrown only for want of
 * configuration, never because the tenant answered wrongly (that stays a failure of the state).
 */
export class StateNotArranged extends Error {
  constructor(
    readonly state: string,
    /** What is missing and how to supply it, e.g. `needs a second user: set SECOND_TICKET (...)`. */
    readonly reason: string,
  ) {
    super(`state "${state}" ${reason}`);
    this.name = 'StateNotArranged';
  }
}

/**
 * The states this configuration cannot arrange on the target, each with its reason; none on the
 * embedded tenant, whose admin API arranges every state. The one list both the verification (which
 * leaves those interactions out) and the live backend (which throws StateNotArranged) go by.
 */
export function unarrangeableStates(config: Config, target: 'embedded' | 'live'): Map<string, string> {
  const out = new Map<string, string>();
  if (target === 'embedded') return out;
  if (!config.secondUser) out.set(states.ownedByOther, secondUserReason(config.auth.scheme));
  if (!config.transferTo)
    out.set(states.transferTarget, 'needs TRANSFER_TO_ASSOCIATE (a user name or associate id to transfer to)');
  return out;
}

/**
 * What a handler hands Pact for a state it could not arrange: ids no tenant gives a session, so the
 * request the verifier still sends (it goes on after a state fails, with the pact's example values)
 * cannot touch a real session on a live tenant.
 */
const nothing = { id: -1, toAssociate: 0 };

/**
 * The handlers for every state in contracts/states.ts, backed by one tenant. A state that throws
 * StateNotArranged is recorded in `notArranged` (state -> reason) and answered with ids of nothing.
 */
export function stateHandlers(backend: StateBackend, notArranged = new Map<string, string>()): StateHandlers {
  const guard =
    (state: string, arrange: (params?: unknown) => Promise<Record<string, unknown>>) => async (params?: unknown) => {
      try {
        return await arrange(params);
      } catch (err) {
        if (!(err instanceof StateNotArranged)) throw err;
        notArranged.set(state, err.reason);
        return nothing;
      }
    };
  const session = (state: SessionState) =>
    guard(state, async () => ({ id: await backend.createSession(stateEntities[state], state) }));
  return {
    [states.exists]: session(states.exists),
    [states.inQueue]: session(states.inQueue),
    [states.notInQueue]: session(states.notInQueue),
    [states.ownedByCaller]: session(states.ownedByCaller),
    [states.ownedByOther]: session(states.ownedByOther),
    [states.changedAfter]: guard(states.changedAfter, async () => ({
      id: await backend.createSession(stateEntities[states.changedAfter], states.changedAfter),
      since: longAgo,
    })),
    [states.missing]: guard(states.missing, async () => ({ id: await backend.missingId() })),
    [states.transferTarget]: guard(states.transferTarget, async (params?: unknown) => {
      const example = (params as { toAssociate?: string | number } | undefined)?.toAssociate ?? 'ola';
      return { toAssociate: await backend.transferTarget(example) };
    }),
  };
}

/** The seed user the configured credentials belong to (the caller), and another one. */
export function embeddedCallers(auth: AuthConfig): { caller: EmbeddedUser; other: EmbeddedUser } {
  const matches = (u: EmbeddedUser) =>
    (auth.scheme === 'basic' && auth.username.toLowerCase() === u.username) ||
    (auth.scheme === 'soticket' && auth.ticket === u.ticket) ||
    (auth.scheme === 'bearer' && auth.token === u.token) ||
    (auth.scheme === 'xsrf' && auth.xsrfToken === u.xsrfToken);
  const caller = embeddedUsers.find(matches) ?? embeddedUsers[0]!;
  const other = embeddedUsers.find((u) => u !== caller)!;
  return { caller, other };
}

/** The embedded tenant, arranged through its admin API (tenant/admin-client.ts). */
export function embeddedBackend(baseUrl: string, adminToken: string, config: Config): StateBackend {
  const { caller, other } = embeddedCallers(config.auth);
  const admin = adminClient(baseUrl, adminToken);
  return {
    async createSession(wanted, state) {
      const owner = wanted.owner === 'caller' ? caller.username : wanted.owner === 'other' ? other.username : undefined;
      const made = await admin
        .createSession({ ...stateCarriers, Status: wanted.Status, ...(owner ? { owner } : { User: null }) })
        .catch((err: Error) => {
          throw new Error(`state "${state}": ${err.message}`, { cause: err });
        });
      if (typeof made.ChatSessionId !== 'number')
        throw new Error(`state "${state}": POST /_admin/sessions answered no ChatSessionId`);
      return made.ChatSessionId;
    },
    async missingId() {
      const id = 2_000_000_000;
      if (await admin.getSession(id))
        throw new Error(`state "${states.missing}": session ${id} exists on the embedded tenant`);
      return id;
    },
    async transferTarget(example) {
      return example; // the consumer's examples are the embedded tenant's own seed users
    },
    async cleanup() {
      return []; // a reset or a stop discards them
    },
  };
}

/**
 * A live tenant, arranged through the documented API only: POST /ChatSession creates, PickUp
 * assigns (as the caller, or as SECOND_USERNAME... for "another user"), PATCH moves the status;
 * cleanup() deletes every session created.
 */
export function liveBackend(client: ChatSessionClient, config: Config, secondClient?: ChatSessionClient): StateBackend {
  const created: number[] = [];
  // What a killed verification leaves behind, the main job deletes on exit (lib/restore-journal.ts).
  const journal = RestoreJournal.under(config.reportsDir, config.tenantUrl ?? 'live');
  const fail = (state: string, what: string, res: { status: number; text: string }) =>
    new Error(`state "${state}": ${what} answered ${res.status} ${res.text.slice(0, 200)}`);
  const cannot = unarrangeableStates(config, 'live');
  const notArranged = (state: string) => new StateNotArranged(state, cannot.get(state) ?? 'cannot be arranged');
  return {
    async createSession(wanted, state) {
      if (wanted.owner === 'other' && !secondClient) throw notArranged(state);
      const made = await client.create({
        ...stateCarriers,
        User: null,
        Status: 'InQueue',
        CustomerName: 'Pact provider state',
        CustomerEmail: 'pact@example.com',
      });
      if (made.status !== 200) throw fail(state, 'POST /api/v1/ChatSession', made);
      const id = made.body.ChatSessionId;
      created.push(id);
      journal.created(id, 'provider state');
      if (wanted.owner) {
        const picker = wanted.owner === 'caller' ? client : secondClient!;
        const picked = await picker.pickUp(id);
        if (picked.status !== 200 || picked.body === null) throw fail(state, 'PickUpChatSession', picked);
      }
      if (wanted.Status !== 'InQueue' && wanted.owner !== 'other') {
        const moved = await client.patch(id, { Status: wanted.Status });
        if (moved.status !== 200) throw fail(state, 'PATCH Status', moved);
      }
      return id;
    },
    async missingId() {
      const made = await client.create({ ...stateCarriers, User: null, Status: 'Closed' });
      if (made.status !== 200) throw fail(states.missing, 'POST /api/v1/ChatSession', made);
      const gone = await client.delete(made.body.ChatSessionId);
      if (gone.status >= 300) throw fail(states.missing, 'DELETE', gone);
      return made.body.ChatSessionId;
    },
    async transferTarget() {
      if (!config.transferTo) throw notArranged(states.transferTarget);
      return /^\d+$/.test(config.transferTo) ? Number(config.transferTo) : config.transferTo;
    },
    async cleanup() {
      const left: number[] = [];
      for (const id of created.splice(0)) {
        const res = await client.delete(id).catch(() => ({ status: 0 }));
        if (res.status >= 300 || res.status === 0) left.push(id);
        else journal.done(id);
      }
      return left;
    },
  };
}
