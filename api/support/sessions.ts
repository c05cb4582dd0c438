/**
 * Sessions a test may change, made so a live tenant ends the run as it began:
 * - embedded: seeded through the tenant's admin API (`POST /_admin/sessions`), nothing to undo;
 * - live: created with `POST /api/v1/ChatSession` and deleted afterwards; where the tenant refuses
 *   to create, the configured CHAT_SESSION_ID is used instead: read first, written back after,
 *   read again, and the test fails if it is not as it was.
 */
import type { Config } from '../../lib/config.ts';
import type { ChatSessionClient, Entity } from '../../lib/client.ts';
import { RestoreJournal } from '../../lib/restore-journal.ts';
import { adminClient } from '../../tenant/admin-client.ts';

export type Owner = 'me' | 'second' | 'nobody';

export interface Seed {
  /** Entity values to start from, e.g. `{ Status: 'InQueue', User: null }`. */
  values?: Partial<Entity>;
  /** Whose session it is: the primary user, the second user, or no one (User null). */
  owner?: Owner;
}

/** Values every seeded session starts with, so checks can compare against known data. */
export const baseValues = {
  CustomerAlias: 'api-suite',
  CustomerName: 'Conformance Customer',
  CustomerEmail: 'customer@example.com',
  CustomerPhone: '+47 22 00 00 00',
  CustomerCompanyName: 'Example AS',
  FirstMessage: 'Hello',
  SessionKey: 'api-suite-session-key',
  LastMessage: 'Hello',
  Status: 'UserLast',
  Flags: 'CustomerIsTyping',
  Rating: 3,
  WhenRequested: '2024-01-15T12:00:00',
  WhenStarted: '2024-07-15T12:00:00',
  Person: {
    PersonId: 4242,
    Firstname: 'Kari',
    Lastname: 'Hansen',
    FullName: 'Kari Hansen',
    ContactId: 77,
    ContactName: 'Example AS',
    Email: 'kari@example.com',
  },
  Contact: null,
} as const satisfies Partial<Entity>;

export interface SessionsOptions {
  config: Config;
  baseURL: string;
  /** The primary user's API and, when configured, the second user's. */
  api: ChatSessionClient;
  secondApi: () => Promise<ChatSessionClient | undefined>;
  usernames: { me: string | undefined; second: string | undefined };
}

export class Sessions {
  private readonly created: number[] = [];
  private readonly guarded = new Map<number, Entity>();
  /** Live only: what to put right if this process is killed before cleanup (lib/restore-journal.ts). */
  private readonly journal: RestoreJournal | undefined;

  constructor(private readonly o: SessionsOptions) {
    this.journal =
      o.config.target === 'live' ? RestoreJournal.under(o.config.reportsDir, o.config.tenantUrl as string) : undefined;
  }

  /** A session in the given state; returns it as GET reads it. */
  async create(seed: Seed = {}): Promise<Entity> {
    const owner = seed.owner ?? 'nobody';
    const values: Partial<Entity> = { ...baseValues, ...(owner === 'nobody' ? { User: null } : {}), ...seed.values };
    const id =
      this.o.config.target === 'embedded'
        ? await this.seedEmbedded(values, owner)
        : await this.createLive(values, owner);
    return this.read(id);
  }

  async read(id: number): Promise<Entity> {
    const reply = await this.o.api.get(id);
    if (reply.status !== 200)
      throw new Error(
        `GET /api/v1/ChatSession/${id} answered ${reply.status}; the suite needs it to read sessions back`,
      );
    return reply.body;
  }

  /** Teardown: deletes what was created, restores what was borrowed; throws if a restore did not hold. */
  async cleanup(): Promise<void> {
    const problems: string[] = [];
    for (const [id, before] of this.guarded) {
      const { _Links: _l, TableRight: _t, FieldProperties: _f, ...entity } = before as Entity & Record<string, unknown>;
      const put = await this.o.api.put(id, entity);
      const after = await this.o.api.get(id);
      if (put.status !== 200 || JSON.stringify(after.body) !== JSON.stringify(before)) {
        problems.push(
          `chat session ${id} could not be restored (PUT ${put.status}); ` +
            `it was ${JSON.stringify(before)} and is now ${after.text}`,
        );
      } else {
        this.journal?.done(id);
      }
    }
    for (const id of this.created) {
      const res = await this.o.api.delete(id);
      if (res.status >= 300 && res.status !== 404)
        problems.push(`chat session ${id} created by the suite could not be deleted (DELETE ${res.status})`);
      else this.journal?.done(id);
    }
    if (problems.length) throw new Error(`live tenant not left as found:\n  ${problems.join('\n  ')}`);
  }

  private async seedEmbedded(values: Partial<Entity>, owner: Owner): Promise<number> {
    const username = owner === 'nobody' ? undefined : this.o.usernames[owner];
    const admin = adminClient(this.o.baseURL, this.o.config.embedded.adminToken);
    return (await admin.createSession({ ...values, ...(username ? { owner: username } : {}) })).ChatSessionId;
  }

  private async createLive(values: Partial<Entity>, owner: Owner): Promise<number> {
    const queued: Partial<Entity> = owner === 'nobody' ? values : { ...values, Status: 'InQueue', User: null };
    const res = await this.o.api.create(queued);
    let id: number;
    if (res.status === 200) {
      id = res.body.ChatSessionId;
      this.created.push(id);
      this.journal?.created(id, 'api suite');
    } else {
      id = await this.borrowConfigured(queued, res.status);
    }
    if (owner !== 'nobody') {
      const as = owner === 'me' ? this.o.api : await this.o.secondApi();
      if (!as) throw new Error('a session owned by the second user needs SECOND_* credentials');
      const picked = await as.pickUp(id);
      if (picked.status !== 200 || picked.body === null)
        throw new Error(`could not make chat session ${id} owned by ${owner} (PickUp ${picked.status})`);
      if (values.Status && values.Status !== 'InQueue') await this.o.api.patch(id, { Status: values.Status });
    }
    return id;
  }

  private async borrowConfigured(values: Partial<Entity>, createStatus: number): Promise<number> {
    const id = this.o.config.chatSessionId;
    if (id === undefined)
      throw new Error(
        `the tenant refused to create a chat session (POST ${createStatus}); ` +
          'set CHAT_SESSION_ID to a session the suite may change',
      );
    if (!this.guarded.has(id)) {
      const before = await this.read(id);
      this.guarded.set(id, before);
      this.journal?.borrowed(id, before, 'api suite');
    }
    const put = await this.o.api.put(id, { ...(this.guarded.get(id) as Entity), ...values });
    if (put.status !== 200) throw new Error(`could not set up chat session ${id} (PUT ${put.status})`);
    return id;
  }
}
