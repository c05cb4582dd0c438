/**
 * The JSON Schema files in `schemas/` (draft-07, one file per carrier) as OpenAPI 3.1 components
 * (JSON Schema 2020-12, one namespace): each file becomes `#/components/schemas/<File>`, each
 * `definitions` entry is hoisted to `#/components/schemas/<Name>`, and every `$ref` is rewritten
 * to point there. Nothing is retyped: the files stay the one truth, this only translates them.
 */
import { loadSchemaFiles } from './index.ts';

export type JsonSchema = Record<string, unknown>;

/** Where OpenAPI 3.1 keeps reusable schemas. */
export const COMPONENTS = '#/components/schemas/';

/**
 * `iso-date-time` (ajv-formats: an ISO 8601 date-time whose offset is optional) as a pattern,
 * because OpenAPI tools know only `date-time`, which demands an offset that real answers leave
 * out (FACTS.md). Same calendar rules as ajv-formats (days per month, leap years, hours <= 23,
 * offsets <= 23:59); leap seconds (23:59:60) are left out, as no ChatSession date is one.
 * `openapi.test.ts` proves it agrees with ajv-formats.
 */
export const ISO_DATE_TIME_PATTERN = (() => {
  const leapYear = '(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)';
  const longMonth = '(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])';
  const shortMonth = '(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)';
  const february = '02-(?:0[1-9]|1\\d|2[0-8])';
  const date = `(?:\\d{4}-(?:${longMonth}|${shortMonth}|${february})|${leapYear}-02-29)`;
  const time = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
  const offset = '(?:[Zz]|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)?';
  return `^${date}[Tt ]${time}${offset}$`;
})();

/** Keywords whose value is one subschema, a list of them, or a map of them (draft-07 and 2020-12). */
const ONE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const LIST = ['allOf', 'anyOf', 'oneOf'];
const MAP = ['properties', 'patternProperties'];
/** Annotations a `$ref` may sit beside without changing what it validates. */
const REF_SIBLINGS = new Set(['$ref', 'description', 'title', 'examples', 'default', 'deprecated', 'readOnly']);

function refTarget(ref: string, file: string): string {
  const m = /^([A-Za-z0-9_-]+\.json)?(?:#(?:\/definitions\/([A-Za-z0-9_-]+))?)?$/.exec(ref);
  if (!m) throw new Error(`schemas/${file}: cannot translate $ref "${ref}" to an OpenAPI component`);
  const [, target = file, definition] = m;
  return `${COMPONENTS}${definition ?? target.replace(/\.json$/, '')}`;
}

/** One schema (and its subschemas) translated; `definitions` are handed to `hoist`. */
function translate(schema: JsonSchema, file: string, hoist: (name: string, s: JsonSchema) => void): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === 'definitions' || key === '$defs') {
      for (const [name, sub] of Object.entries(value as Record<string, JsonSchema>))
        hoist(name, translate(sub, file, hoist));
    } else if (key === '$ref') {
      const extra = Object.keys(schema).filter((k) => !REF_SIBLINGS.has(k));
      if (extra.length) throw new Error(`schemas/${file}: $ref beside ${extra.join(', ')} (draft-07 ignores them)`);
      out.$ref = refTarget(value as string, file);
    } else if (key === 'format' && value === 'iso-date-time') {
      out.pattern = ISO_DATE_TIME_PATTERN;
    } else if (key === 'dependencies' || key === 'additionalItems' || (key === 'items' && Array.isArray(value))) {
      throw new Error(`schemas/${file}: "${key}" has another meaning in JSON Schema 2020-12; translate it first`);
    } else if (ONE.includes(key) && typeof value === 'object' && value !== null) {
      out[key] = translate(value as JsonSchema, file, hoist);
    } else if (LIST.includes(key)) {
      out[key] = (value as JsonSchema[]).map((s) => translate(s, file, hoist));
    } else if (MAP.includes(key)) {
      const entries = Object.entries(value as Record<string, JsonSchema>);
      out[key] = Object.fromEntries(entries.map(([k, s]) => [k, translate(s, file, hoist)]));
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/**
 * Every schema file as a component, keyed by file name without `.json`, plus every hoisted
 * definition. A file that holds only definitions (`common.json`) gives no component of its own.
 * Throws when two names collide, so no component silently replaces another.
 */
export function schemaComponents(files = loadSchemaFiles()): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {};
  const add = (name: string, schema: JsonSchema, file: string) => {
    if (name in components) throw new Error(`schemas/${file}: component "${name}" is defined twice`);
    components[name] = schema;
  };
  for (const [file, raw] of files) {
    const top = translate(raw, file, (name, s) => add(name, s, file));
    const meaningful = Object.keys(top).filter((k) => !['title', 'description'].includes(k));
    if (meaningful.length) add(file.replace(/\.json$/, ''), top, file);
  }
  return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
}

