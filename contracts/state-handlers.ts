/**
 * Provider state handlers: make each state the pacts name true on the tenant under test and hand
 * back the real values (`id`, `since`, `toAssociate`) for Pact to inject. The embedded tenant is
 * arranged through its admin API; a live tenant only through the documented API (the project's
 * client), and every session created there is deleted again afterwards.
 */
import type { VerifierOptions } from '@pact-foundation/pact';
import type { ChatSessionClient } from '../lib/client.ts';
import type { AuthConfig, Config } from '../lib/config.ts';
import { embeddedUsers, type EmbeddedUser } from '../lib/embedded-users.ts';
import { longAgo, stateCarriers, stateEntities, states } from './states.ts';
import { RestoreJournal } from '../lib/restore-journal.ts';

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

/** The handlers for every state in contracts/states.ts, backed by one tenant. */
export function stateHandlers(backend: StateBackend): StateHandlers {
  const session = (state: SessionState) => async () => ({
    id: await backend.createSession(stateEntities[state], state),
  });
  return {
    [states.exists]: session(states.exists),
    [states.inQueue]: session(states.inQueue),
    [states.notInQueue]: session(states.notInQueue),
    [states.ownedByCaller]: session(states.ownedByCaller),
    [states.ownedByOther]: session(states.ownedByOther),
    [states.changedAfter]: async () => ({
      id: await backend.createSession(stateEntities[states.changedAfter], states.changedAfter),
      since: longAgo,
    }),
    [states.missing]: async () => ({ id: await backend.missingId() }),
    [states.transferTarget]: async (params?: unknown) => {
      const example = (params as { toAssociate?: string | number } | undefined)?.toAssociate ?? 'ola';
      return { toAssociate: await backend.transferTarget(example) };
    },
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

/** The embedded tenant, arranged through `/_admin` (header X-Admin-Token). */
export function embeddedBackend(baseUrl: string, adminToken: string, config: Config): StateBackend {
  const { caller, other } = embeddedCallers(config.auth);
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/_admin${path}`, {
      method,
      headers: { 'X-Admin-Token': adminToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, text };
  };
  return {
    async createSession(wanted, state) {
      const owner = wanted.owner === 'caller' ? caller.username : wanted.owner === 'other' ? other.username : undefined;
      const res = await admin('POST', '/sessions', {
        ...stateCarriers,
        Status: wanted.Status,
        ...(owner ? { owner } : { User: null }),
      });
      if (res.status !== 200 || typeof res.body?.ChatSessionId !== 'number')
        throw new Error(`state "${state}": POST /_admin/sessions answered ${res.status} ${res.text.slice(0, 200)}`);
      return res.body.ChatSessionId;
    },
    async missingId() {
      const id = 2_000_000_000;
      const res = await admin('GET', `/sessions/${id}`);
      if (res.status !== 404) throw new Error(`state "${states.missing}": session ${id} exists on the embedded tenant`);
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
  return {
    async createSession(wanted, state) {
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
        const picker = wanted.owner === 'caller' ? client : secondClient;
        if (!picker)
          throw new Error(
            `state "${state}" needs a second user: set SECOND_USERNAME/SECOND_PASSWORD (or SECOND_TICKET / SECOND_TOKEN)`,
          );
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
      if (!config.transferTo)
        throw new Error(
          `state "${states.transferTarget}" on a live tenant needs TRANSFER_TO_ASSOCIATE (a user name or associate id)`,
        );
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
