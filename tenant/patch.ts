/**
 * PATCH semantics from the PATCH page: JSON Patch ops add, replace, remove, test (PATCH-OPS);
 * move and copy refused (PATCH-NOMOVE); paths case-insensitive with an optional leading slash
 * (PATCH-PATH), normalised to the canonical property names before fast-json-patch applies them;
 * a merge patch turned into operations as FACTS.md describes (PATCH-MERGE); a failed test op
 * is a conflict (PATCH-409). Nothing here touches the store: the caller saves the result.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { ChatSessionEntity } from '../schemas/index.ts';
import { ApiError, badRequest } from './errors.ts';
import { UNSET_DATE } from './seed.ts';
import { dateFields } from './timezone.ts';

export interface PatchOptions {
  /** Paths must match the property names exactly (the rule `patchPathsCaseSensitive`). */
  caseSensitive?: boolean;
  /** Move and copy are applied instead of refused (`applyMoveAndCopy`). */
  allowMove?: boolean;
  /** A failed test op is skipped and the rest applied (`skipFailedTests`). */
  ignoreFailedTests?: boolean;
  /** XML bodies carry every value as text: turn "5" and "true" into the property's type. */
  coerceScalars?: boolean;
}

type Entity = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const conflict = (message: string) => new ApiError(409, 'SoConflictException', message);

function keyFor(obj: Entity, name: string, caseSensitive: boolean): string | undefined {
  if (caseSensitive) return Object.hasOwn(obj, name) ? name : undefined;
  return Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
}

/** `department`, `/Department`, `/User/associateid` -> `/Department`, `/User/AssociateId`. */
export function normalizePath(path: unknown, entity: Entity, caseSensitive = false): string {
  if (typeof path !== 'string' || path.trim() === '')
    throw badRequest('every patch operation needs a non-empty "path"');
  const segments = path
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = entity;
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const key = isObject(cur) ? keyFor(cur, segment, caseSensitive) : undefined;
    if (key === undefined && i === 0)
      throw badRequest(`patch path "${path}": ChatSessionEntity has no property "${segment}"`);
    out.push(key ?? segment);
    cur = isObject(cur) && key !== undefined ? cur[key] : undefined;
  }
  return `/${out.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** The value a top-level property takes when it is removed (a .NET property cannot vanish). */
function emptyValue(name: string, current: unknown): unknown {
  if ((dateFields as readonly string[]).includes(name)) return UNSET_DATE;
  if (typeof current === 'string') return '';
  if (typeof current === 'number') return 0;
  if (typeof current === 'boolean') return false;
  return null;
}

function coerce(value: unknown, current: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (typeof current === 'number' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (typeof current === 'boolean' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  return value;
}

/** Merge patch (RFC 7396) -> operations: `replace` per property, `remove` for null on a scalar. */
export function mergeToOperations(merge: Record<string, unknown>, entity: Entity, caseSensitive = false): Operation[] {
  return Object.entries(merge).map(([name, value]): Operation => {
    const key = keyFor(entity, name, caseSensitive);
    if (key === undefined) throw badRequest(`merge patch: ChatSessionEntity has no property "${name}"`);
    const current = entity[key];
    if (value === null && (typeof current !== 'object' || current === undefined))
      return { op: 'remove', path: `/${key}` };
    return { op: 'replace', path: `/${key}`, value };
  });
}

/** Checks and normalises a JSON Patch document against the entity; throws 400 when malformed. */
export function normalizeOperations(doc: unknown, entity: Entity, options: PatchOptions = {}): Operation[] {
  if (!Array.isArray(doc)) throw badRequest('a JSON Patch document must be an array of operations');
  return doc.map((raw, i): Operation => {
    if (!isObject(raw)) throw badRequest(`operation ${i} is not an object`);
    const op = raw.op;
    if (op === 'move' || op === 'copy') {
      if (!options.allowMove)
        throw badRequest(`operation ${i}: "${op}" is not supported (only add, replace, remove and test)`);
      return {
        op,
        path: normalizePath(raw.path, entity, options.caseSensitive),
        from: normalizePath(raw.from, entity, options.caseSensitive),
      };
    }
    if (op !== 'add' && op !== 'replace' && op !== 'remove' && op !== 'test')
      throw badRequest(`operation ${i}: op must be add, replace, remove or test, found ${JSON.stringify(op)}`);
    const path = normalizePath(raw.path, entity, options.caseSensitive);
    if (op !== 'test' && path === '/ChatSessionId')
      throw badRequest(`operation ${i}: ChatSessionId is the primary key and cannot be changed`);
    if (op === 'remove') {
      const top = path.split('/').length === 2 ? path.slice(1) : undefined;
      return top ? { op: 'replace', path, value: emptyValue(top, entity[top]) } : { op, path };
    }
    if (!('value' in raw)) throw badRequest(`operation ${i}: "${op}" needs a "value"`);
    const top = path.split('/')[1] as string;
    const value = options.coerceScalars && path.split('/').length === 2 ? coerce(raw.value, entity[top]) : raw.value;
    return { op, path, value } as Operation;
  });
}

/**
 * Applies the operations to a copy of the entity and returns it. A failed test op throws 409
 * (or is skipped with `ignoreFailedTests`); any other failure throws 400. The input is untouched.
 */
export function applyOperations(
  entity: ChatSessionEntity,
  ops: Operation[],
  options: PatchOptions = {},
): ChatSessionEntity {
  const doc = structuredClone(entity) as unknown as Entity;
  for (const [i, op] of ops.entries()) {
    try {
      jsonpatch.applyOperation(doc, op, true, true, true, i);
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TEST_OPERATION_FAILED') {
        if (options.ignoreFailedTests) continue;
        throw conflict(
          `operation ${i} (test ${op.path}) failed: the entity has a different value, nothing was changed`,
        );
      }
      throw badRequest(
        `operation ${i} (${op.op} ${op.path}) cannot be applied: ${(err as Error).message.split('\n')[0]}`,
      );
    }
  }
  return doc as unknown as ChatSessionEntity;
}
