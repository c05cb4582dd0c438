/**
 * Realistic PUT ChatSession bodies: a whole ChatSessionEntity (PUT replaces the entity) built on
 * an existing session or the reference page's sample, with the fields an agent console really
 * changes varied deterministically by a counter, so runs are reproducible and bodies differ.
 * Types come from schemas/types.gen.ts (derived from the JSON Schemas), never retyped.
 */
import type { ChatSessionEntity, ChatSessionEntityWithLinks } from '../../schemas/types.gen.ts';

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

/**
 * A body for creating a scratch session (POST, id 0) from a template: a live session's shape when
 * one is given, else the reference page's PUT sample. Ends nothing, assigns nobody.
 */
export function buildScratchSession(template: ChatSessionEntity, n: number, now: number): ChatSessionEntity {
  return buildPutBody(
    { ...template, ChatSessionId: 0, User: null, TransferTo: null, WhenEnded: '0001-01-01T00:00:00', Rating: 0 },
    n,
    now,
    {
      CustomerAlias: `k6 load ${n}`,
      CustomerName: `Load Test ${n}`,
      FirstMessage: 'k6 load test session, deleted after the run',
      WhenRequested: naiveUtc(now),
      WhenStarted: naiveUtc(now),
    },
  );
}
