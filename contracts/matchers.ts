/**
 * Pact matchers derived from the JSON Schemas: give a schema name and an example value, get the
 * same value with a matcher on every leaf (type for strings, integer for int32, a regex for
 * enums, patterns and date-times, `null` kept literal for an absent carrier). The pacts thereby
 * say "this shape", as the schemas do, and never drift from them.
 */
import { MatchersV3, type Matcher } from '@pact-foundation/pact';
import { SchemaError, rawSchema, resolveRef, validate, validateSelected, type SchemaName } from '../schemas/index.ts';

const { boolean, eachValueMatches, equal, integer, like, number, regex } = MatchersV3;

type Schema = Record<string, unknown>;
export interface At {
  schema: Schema;
  baseId: string;
}

/** A value with Pact matchers in it, as `jsonBody` takes it. */
export type Template = unknown;

/**
 * Date-times as both forms the API writes them: real responses without an offset
 * (`2020-02-18T02:30:52`), the doc samples with one (`...52.3661722+01:00`).
 */
export const dateTimePattern = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?(Z|[+-]\\d{2}:\\d{2})?$';
/** `_Links` values are absolute URLs. */
export const absoluteUrlPattern = '^https?://\\S+$';

export interface MatcherOptions {
  /** Top-level properties matched by equality: the values the interaction is about. */
  exact?: readonly string[];
  /**
   * The example answers a `$select` request: it is validated as such (unselected properties may be
   * `null`), and its nulls stay literal, as SELECT-FIELDS says.
   */
  select?: readonly string[];
  /**
   * Only these properties (dotted paths into carriers: `User.AssociateId`) go into the pact: an
   * interaction asserts what its clause is about, and ENTITY-SHAPE's interaction the whole shape.
   * The whole example is still validated against the schema first.
   */
  only?: readonly string[];
}

/**
 * The example with matchers from the named schema. Throws a SchemaError when the example itself
 * does not match the schema, so a pact can never promise a shape the schemas reject.
 */
export function matchersFor(name: SchemaName, example: unknown, options: MatcherOptions = {}): Template {
  const check = options.select
    ? validateSelected(name as 'ChatSessionEntity' | 'ChatSessionEntityWithLinks', options.select, example)
    : validate(name, example);
  if (!check.ok) throw new SchemaError(name, check.errors);
  const at = { schema: rawSchema(name), baseId: `${name}.json` };
  const value = options.only ? pick(example, options.only) : example;
  const exact = new Set(options.exact ?? []);
  if (exact.size && isPlainObject(value)) {
    const props = objectProperties(at);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, exact.has(k) ? equal(v) : build(propertyAt(props, k, at), v)]),
    );
  }
  return build(at, value);
}

/** The example cut to the given dotted paths (`CustomerName`, `User.AssociateId`); a null carrier stays null. */
export function pick(example: unknown, paths: readonly string[]): unknown {
  if (!isPlainObject(example)) return example;
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const [head, ...rest] = path.split('.') as [string, ...string[]];
    if (!(head in example)) throw new Error(`the example has no property "${head}" (path ${path})`);
    const value = example[head];
    if (rest.length === 0 || value === null) out[head] = value;
    else out[head] = { ...(isPlainObject(out[head]) ? out[head] : {}), ...(pick(value, [rest.join('.')]) as object) };
  }
  return out;
}

/** Follows `$ref`s until a schema with content. */
export function deref(at: At): At {
  let cur = at;
  for (let hops = 0; typeof cur.schema.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${cur.baseId}`);
    cur = resolveRef(cur.schema.$ref, cur.baseId);
  }
  return cur;
}

/** For an `anyOf` with a `null` branch (a nullable carrier): the branch that is not null. */
export function nonNullBranch(at: At): At {
  const branches = (at.schema.anyOf as Schema[] | undefined) ?? [];
  const found = branches.map((b) => deref({ schema: b, baseId: at.baseId })).find((b) => b.schema.type !== 'null');
  if (!found) throw new Error(`anyOf in ${at.baseId} has no non-null branch`);
  return found;
}

/** Properties of an object schema, including those of its `allOf` parts (WithLinks extends the entity). */
export function objectProperties(at: At): Map<string, At> {
  const props = new Map<string, At>();
  for (const part of (at.schema.allOf as Schema[] | undefined) ?? []) {
    for (const [k, v] of objectProperties(deref({ schema: part, baseId: at.baseId }))) props.set(k, v);
  }
  for (const [k, v] of Object.entries((at.schema.properties as Record<string, Schema> | undefined) ?? {}))
    props.set(k, { schema: v, baseId: at.baseId });
  return props;
}

function propertyAt(props: Map<string, At>, key: string, parent: At): At | undefined {
  const direct = props.get(key);
  if (direct) return direct;
  const additional = parent.schema.additionalProperties;
  return additional && typeof additional === 'object'
    ? { schema: additional as Schema, baseId: parent.baseId }
    : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function build(at0: At | undefined, value: unknown): Template {
  if (value === null) return null; // an absent carrier, or a property $select nulled out
  if (!at0) return like(value); // a property the schema leaves open (extra carrier fields)
  let at = deref(at0);
  if (at.schema.anyOf) at = nonNullBranch(at);
  const { schema } = at;

  if ('const' in schema) return equal(schema.const);
  if (isPlainObject(value)) {
    const props = objectProperties(at);
    if (props.size === 0 && isPlainObject(schema.additionalProperties))
      return mapOf({ schema: schema.additionalProperties, baseId: at.baseId }, value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, build(propertyAt(props, k, at), v)]));
  }
  if (Array.isArray(value)) {
    const items = isPlainObject(schema.items) ? { schema: schema.items, baseId: at.baseId } : undefined;
    return value.map((item) => build(items, item));
  }
  return leaf(at, value);
}

/** A string, number or boolean leaf: the tightest matcher its schema allows. */
function leaf(at: At, value: unknown): Template {
  if (typeof value === 'string') return stringMatcher(at, value);
  if (typeof value === 'number') return types(at.schema).includes('integer') ? integer(value) : number(value);
  if (typeof value === 'boolean') return boolean(value);
  return like(value);
}

/** A string leaf: a regex for an enum, a pattern or a date-time format, else a type match. */
export function stringMatcher(at: At, value: string): Matcher<string> {
  const { schema } = at;
  if (Array.isArray(schema.enum)) return regex(`^(${(schema.enum as string[]).map(escapeRegex).join('|')})$`, value);
  if (typeof schema.pattern === 'string') return regex(schema.pattern, value);
  if (schema.format === 'iso-date-time' || schema.format === 'date-time') return regex(dateTimePattern, value);
  if (schema.format === 'uri') return regex(absoluteUrlPattern, value);
  return like(value);
}

/**
 * A dictionary (FieldProperties, `_Links`): any key, each value matched like the example's first
 * value. Object values are matched by type all the way down (Pact's eachValue takes one rule).
 */
function mapOf(valueSchema: At, example: Record<string, unknown>): Template {
  const [first] = Object.values(example);
  if (first === undefined) return like(example);
  const rule = isPlainObject(first) || first === null ? like(first) : leaf(deref(valueSchema), first);
  return eachValueMatches(example, rule as ReturnType<typeof like>);
}

export function types(schema: Schema): string[] {
  return Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
