/**
 * The PUT targets of a run. On the embedded tenant: the seed's load pool (ids 400..), read once.
 * On a live tenant: scratch sessions the run creates and deletes, never real ones. Each scratch
 * session is in the restore journal before its POST is sent (by its marker) and by id as soon as
 * POST answers, so whatever way the run ends (done, Ctrl-C, SIGTERM, SIGKILL) the run itself, the
 * main job or the next run deletes it. Setup requests are never part of the measured PUTs.
 */
import { ChatSessionClient, type Entity } from '../../lib/client.ts';
import type { Config } from '../../lib/config.ts';
import { RestoreJournal, type Recovery } from '../../lib/restore-journal.ts';
import { buildScratchSession, entityOf, scratchMarker } from '../scenario/put-body.ts';
import { loadSample } from '../../schemas/samples.ts';

/** The journal's writer name for the load runner's entries. */
export const JOURNAL_BY = 'load';

/** Setup could not be done: the message says what to do (exit 2). */
export class SetupError extends Error {
  override name = 'SetupError';
}

export function clientFor(config: Config, baseUrl: string): ChatSessionClient {
  return new ChatSessionClient({ baseUrl, auth: config.auth, appToken: config.appToken, timeoutMs: 15_000 });
}

function refuse(what: string, status: number, baseUrl: string, text: string): never {
  if (status === 401 || status === 403)
    throw new SetupError(
      `credentials refused: ${what} answered ${status}. Check AUTH_SCHEME and its credentials (and SO_APP_TOKEN) in .env.`,
    );
  if (status === 404)
    throw new SetupError(
      `${what} answered 404: that session does not exist on ${baseUrl}. For a live tenant check CHAT_SESSION_ID.`,
    );
  throw new SetupError(`${what} answered ${status}, expected 200: ${text.slice(0, 200)}`);
}

async function call<T>(what: string, baseUrl: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new SetupError(
      `tenant down: ${what} got no answer (${(err as Error).message}). Is the tenant running at ${baseUrl}? Check TENANT_URL.`,
    );
  }
}

/** Reads existing sessions (the embedded seed's load pool, or ids given to k6). */
export async function readSessions(
  client: ChatSessionClient,
  baseUrl: string,
  ids: readonly number[],
): Promise<Entity[]> {
  const out: Entity[] = [];
  for (const id of ids) {
    const res = await call(`GET ${baseUrl}/api/v1/ChatSession/${id}`, baseUrl, () => client.get(id));
    if (res.status !== 200) refuse(`GET ${baseUrl}/api/v1/ChatSession/${id}`, res.status, baseUrl, res.text);
    out.push(entityOf(res.body));
  }
  return out;
}

export class ScratchPool {
  readonly sessions: Entity[] = [];

  constructor(
    private readonly client: ChatSessionClient,
    private readonly journal: RestoreJournal,
    private readonly baseUrl: string,
  ) {}

  /** Creates `count` sessions shaped like `templateId` (or the PUT page's sample); stops early on `signal`. */
  async create(count: number, runId: string, templateId: number | undefined, signal?: AbortSignal): Promise<void> {
    const template = templateId
      ? (await readSessions(this.client, this.baseUrl, [templateId]))[0]!
      : loadSample<Entity>('put-request.json');
    let afterId = templateId;
    for (let n = 0; n < count && !signal?.aborted; n++) {
      const marker = scratchMarker(runId, n);
      this.journal.creating(marker, JOURNAL_BY, afterId);
      const what = `POST ${this.baseUrl}/api/v1/ChatSession (scratch session ${n + 1} of ${count})`;
      // No answer keeps the marker entry: the session may exist all the same, and recovery looks for it.
      const res = await call(what, this.baseUrl, () =>
        this.client.create(buildScratchSession(template, n, Date.now(), marker)),
      );
      if (res.status !== 200) {
        this.journal.forget(marker);
        refuse(what, res.status, this.baseUrl, res.text);
      }
      const id = res.body.ChatSessionId;
      this.journal.createdAs(id, marker, JOURNAL_BY);
      this.sessions.push(entityOf(res.body));
      afterId = Math.max(afterId ?? 0, id);
    }
  }

  /** Deletes every session this pool created; what could not be deleted stays in the journal. */
  async deleteAll(): Promise<Recovery> {
    return this.journal.recover(this.client, { by: JOURNAL_BY });
  }
}

/** Deletes what an earlier load run on this tenant left (killed before it could); never throws. */
export function recoverEarlierRuns(client: ChatSessionClient, journal: RestoreJournal): Promise<Recovery> {
  return journal.recover(client, { by: JOURNAL_BY });
}
