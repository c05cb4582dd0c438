/**
 * The one loader for `schemas/*.json`: compiles every schema once with ajv + ajv-formats and
 * exports validators. The tenant, the Pact matchers, the Playwright matcher and the k6 checks all
 * validate through here (k6 through code generated from the same files), so a shape is defined
 * exactly once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createAjv as newAjv } from './ajv.ts';

export type * from './types.gen.ts';

/** Top-level schema names (file name without `.json`). */
export const schemaNames = [
  'ChatSessionEntity',
  'ChatSessionEntityWithLinks',
  'Associate',
  'Person',
  'Contact',
  'Project',
  'Sale',
  'Ticket',
  'TableRight',
  'FieldRight',
  'FieldProperties',
  'PickUpChatSessionRequest',
  'TransferChatSessionRequest',
  'JsonPatchDocument',
  'MergePatchDocument',
  'ErrorBody',
] as const;
export type SchemaName = (typeof schemaNames)[number];

export const schemasDir = dirname(fileURLToPath(import.meta.url));

/** Every schema file in `schemas/`, parsed, keyed by its `$id` (`Associate.json`). */
export function loadSchemaFiles(dir = schemasDir): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    if (schema.$id !== name)
      throw new Error(`schemas/${name}: $id must be "${name}", found ${JSON.stringify(schema.$id)}`);
    files.set(name, schema);
  }
  return files;
}

function createAjv(): Ajv {
  const ajv = newAjv({ allErrors: true, strict: true, strictRequired: false });
  for (const schema of loadSchemaFiles().values()) ajv.addSchema(schema);
  return ajv;
}

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

function compiledFor(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = ajv.getSchema(`${name}.json`);
    if (!fn) throw new Error(`unknown schema "${name}": expected one of ${schemaNames.join(', ')}`);
    compiled.set(name, fn);
  }
  return fn;
}

export interface ValidationResult {
  ok: boolean;
  /** One readable line per problem: `/User/AssociateId must be integer (got "x")`. */
  errors: string[];
}

/** Turns ajv's errors into one line each, with the JSON Pointer of the offending value. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined, data: unknown): string[] {
  if (!errors) return [];
  const lines = errors
    // anyOf for nullable carriers repeats the real error plus "must be null": keep the real one.
    .filter((e) => !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null'))
    .filter((e) => e.keyword !== 'anyOf' || errors.length === 1)
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const where = e.instancePath === '' ? '(root)' : e.instancePath;
      if (e.keyword === 'required')
        return `${where} must have property "${(e.params as { missingProperty: string }).missingProperty}"`;
      if (e.keyword === 'enum')
        return `${where} ${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')} (got ${preview(pointer(data, e.instancePath))})`;
      return `${where} ${e.message ?? 'is invalid'} (got ${preview(pointer(data, e.instancePath))})`;
    });
  return [...new Set(lines)];
}

function pointer(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[...]' : typeof value === 'object' && value !== null ? '{...}' : String(value); // too deep to stringify
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The compiled ajv validator itself, for hot paths that validate many bodies (the load engine
 * checks every PUT answer): same schema, no per-call formatting of errors.
 */
export function validatorOf(name: SchemaName): ValidateFunction {
  return compiledFor(name);
}

/** Validates `data` against the named schema. Never throws for invalid data. */
export function validate(name: SchemaName, data: unknown): ValidationResult {
  const fn = compiledFor(name);
  const ok = fn(data) as boolean;
  return { ok, errors: ok ? [] : formatErrors(fn.errors, data) };
}

export class SchemaError extends Error {
  constructor(
    readonly schema: string,
    readonly errors: string[],
  ) {
    super(`body does not match ${schema}:\n  ${errors.join('\n  ')}`);
    this.name = 'SchemaError';
  }
}

/** Validates and narrows, or throws a SchemaError listing every problem. */
export function assertValid<T>(name: SchemaName, data: unknown): T {
  const result = validate(name, data);
  if (!result.ok) throw new SchemaError(name, result.errors);
  return data as T;
}

/** The raw parsed schema file, e.g. for building Pact matchers or walking types. */
export function rawSchema(id: string): Record<string, unknown> {
  const fn = ajv.getSchema(id.endsWith('.json') || id.includes('#') ? id : `${id}.json`);
  if (!fn) throw new Error(`unknown schema "${id}"`);
  return fn.schema as Record<string, unknown>;
}

/**
 * Resolves a `$ref` (absolute like `common.json#/definitions/int32`, or local `#/definitions/X`
 * relative to `baseId`) to the schema it points at.
 */
export function resolveRef(ref: string, baseId: string): { schema: Record<string, unknown>; baseId: string } {
  const [file, fragment] = ref.split('#');
  const id = file === '' ? baseId : (file as string);
  let node: unknown = rawSchema(id);
  for (const part of (fragment ?? '').split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part];
  if (!node || typeof node !== 'object') throw new Error(`cannot resolve $ref "${ref}" from ${baseId}`);
  return { schema: node as Record<string, unknown>, baseId: id };
}

const selectVariants = new Map<string, ValidateFunction>();

/**
 * Validator for a response to a `$select` request: the selected top-level properties keep their
 * schema, every other property may also be `null` (the pages: "other fields are then nulled out").
 * Derived from the named schema, so it never drifts from it.
 */
export function validateSelected(
  name: 'ChatSessionEntity' | 'ChatSessionEntityWithLinks',
  selected: readonly string[],
  data: unknown,
): ValidationResult {
  const keep = selected.map((s) => s.split('/')[0]!.toLowerCase());
  const key = `${name}|${[...new Set(keep)].sort().join(',')}`;
  let fn = selectVariants.get(key);
  if (!fn) {
    const entity = rawSchema('ChatSessionEntity');
    const props = { ...(entity.properties as Record<string, unknown>) };
    if (name === 'ChatSessionEntityWithLinks')
      Object.assign(props, rawSchema(name).properties as Record<string, unknown>);
    const loosened: Record<string, unknown> = {};
    for (const [prop, schema] of Object.entries(props)) {
      loosened[prop] = keep.includes(prop.toLowerCase()) ? schema : { anyOf: [schema, { type: 'null' }] };
    }
    const required = [
      ...(entity.required as string[]),
      ...(name === 'ChatSessionEntityWithLinks' ? ['TableRight', 'FieldProperties', '_Links'] : []),
    ];
    fn = ajv.compile({ type: 'object', required, properties: loosened });
    selectVariants.set(key, fn);
  }
  const ok = fn(data) as boolean;
  return { ok, errors: ok ? [] : formatErrors(fn.errors, data) };
}

const propertyValidators = new Map<string, ValidateFunction>();

/**
 * Validates one property of the named object schema on its own, errors pointing at it
 * (`/Rating must be integer`): for a check that reads a few properties and must not judge the rest.
 */
export function validateProperty(name: SchemaName, property: string, value: unknown): ValidationResult {
  const key = `${name}#${property}`;
  let fn = propertyValidators.get(key);
  if (!fn) {
    const props = rawSchema(name).properties as Record<string, unknown> | undefined;
    if (!props?.[property]) throw new Error(`schema ${name} has no property "${property}"`);
    fn = ajv.compile({ type: 'object', properties: { [property]: { $ref: `${name}.json#/properties/${property}` } } });
    propertyValidators.set(key, fn);
  }
  const data = { [property]: value };
  const ok = fn(data) as boolean;
  return { ok, errors: ok ? [] : formatErrors(fn.errors, data) };
}
