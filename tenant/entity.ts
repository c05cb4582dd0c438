/**
 * Reading an entity out of a request body (PUT, create, SaveChatSessionEntity): property names
 * matched case-insensitively as .NET model binding does, properties the body leaves out kept,
 * response-only ones (TableRight, FieldProperties, _Links) ignored, date-times read in the
 * request's time zone, and the result checked against the schema before anything is stored.
 */
import { rawSchema, validate, type ChatSessionEntity, type SchemaName } from '../schemas/index.ts';
import { badRequest } from './errors.ts';
import { fieldTypes } from './present.ts';
import { dateFields, fromRequest, type Zone } from './timezone.ts';
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

interface CarrierNames {
  /** The schema's property names as written. */
  exact: Set<string>;
  /** Lower-case name -> schema name. */
  lower: Map<string, string>;
}

/** Per carrier schema, built once (schemas do not change at run time). */
const carrierNames = new Map<SchemaName, CarrierNames>();
function namesOf(schema: SchemaName): CarrierNames {
  let names = carrierNames.get(schema);
  if (!names) {
    const exact = new Set(Object.keys(rawSchema(schema).properties as object));
    names = { exact, lower: new Map([...exact].map((k) => [k.toLowerCase(), k])) };
    carrierNames.set(schema, names);
  }
  return names;
}

/** Whether `value` is a plain object whose every property is named as its schema writes it, none undefined. */
function alreadyCanonical(value: Record<string, unknown>, exact: Set<string>): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const k in value) if (!Object.hasOwn(value, k) || !exact.has(k) || value[k] === undefined) return false;
  return true;
}

/**
 * A carrier's property names matched case-insensitively to its schema (the official client posts
 * camelCase); names the schema does not know (tableRight, extraFields, ...) are dropped. A carrier
 * already in the schema's spelling (what this tenant and the load test send) is kept as it is: the
 * parsed body is the request's own, so nothing else holds it.
 */
function canonicalCarrier(property: string, value: unknown): unknown {
  const schema = carrierSchemas[property];
  if (!schema || !isObject(value)) return value;
  const names = namesOf(schema);
  if (alreadyCanonical(value, names.exact)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const name = names.lower.get(k.toLowerCase());
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

/** The text fields and their FieldLength, in FieldProperties order (the order the 400 lists them in). */
const textLengths = Object.entries(fieldTypes)
  .filter(([, [type]]) => type === 'System.String')
  .map(([name, [, length]]) => [name, length] as const);

/** Throws 400 listing every schema problem and every text over its FieldLength; returns the entity typed. */
export function assertEntity(entity: unknown): ChatSessionEntity {
  const result = validate('ChatSessionEntity', entity);
  if (!result.ok) throw badRequest(`the entity is not valid: ${result.errors.join('; ')}`);
  let tooLong: string[] | undefined;
  for (const [name, length] of textLengths) {
    const value = (entity as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.length > length)
      (tooLong ??= []).push(`${name} is ${value.length} characters long; it holds at most ${length}`);
  }
  if (tooLong) throw badRequest(`the entity is not valid: ${tooLong.join('; ')} (FieldLength)`);
  return entity as ChatSessionEntity;
}

/** The entity schema's property names, and the same by their lower case, built once. */
let schemaNames: Set<string> | undefined;
let schemaKeys: Map<string, string> | undefined;

/**
 * `entity`'s own keys by their lower case when it has a property the schema does not name (a
 * test's odd overrides), else undefined: a stored entity is matched through the map built once.
 */
function oddKeys(entity: Record<string, unknown>): Map<string, string> | undefined {
  schemaNames ??= new Set(Object.keys(rawSchema('ChatSessionEntity').properties as object));
  for (const k in entity)
    if (!schemaNames.has(k)) return new Map(Object.keys(entity).map((key) => [key.toLowerCase(), key]));
  return undefined;
}

/** The property of `entity` a body name means, matched case-insensitively (`odd`: from oddKeys()). */
function keyIn(entity: Record<string, unknown>, odd: Map<string, string> | undefined, name: string) {
  if (odd) return odd.get(name.toLowerCase());
  if ((schemaNames as Set<string>).has(name)) return Object.hasOwn(entity, name) ? name : undefined;
  schemaKeys ??= new Map([...(schemaNames as Set<string>)].map((k) => [k.toLowerCase(), k]));
  const key = schemaKeys.get(name.toLowerCase());
  return key !== undefined && Object.hasOwn(entity, key) ? key : undefined;
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
  // Shallow: only top-level properties are replaced here; the stored entity itself is frozen.
  const out = { ...existing } as unknown as Record<string, unknown>;
  const odd = oddKeys(out);
  const given: Record<string, unknown> = {};
  for (const name in body) {
    if (!Object.hasOwn(body, name)) continue;
    const value = body[name];
    const key = keyIn(out, odd, name);
    if (key === undefined) continue; // TableRight, FieldProperties, _Links: response-only
    const carrier = canonicalCarrier(key, textual ? coerceText(value, out[key]) : value);
    given[key] = textual ? coerceCarrier(key, carrier) : carrier;
  }
  for (const field of dateFields) {
    const v = given[field];
    if (typeof v === 'string') given[field] = fromRequest(v, zone);
  }
  // A flags value may come as its number (the official client's enum: CustomerIsTyping = 0, UserIsTyping = 1).
  if (typeof given.Flags === 'number')
    given.Flags = given.Flags === 1 ? 'UserIsTyping' : given.Flags === 0 ? 'CustomerIsTyping' : given.Flags;
  Object.assign(out, given, { ChatSessionId: id });
  out.User = expandAssociate(out.User);
  out.TransferTo = expandAssociate(out.TransferTo);
  return assertEntity(out);
}
