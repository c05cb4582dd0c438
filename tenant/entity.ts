/**
 * Reading an entity out of a request body (PUT, create, SaveChatSessionEntity): property names
 * matched case-insensitively as .NET model binding does, properties the body leaves out kept,
 * response-only ones (TableRight, FieldProperties, _Links) ignored, date-times read in the
 * request's time zone, and the result checked against the schema before anything is stored.
 */
import { rawSchema, validate, type ChatSessionEntity, type SchemaName } from '../schemas/index.ts';
import { badRequest } from './errors.ts';
import { fieldTypes } from './present.ts';
import { fromRequest, mapDates, type Zone } from './timezone.ts';
import { associateById } from './users.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function coerceText(value: unknown, current: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (typeof current === 'number' && /^-?\d+$/.test(t)) return Number(t);
  if (typeof current === 'boolean' && /^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (current === null && t === '') return null;
  return value;
}

const carrierSchemas: Record<string, SchemaName> = {
  User: 'Associate',
  TransferTo: 'Associate',
  Person: 'Person',
  Contact: 'Contact',
  Project: 'Project',
  Sale: 'Sale',
  Ticket: 'Ticket',
};

/** Lower-case name -> schema name per carrier schema, built once (schemas do not change at run time). */
const carrierNames = new Map<SchemaName, Map<string, string>>();
function namesOf(schema: SchemaName): Map<string, string> {
  let names = carrierNames.get(schema);
  if (!names) {
    names = new Map(Object.keys(rawSchema(schema).properties as object).map((k) => [k.toLowerCase(), k]));
    carrierNames.set(schema, names);
  }
  return names;
}

/**
 * A carrier's property names matched case-insensitively to its schema (the official client posts
 * camelCase); names the schema does not know (tableRight, extraFields, ...) are dropped.
 */
function canonicalCarrier(property: string, value: unknown): unknown {
  const schema = carrierSchemas[property];
  if (!schema || !isObject(value)) return value;
  const names = namesOf(schema);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const name = names.get(k.toLowerCase());
    if (name !== undefined && v !== undefined) out[name] = v;
  }
  return out;
}

/** The JSON type a carrier field has in its schema (`integer` for int32 refs), if any. */
function carrierFieldType(schema: SchemaName, field: string): string | undefined {
  const p = (rawSchema(schema).properties as Record<string, Record<string, unknown>>)[field];
  if (!p) return undefined;
  if (typeof p.$ref === 'string') return p.$ref.includes('int32') ? 'integer' : undefined;
  return Array.isArray(p.type) ? (p.type as string[]).find((t) => t !== 'null') : (p.type as string | undefined);
}

/**
 * Form bodies carry text: make a carrier's numeric and boolean fields typed again, by the
 * carrier's schema, so a digit-only Lastname or OrgNr stays the string it is.
 */
function coerceCarrier(property: string, value: unknown): unknown {
  const schema = carrierSchemas[property];
  if (!schema || !isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (typeof v !== 'string') return [k, v];
      const type = carrierFieldType(schema, k);
      // A number as text may carry an exponent (4.6e+16), as JSON, XML Schema and .NET write large ones.
      if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim()))
        return [k, Number(v)];
      if (type === 'boolean' && /^(true|false)$/i.test(v.trim())) return [k, v.trim().toLowerCase() === 'true'];
      return [k, v];
    }),
  );
}

/** A known associate given by its id alone comes back as the full carrier. */
export function expandAssociate(value: unknown): unknown {
  if (!isObject(value) || typeof value.AssociateId !== 'number' || Object.keys(value).length > 1) return value;
  return associateById(value.AssociateId) ?? value;
}

/** Throws 400 listing every schema problem and every text over its FieldLength; returns the entity typed. */
export function assertEntity(entity: unknown): ChatSessionEntity {
  const result = validate('ChatSessionEntity', entity);
  if (!result.ok) throw badRequest(`the entity is not valid: ${result.errors.join('; ')}`);
  const tooLong = Object.entries(fieldTypes)
    .map(([name, [type, length]]) => [name, type, length, (entity as Record<string, unknown>)[name]] as const)
    .filter(([, type, length, value]) => type === 'System.String' && typeof value === 'string' && value.length > length)
    .map(
      ([name, , length, value]) => `${name} is ${(value as string).length} characters long; it holds at most ${length}`,
    );
  if (tooLong.length) throw badRequest(`the entity is not valid: ${tooLong.join('; ')} (FieldLength)`);
  return entity as ChatSessionEntity;
}

/**
 * `existing` updated with the body's properties; `id` wins over a ChatSessionId in the body.
 * `textual` is true for form and XML bodies, whose scalars arrive as text.
 */
export function mergeEntity(
  existing: ChatSessionEntity,
  body: unknown,
  id: number,
  zone: Zone | undefined,
  textual: boolean,
): ChatSessionEntity {
  if (!isObject(body)) throw badRequest('the request body must be a ChatSessionEntity object');
  // Shallow: only top-level properties are replaced here, and the store clones on save.
  const out = { ...existing } as unknown as Record<string, unknown>;
  const keys = new Map(Object.keys(out).map((k) => [k.toLowerCase(), k]));
  const given: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const key = keys.get(name.toLowerCase());
    if (key === undefined) continue; // TableRight, FieldProperties, _Links: response-only
    const carrier = canonicalCarrier(key, textual ? coerceText(value, out[key]) : value);
    given[key] = textual ? coerceCarrier(key, carrier) : carrier;
  }
  mapDates(given, (v) => fromRequest(v, zone));
  // A flags value may come as its number (the official client's enum: CustomerIsTyping = 0, UserIsTyping = 1).
  if (typeof given.Flags === 'number')
    given.Flags = given.Flags === 1 ? 'UserIsTyping' : given.Flags === 0 ? 'CustomerIsTyping' : given.Flags;
  Object.assign(out, given, { ChatSessionId: id });
  out.User = expandAssociate(out.User);
  out.TransferTo = expandAssociate(out.TransferTo);
  return assertEntity(out);
}
