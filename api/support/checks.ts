/**
 * How an API check judges an answer so that it asserts only what its own clause promises:
 * - `blame(clause, fn)`: a failure inside `fn` is the named clause's, not every clause the test
 *   tags (JUnit property `clause-failed`, read by the main report's clause matrix);
 * - `shape(body, props)`: the properties a check reads are there with their documented types, or
 *   the failure is ENTITY-SHAPE's, so one broken property is one failed clause;
 * - `observe(...)`: what the tenant did where the pages are silent, beside the reference tenant;
 *   an assumed behaviour that differs fails only against the embedded tenant or with STRICT.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Config } from '../../lib/config.ts';
import { assumedFails, blameType, encodeObservation, observedType, shown } from '../../lib/observed.ts';
import { rawSchema, validate, validateProperty } from '../../schemas/index.ts';
import type { ApiResponse, Entity } from '../../lib/client.ts';

type Body = Record<string, unknown>;
type EntitySchema = 'ChatSessionEntity' | 'ChatSessionEntityWithLinks';

/** The 31 documented properties (ENTITY-SHAPE). */
export const documented = rawSchema('ChatSessionEntity').required as string[];
/** The parts ChatSessionEntityWithLinks adds (ENTITY-LINKS). */
export const linkParts = ['TableRight', 'FieldProperties', '_Links'] as const;

/** For each carrier property (User, Person, ...), the fields its schema documents. */
const carrierFields: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(rawSchema('ChatSessionEntity').properties as Record<string, { anyOf?: Array<{ $ref?: string }> }>)
    .map(([prop, schema]) => [prop, schema.anyOf?.find((b) => b.$ref)?.$ref] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string')
    .map(([prop, ref]) => [prop, Object.keys((rawSchema(ref).properties as object | undefined) ?? {})]),
);

/**
 * The documented part of an entity (the 31 properties, carriers cut to their documented fields):
 * what two answers of one tenant must agree on, whatever a newer version adds beside it.
 */
export function documentedView(entity: unknown, props: readonly string[] = documented): Record<string, unknown> {
  const body = (entity ?? {}) as Body;
  return Object.fromEntries(
    props.map((p) => {
      const value = body[p];
      const fields = carrierFields.get(p);
      if (!fields || typeof value !== 'object' || value === null) return [p, value];
      return [p, Object.fromEntries(fields.filter((f) => f in value).map((f) => [f, (value as Body)[f]]))];
    }),
  );
}

/** Properties whose value domain is another clause's: their shape is only "a string". */
const ownedElsewhere: Readonly<Record<string, string>> = { Status: 'ENTITY-STATUS', Flags: 'ENTITY-FLAGS' };

/** Runs `fn`; when it throws, the failure is attributed to `clause` (and rethrown). */
export function blame<T>(clause: string, fn: () => T): T {
  const mark = (err: unknown) => {
    test.info().annotations.push({ type: blameType, description: clause });
    throw err;
  };
  try {
    const out = fn();
    return (out instanceof Promise ? out.catch(mark) : out) as T;
  } catch (err) {
    return mark(err);
  }
}

/** One line per problem with the named properties: missing, or not of their documented type. */
export function shapeProblems(body: unknown, props: readonly string[], ifPresent = false): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [`the body is not an entity object: ${shown(body)}`];
  const problems: string[] = [];
  for (const prop of props) {
    const value = (body as Body)[prop];
    if (!(prop in body)) {
      if (!ifPresent) problems.push(`${prop} is missing`);
      continue;
    }
    if (prop in ownedElsewhere) {
      if (typeof value !== 'string') problems.push(`${prop} must be a string (got ${shown(value)})`);
      continue;
    }
    const schema = (linkParts as readonly string[]).includes(prop) ? 'ChatSessionEntityWithLinks' : 'ChatSessionEntity';
    problems.push(...validateProperty(schema, prop, value).errors);
  }
  return problems;
}

/**
 * The named properties are present (or, with `ifPresent`, typed where present) with their
 * documented types; otherwise the check fails as ENTITY-SHAPE's, since that is what broke.
 */
export function shape(body: unknown, props: readonly string[], ifPresent = false): Body {
  const problems = shapeProblems(body, props, ifPresent);
  // expect() only to fail: each call is a reported step with a captured stack, and shape runs often
  if (problems.length)
    blame('ENTITY-SHAPE', () => expect(problems, `ENTITY-SHAPE: ${problems.join('; ')}`).toEqual([]));
  return body as Body;
}

/** The values that matter, after their properties passed `shape`. */
export function expectValues(body: unknown, expected: Partial<Entity> | Body): void {
  shape(body, Object.keys(expected));
  expect(body).toMatchObject(expected);
}

/** A 200 answer with a body; returns it. Neither the whole schema nor the Content-Type is judged here. */
export function entityOf(reply: ApiResponse<unknown>): Entity {
  if (reply.status !== 200) expect(reply.status, `status (body: ${reply.text.slice(0, 300)})`).toBe(200);
  return reply.body as Entity;
}

export interface Observed<T> {
  clause: string;
  what: string;
  actual: T;
  /** What the reference tenant does (compared with `actual` unless `agrees` is given). */
  reference: unknown;
  agrees?: (actual: T) => boolean;
  /** `assumed` (default): may fail, see lib/observed.ts; `note`: the pages allow either. */
  kind?: 'assumed' | 'note';
}

/** Records what the tenant did (annotation `observed`) and fails only where an assumed behaviour must hold. */
export function observe<T>(config: Pick<Config, 'target' | 'strict'>, o: Observed<T>): boolean {
  const kind = o.kind ?? 'assumed';
  const agrees = o.agrees ? o.agrees(o.actual) : isDeepStrictEqual(o.actual, o.reference);
  const observation = { clause: o.clause, what: o.what, observed: shown(o.actual), reference: shown(o.reference) };
  test
    .info()
    .annotations.push({ type: observedType, description: encodeObservation({ ...observation, kind, agrees }) });
  if (kind === 'assumed' && !agrees && assumedFails(config))
    blame(o.clause, () =>
      expect(
        agrees,
        `${o.clause} (assumed): ${o.what}: this tenant ${observation.observed}, ` +
          `the reference tenant ${observation.reference}`,
      ).toBe(true),
    );
  return agrees;
}

/**
 * An error answer's body: `Error: true` and a message (FACTS.md), never a type name. Documented for
 * 404 only; for any other status it is the reference tenant's habit, so it is observed.
 */
export function errorBody(
  config: Pick<Config, 'target' | 'strict'>,
  clause: string,
  reply: ApiResponse<unknown>,
): void {
  const ok = validate('ErrorBody', reply.body).ok;
  if (reply.status === 404) {
    expect(ok, `404 error body (Error: true and ErrorMessage): ${reply.text.slice(0, 200)}`).toBe(true);
    return;
  }
  observe(config, {
    clause,
    what: `body of the ${reply.status} answer`,
    actual: ok ? 'Error: true and a message' : reply.text.slice(0, 120) || '(empty)',
    reference: 'Error: true and a message',
  });
}

/** Which documented schema an answer of this route is, for ENTITY-SHAPE and ENTITY-LINKS. */
export type { EntitySchema };
