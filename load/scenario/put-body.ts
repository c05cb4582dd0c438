/**
 * Realistic PUT ChatSession bodies: a whole ChatSessionEntity (PUT replaces the entity) built on
 * an existing session or the reference page's sample, with the fields an agent console really
 * changes varied deterministically by a counter, so runs are reproducible and bodies differ.
 * Types come from schemas/types.gen.ts (derived from the JSON Schemas), never retyped.
 */
import type { ChatSessionEntity, ChatSessionEntityWithLinks } from '../../schemas/types.gen.ts';

/** The headers of every PUT (and of setup calls): JSON both ways, plus the auth headers given. */
export function putHeaders(auth: Readonly<Record<string, string>>): Record<string, string> {
  return { ...auth, Accept: 'application/json', 'Content-Type': 'application/json' };
}

const messages = [
  'Thanks, one more question.',
  'Can you check my order status?',
  'I have attached the invoice.',
  'When will the replacement ship?',
  'That solved it, thank you!',
  'Could you call me back tomorrow?',
] as const;
const flags: ReadonlyArray<ChatSessionEntity['Flags']> = ['CustomerIsTyping', 'UserIsTyping'];
const statuses: ReadonlyArray<ChatSessionEntity['Status']> = ['CustomerLast', 'UserLast'];

/** `2024-06-01T08:30:00`: UTC without offset, as the real API writes date-times. */
export function naiveUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The entity part of a response (drops TableRight, FieldProperties, _Links: read-only). */
export function entityOf(body: ChatSessionEntityWithLinks | ChatSessionEntity): ChatSessionEntity {
  const { TableRight: _t, FieldProperties: _f, _Links: _l, ...entity } = body as ChatSessionEntityWithLinks;
  return entity;
}

/**
 * The n-th PUT body for `base`: the same session with a new last message, idle time, status
 * (customer or agent wrote last), typing flags, rank and alert level. `overrides` win.
 */
export function buildPutBody(
  base: ChatSessionEntity,
  n: number,
  now: number,
  overrides: Partial<ChatSessionEntity> = {},
): ChatSessionEntity {
  const i = Math.abs(Math.trunc(n));
  return {
    ...base,
    LastMessage: messages[i % messages.length] as string,
    Status: statuses[i % statuses.length] as ChatSessionEntity['Status'],
    Flags: flags[(i >> 1) % flags.length] as ChatSessionEntity['Flags'],
    WhenIdle: naiveUtc(now),
    Rank: 1 + (i % 5),
    AlertLevel: i % 3,
    ...overrides,
  };
}

/** buildPutBody() varies its fields with n modulo these lengths: every 60th body is alike but for WhenIdle. */
const VARIANTS = 60;
const WHEN = '@@WhenIdle@@';

/**
 * The JSON text of buildPutBody(base, n, now), byte for byte, without serialising the entity per
 * PUT: each session's 60 variants are serialised once around a WhenIdle placeholder, and WhenIdle
 * (whole seconds) is formatted once a second. The embedded engine sends thousands of PUTs a second,
 * and JSON.stringify of the entity was a fifth of its CPU per PUT.
 */
export class PutBodyText {
  private readonly parts = new Map<number, readonly [string, string] | null>();
  private second = Number.NaN;
  private when = '';

  constructor(private readonly sessions: readonly ChatSessionEntity[]) {}

  /** The n-th PUT body for session `i` of the list, at `now` (ms). */
  text(i: number, n: number, now: number): string {
    const key = i * VARIANTS + (Math.abs(Math.trunc(n)) % VARIANTS);
    let parts = this.parts.get(key);
    if (parts === undefined) {
      const split = JSON.stringify(buildPutBody(this.sessions[i] as ChatSessionEntity, n, 0, { WhenIdle: WHEN })).split(
        `"${WHEN}"`,
      );
      // A session whose own data holds the placeholder is serialised the slow way, every time.
      parts = split.length === 2 ? [split[0] as string, split[1] as string] : null;
      this.parts.set(key, parts);
    }
    if (parts === null) return JSON.stringify(buildPutBody(this.sessions[i] as ChatSessionEntity, n, now));
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.when = JSON.stringify(naiveUtc(now));
    }
    return parts[0] + this.when + parts[1];
  }
}

/**
 * The marker a scratch session carries as its CustomerAlias: unique per run and session, so a
 * later run can tell the harness's own sessions from real ones even when it never learnt the id.
 */
export function scratchMarker(runId: string, n: number): string {
  return `harness-load ${runId} #${n}`;
}

/** True for a CustomerAlias that scratchMarker() wrote. */
export const isScratchMarker = (alias: unknown): boolean =>
  typeof alias === 'string' && alias.startsWith('harness-load ');

/**
 * A body for creating a scratch session (POST, id 0) from a template: a live session's shape when
 * one is given, else the reference page's PUT sample. Ends nothing, assigns nobody; its
 * CustomerAlias is the marker (PUT bodies keep it, since they start from the created entity).
 */
export function buildScratchSession(
  template: ChatSessionEntity,
  n: number,
  now: number,
  marker: string,
): ChatSessionEntity {
  return buildPutBody(
    { ...template, ChatSessionId: 0, User: null, TransferTo: null, WhenEnded: '0001-01-01T00:00:00', Rating: 0 },
    n,
    now,
    {
      CustomerAlias: marker,
      CustomerName: `Load Test ${n}`,
      FirstMessage: 'load test session, deleted after the run',
      WhenRequested: naiveUtc(now),
      WhenStarted: naiveUtc(now),
    },
  );
}
