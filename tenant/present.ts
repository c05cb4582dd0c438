/**
 * Turns a stored entity into what a response carries: rights (TableRight, FieldProperties), for
 * the REST routes `_Links` with absolute Self and Archive URLs (ENTITY-LINKS), then the request's
 * time zone, language and `$select`, then the present point of the deviation hooks.
 */
import type { ChatSessionEntity, FieldProperties, TableRight } from '../schemas/index.ts';
import type { ActiveHooks } from './hooks.ts';
import { translateDeep } from './i18n.ts';
import { applySelect } from './select.ts';
import { mapDates, toZone, type Zone } from './timezone.ts';
import type { EmbeddedUser } from './users.ts';

export interface ViewContext {
  caller: EmbeddedUser;
  /** `http://127.0.0.1:3777`: scheme and host the request came to. */
  origin: string;
  select: string[] | undefined;
  zone: Zone | undefined;
  language: string | undefined;
  /** The deviation modes that are on: present() calls their body hooks last. */
  hooks: ActiveHooks;
}

/**
 * `links`: ChatSessionEntityWithLinks (GET, PUT, PATCH, create); `rights`: entity + rights, no
 * _Links (PickUp, TransferTo, Agents).
 */
export type Shape = 'links' | 'rights';

/** .NET type and FieldLength per field, as FieldProperties announce them (the tenant stores no longer text). */
export const fieldTypes: Readonly<Record<string, readonly [string, number]>> = {
  ChatSessionId: ['System.Int32', 4],
  TopicId: ['System.Int32', 4],
  User: ['SuperOffice.CRM.Services.Associate', 0],
  Person: ['SuperOffice.CRM.Services.Person', 0],
  CustomerAlias: ['System.String', 255],
  CustomerHost: ['System.String', 255],
  CustomerName: ['System.String', 255],
  CustomerEmail: ['System.String', 255],
  CustomerPhone: ['System.String', 255],
  CustomerConsented: ['System.Boolean', 1],
  CustomerCompanyName: ['System.String', 255],
  Status: ['SuperOffice.Data.ChatSessionStatus', 4],
  FirstMessage: ['System.String', 4000],
  LastMessage: ['System.String', 4000],
  WhenRequested: ['System.DateTime', 8],
  WhenStarted: ['System.DateTime', 8],
  WhenEnded: ['System.DateTime', 8],
  WhenIdle: ['System.DateTime', 8],
  WhenFetched: ['System.DateTime', 8],
  SessionKey: ['System.String', 64],
  InitialQueuePos: ['System.Int32', 4],
  AlertLevel: ['System.Int32', 4],
  Rank: ['System.Int32', 4],
  Flags: ['SuperOffice.Data.ChatSessionFlags', 4],
  Contact: ['SuperOffice.CRM.Services.Contact', 0],
  Project: ['SuperOffice.CRM.Services.Project', 0],
  Sale: ['SuperOffice.CRM.Services.Sale', 0],
  Ticket: ['SuperOffice.CRM.Services.Ticket', 0],
  TransferTo: ['SuperOffice.CRM.Services.Associate', 0],
  ChatbotIsActive: ['System.Boolean', 1],
  Rating: ['System.Int32', 4],
};

/**
 * The caller's right on a session, in ETableRight names: FULL on their own and unassigned ones,
 * URI (select, update, insert: no delete) on others'.
 */
export function tableRight(entity: ChatSessionEntity, caller: EmbeddedUser): TableRight {
  return rightFor(isOwn(entity, caller));
}

/** The TableRight for the owner's (or an unassigned) session, or for someone else's. */
export function rightFor(own: boolean): TableRight {
  return own ? { Mask: 'FULL', Reason: '' } : { Mask: 'URI', Reason: '[SR_ACCESS_CHATSESSION_NOT_OWNER]' };
}

/** Whether the caller has the FULL right on the session: their own, or nobody's. */
export function isOwn(entity: ChatSessionEntity, caller: EmbeddedUser): boolean {
  return entity.User === null || entity.User.AssociateId === caller.associateId;
}

/**
 * Field rights in EFieldRight names (a different enum from the table's: the official client parses
 * FULL or R there to 0): Update (read and write) for every field, Read for the primary key.
 */
export function fieldProperties(): FieldProperties {
  const out: FieldProperties = {};
  for (const [name, [type, length]] of Object.entries(fieldTypes)) {
    out[name] = {
      FieldRight:
        name === 'ChatSessionId'
          ? { Mask: 'Read', Reason: '[SR_FIELD_READONLY_PRIMARY_KEY]' }
          : { Mask: 'Update', Reason: '' },
      FieldType: type,
      FieldLength: length,
    };
  }
  return out;
}

export function links(origin: string, id: number): Record<string, string> {
  return { Self: `${origin}/api/v1/ChatSession/${id}`, Archive: `${origin}/api/v1/ChatSession` };
}

/** The response body for one entity (or null), shaped and filtered for this request. */
export function present(
  entity: ChatSessionEntity | null,
  shape: Shape,
  ctx: ViewContext,
): Record<string, unknown> | null {
  if (entity === null) return null;
  const right = tableRight(entity, ctx.caller);
  // Shallow: every step below replaces top-level properties or builds a new value, never edits nested ones.
  let body: Record<string, unknown> = { ...entity, TableRight: right, FieldProperties: fieldProperties() };
  if (shape === 'links') body._Links = links(ctx.origin, entity.ChatSessionId);
  if (ctx.zone) mapDates(body, (v) => toZone(v, ctx.zone as Zone));
  if (ctx.language) body = translateDeep(body, ctx.language);
  if (ctx.select) body = applySelect(body, ctx.select);
  return ctx.hooks.body(body, { shape, origin: ctx.origin });
}
