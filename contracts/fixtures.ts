/**
 * Typed example values for the pacts, built from the reference pages' own samples
 * (schemas/samples) with overrides: `buildChatSession({ Status: 'InQueue' })`. Matchers turn these
 * into shapes, so the values only need to be plausible and schema-valid.
 */
import { embeddedUsers } from '../lib/embedded-users.ts';
import { loadSample } from '../schemas/samples.ts';
import type { Associate, ChatSessionEntity, ChatSessionEntityWithLinks, ErrorBody } from '../schemas/index.ts';

/** The id the consumer tests use; provider states replace it with one the tenant really has. */
export const exampleId = 123;

const [caller, other] = embeddedUsers as [
  NonNullable<(typeof embeddedUsers)[0]>,
  NonNullable<(typeof embeddedUsers)[1]>,
];

/** An Associate carrier with the fields a chat console shows (id and names). */
export function buildAssociate(user: { associateId: number; username: string; fullName: string } = caller): Associate {
  return { AssociateId: user.associateId, Name: user.username.toUpperCase(), FullName: user.fullName };
}

/** The calling user and another user, as the consumer tests picture them. */
export const callerAssociate = buildAssociate(caller);
export const otherAssociate = buildAssociate(other);
export const otherUsername = other.username;
export const otherAssociateId = other.associateId;

/** A ChatSessionEntity: the PUT page's sample request with `overrides` applied. */
export function buildChatSession(overrides: Partial<ChatSessionEntity> = {}): ChatSessionEntity {
  const sample = loadSample<ChatSessionEntity>('put-request.json');
  return { ...sample, ChatSessionId: exampleId, ...overrides };
}

/**
 * A ChatSessionEntityWithLinks: the entity plus the right, field properties and links real
 * responses carry (FACTS.md: `TableRight` is `{ Mask, Reason }`, `_Links` has Self and Archive).
 */
export function buildChatSessionWithLinks(
  overrides: Partial<ChatSessionEntityWithLinks> = {},
): ChatSessionEntityWithLinks {
  const id = overrides.ChatSessionId ?? exampleId;
  return {
    ...buildChatSession(),
    TableRight: { Mask: 'FULL', Reason: '' },
    FieldProperties: {
      CustomerName: { FieldRight: { Mask: 'Update', Reason: '' }, FieldType: 'System.String', FieldLength: 255 },
    },
    _Links: {
      Self: `https://tenant.example.com/api/v1/ChatSession/${id}`,
      Archive: 'https://tenant.example.com/api/v1/ChatSession',
    },
    ...overrides,
  };
}

/**
 * The same entity as a `$select` answer: the selected top-level properties kept, every other one
 * nulled out (SELECT-FIELDS).
 */
export function selected<T extends object>(entity: T, select: readonly string[]): T {
  const keep = new Set(select.map((s) => s.split('/')[0]!.toLowerCase()));
  return Object.fromEntries(Object.entries(entity).map(([k, v]) => [k, keep.has(k.toLowerCase()) ? v : null])) as T;
}

/** The REST error body (FACTS.md), documented for 404. */
export function buildErrorBody(overrides: Partial<ErrorBody> = {}): ErrorBody {
  return {
    Error: true,
    ErrorType: 'SoNotFoundException',
    ErrorMessage: `ChatSession ${exampleId} not found`,
    ...overrides,
  };
}