const ref = (name: string): JsonSchema => ({ $ref: `${COMPONENTS}${name}` });

/** Properties and required names of a component, following `allOf` `$ref`s (ChatSessionEntityWithLinks). */
function flatten(name: string, components: Record<string, JsonSchema>): { props: JsonSchema; required: string[] } {
  const schema = components[name];
  if (!schema) throw new Error(`no component "${name}"`);
  const props: JsonSchema = {};
  const required: string[] = [];
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    const inner = flatten(String(part.$ref).slice(COMPONENTS.length), components);
    Object.assign(props, inner.props);
    required.push(...inner.required);
  }
  Object.assign(props, schema.properties as JsonSchema | undefined);
  required.push(...((schema.required as string[] | undefined) ?? []));
  return { props, required: [...new Set(required)] };
}

/**
 * An entity answered under `$select`: the pages null out every property not selected, and one
 * document cannot tie a response to the query, so each property is its schema or null. Derived
 * from the component (as `validateSelected` in index.ts is), never written out by hand.
 */
export function selectedVariant(name: string, components: Record<string, JsonSchema>): JsonSchema {
  const { props, required } = flatten(name, components);
  const nullable = (s: JsonSchema) =>
    Array.isArray(s.anyOf) && (s.anyOf as JsonSchema[]).some((b) => b.type === 'null')
      ? s
      : { anyOf: [s, { type: 'null' }] };
  return {
    title: `${name} under $select`,
    description:
      `${name} as answered with $select: the selected properties keep their schema, ` + 'every other one is null.',
    type: 'object',
    required,
    properties: Object.fromEntries(Object.entries(props).map(([k, s]) => [k, nullable(s as JsonSchema)])),
  };
}

/** The documented properties (the entity's required list, the pages' body table), with their schemas. */
function documented(name: string, components: Record<string, JsonSchema>): Array<[string, JsonSchema]> {
  const { props, required } = flatten(name, components);
  return required.map((k) => [k, props[k] as JsonSchema]);
}

/** The schema without its `null` branch: XML and form bodies have no JSON null to send. */
function withoutNull(s: JsonSchema): JsonSchema {
  const branches = s.anyOf as JsonSchema[] | undefined;
  if (!branches?.some((b) => b.type === 'null')) return s;
  const rest = branches.filter((b) => b.type !== 'null');
  const { anyOf: _dropped, ...annotations } = s;
  return rest.length === 1 ? { ...annotations, ...rest[0] } : { ...annotations, anyOf: rest };
}

/**
 * An entity as a request body: the documented properties, none required, because a PUT or Save
 * body may leave properties out (they keep their values) and the pages require none. `text`
 * (XML, form) drops the null branch of carriers: OpenAPI cannot describe xsi:nil or an empty field.
 */
export function bodyVariant(name: string, components: Record<string, JsonSchema>, text = false): JsonSchema {
  return {
    title: `${name} (request body${text ? ', XML or form' : ''})`,
    description: `${name} as a request body: the properties given are saved, the ones left out keep their values.`,
    type: 'object',
    properties: Object.fromEntries(documented(name, components).map(([k, s]) => [k, text ? withoutNull(s) : s])),
    xml: { name },
  };
}

/**
 * A body schema for XML and form media: `$ref`s inlined, and every object refuses an element named
 * `__proto__`, which the reference tenant's XML parser rejects (a prototype-pollution guard; the
 * pages say nothing of such names). Derived, so the JSON bodies keep the plain components.
 */
export function textSafe(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (depth > 20) throw new Error('textSafe: $refs nest deeper than 20 levels');
  if (typeof schema.$ref === 'string') {
    const target = components[schema.$ref.slice(COMPONENTS.length)];
    if (!target) throw new Error(`no component for ${schema.$ref}`);
    const { $ref: _ref, ...annotations } = schema;
    return textSafe({ ...target, ...annotations }, components, depth + 1);
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ONE.includes(key) && typeof value === 'object' && value !== null)
      out[key] = textSafe(value as JsonSchema, components, depth + 1);
    else if (LIST.includes(key)) out[key] = (value as JsonSchema[]).map((v) => textSafe(v, components, depth + 1));
    else if (MAP.includes(key))
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, textSafe(v, components, depth + 1)]),
      );
    else out[key] = value;
  }
  const objectish = schema.type === 'object' || 'properties' in schema || 'additionalProperties' in schema;
  if (objectish) out.propertyNames = { not: { const: '__proto__' } };
  return out;
}

/** JSON Schema regex for a property name in any case, with the optional leading slash (PATCH-PATH). */
const anyCasePath = (prop: string) =>
  `^/?${[...prop].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('')}$`;

/** A property `remove` can empty: not an enum or a patterned name list (Status, Flags), which have no empty value. */
function removable(s: JsonSchema, components: Record<string, JsonSchema>): boolean {
  const target = typeof s.$ref === 'string' ? components[s.$ref.slice(COMPONENTS.length)] : s;
  return !target || !(target.enum || (target.pattern && target.pattern !== ISO_DATE_TIME_PATTERN));
}

/**
 * A JSON Patch against the entity: the file's JsonPatchOperation rules, and a path that names a
 * documented property (any case, optional slash) with a value of that property's type. Derived
 * from the entity schema; `readOnly` properties (the primary key) are left out.
 */
export function jsonPatchVariant(
  name: string,
  components: Record<string, JsonSchema>,
  readOnly: readonly string[],
  { scalarValues = false } = {},
): JsonSchema {
  const props = documented(name, components).filter(([k]) => !readOnly.includes(k));
  // XML values are text, read without the property's schema: only scalars can be set that way.
  const settable = ([, s]: [string, JsonSchema]) => !scalarValues || withoutNull(s) === s;
  const branches: JsonSchema[] = props.flatMap(([k, s]) => [
    ...(settable([k, s])
      ? [
          {
            type: 'object',
            required: ['op', 'path', 'value'],
            properties: {
              op: { enum: ['add', 'replace', 'test'] },
              path: { type: 'string', pattern: anyCasePath(k) },
              value: s,
            },
          },
        ]
      : []),
    ...(removable(s, components)
      ? [
          {
            type: 'object',
            required: ['op', 'path'],
            properties: { op: { const: 'remove' }, path: { type: 'string', pattern: anyCasePath(k) } },
          },
        ]
      : []),
  ]);
  return {
    title: `JSON Patch of ${name}`,
    description:
      `A JsonPatchDocument whose paths name ${name} properties ` +
      '(paths into carriers, such as /User/AssociateId, are read too). ' +
      `add, replace and test need a value of the property's type; remove empties a property` +
      (scalarValues ? '; in XML only scalar properties take a value (carriers are set in JSON).' : '.'),
    type: 'array',
    allOf: [ref('JsonPatchDocument')],
    items: { anyOf: branches },
    xml: { name: 'JsonPatchDocument', wrapped: true },
  };
}

/** A merge patch against the entity: documented properties only, each its type or null (null empties it). */
export function mergePatchVariant(name: string, components: Record<string, JsonSchema>, readOnly: readonly string[]) {
  const props = documented(name, components).filter(([k]) => !readOnly.includes(k));
  return {
    title: `Merge patch of ${name}`,
    description: `A MergePatchDocument naming ${name} properties; null empties one.`,
    allOf: [ref('MergePatchDocument')],
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      props.map(([k, s]) => [k, withoutNull(s) === s ? { anyOf: [s, { type: 'null' }] } : s]),
    ),
  };
}

export { ref };
