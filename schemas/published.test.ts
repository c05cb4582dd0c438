/**
 * Compares the project's schemas with SuperOffice's own published OpenAPI files, read from
 * `../shared/reference/published/` beside the clone (never copied into the repository), so a drift
 * between `schemas/` and the published definitions shows as a failing test. Skipped when that
 * folder is absent. Known, deliberate differences are asserted below, not silently passed.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rawSchema, resolveRef, schemasDir, type SchemaName } from './index.ts';

const publishedDir = join(schemasDir, '..', '..', 'shared', 'reference', 'published');
const present = existsSync(join(publishedDir, 'tenant-ChatSession.json'));
type Node = Record<string, unknown>;

function components(file: string): Record<string, Node> {
  const doc = JSON.parse(readFileSync(join(publishedDir, file), 'utf8')) as { components: { schemas: never } };
  return doc.components.schemas;
}

/**
 * What a property is, in terms both sides can say: a JSON type, the formats that matter (int32,
 * date-time), an enum, a carrier's name, or what a map's values are.
 */
interface Kind {
  type: string;
  format?: string;
  enum?: string[];
  carrier?: string;
  values?: string;
}

const lastName = (ref: string) => ref.split(/[./]/).pop() as string;
const mapValues = (node: Node) => {
  const values = node.additionalProperties as Node | undefined;
  if (!values || typeof values !== 'object') return {};
  return { values: typeof values.$ref === 'string' ? lastName(values.$ref) : (values.type as string) };
};

/** A published property: `$ref` to a carrier (named by its last dotted segment) or an inline type. */
function publishedKind(node: Node): Kind {
  if (typeof node.$ref === 'string') return { type: 'object', carrier: lastName(node.$ref) };
  const format = node.format === 'int32' || node.format === 'date-time' ? { format: node.format as string } : {};
  return {
    type: node.type as string,
    ...format,
    ...(node.enum ? { enum: node.enum as string[] } : {}),
    ...mapValues(node),
  };
}

/** A project property: `$ref`s followed, the `null` branch of a nullable dropped, carriers named by file. */
function projectKind(node: Node, baseId: string): Kind {
  const branches = node.anyOf as Node[] | undefined;
  if (branches) return projectKind(branches.find((b) => b.type !== 'null') as Node, baseId);
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref, baseId);
    const file = node.$ref.split('#')[0] as string;
    if (file !== '' && file !== 'common.json') {
      const name = file.replace(/\.json$/, '');
      // FieldProperties is a file of its own here, an inline map of FieldProperty there.
      return target.schema.additionalProperties
        ? { type: 'object', ...mapValues(target.schema) }
        : { type: 'object', carrier: name };
    }
    return projectKind(target.schema, target.baseId);
  }
  const types = (Array.isArray(node.type) ? node.type : [node.type]) as string[];
  const int32 = types.includes('integer') && node.maximum === 2147483647;
  const format = node.format === 'iso-date-time' ? 'date-time' : int32 ? 'int32' : undefined;
  return {
    type: types.find((t) => t !== 'null') as string,
    ...(format ? { format } : {}),
    ...(node.enum ? { enum: (node.enum as unknown[]).filter((v) => v !== null) as string[] } : {}),
    ...mapValues(node),
  };
}

function propertiesOf(name: SchemaName): Record<string, Node> {
  return rawSchema(name).properties as Record<string, Node>;
}

/** Every project property exists in the published carrier with the same kind. */
function assertMatches(name: SchemaName, published: Node): void {
  const theirs = published.properties as Record<string, Node>;
  for (const [prop, node] of Object.entries(propertiesOf(name))) {
    assert.ok(theirs[prop], `${name}.${prop} is not a property of the published ${name}`);
    const kind = publishedKind(theirs[prop] as Node);
    assert.deepEqual(projectKind(node, `${name}.json`), kind, `${name}.${prop} differs from the published definition`);
  }
}

describe(
  'schemas/ against the published OpenAPI files',
  { skip: !present && 'no ../shared/reference/published' },
  () => {
    const rest = present ? components('tenant-ChatSession.json') : {};
    const agents = present ? components('tenant-ChatAgent.json') : {};
    const carrier = (n: string) => rest[`SuperOffice.CRM.Services.${n}`] as Node;

    test('ChatSessionEntity has the published properties, no more and no fewer, with their types @ENTITY-SHAPE', () => {
      const published = carrier('ChatSessionEntity');
      assert.deepEqual(
        Object.keys(propertiesOf('ChatSessionEntity')).sort(),
        Object.keys(published.properties as object).sort(),
      );
      assertMatches('ChatSessionEntity', published);
    });

    test('Status and Flags carry the published enums @ENTITY-STATUS @ENTITY-FLAGS', () => {
      const theirs = carrier('ChatSessionEntity').properties as Record<string, Node>;
      const mine = propertiesOf('ChatSessionEntity');
      for (const prop of ['Status', 'Flags'])
        assert.deepEqual(projectKind(mine[prop] as Node, 'ChatSessionEntity.json').enum, theirs[prop]?.enum, prop);
    });

    test('ChatSessionEntityWithLinks adds _Links, a map of strings, as published @ENTITY-LINKS', () => {
      const published = rest['SuperOffice.WebApi.v1.Carriers.ChatCarriers.ChatSessionEntityWithLinks'] as Node;
      const extra = Object.keys(published.properties as object).filter(
        (k) => !Object.hasOwn(carrier('ChatSessionEntity').properties as object, k),
      );
      assert.deepEqual(extra, ['_Links']);
      assert.deepEqual((published.properties as Record<string, Node>)._Links, {
        type: 'object',
        additionalProperties: { type: 'string' },
      });
      assert.ok(propertiesOf('ChatSessionEntityWithLinks')._Links);
      assertMatches('ChatSessionEntityWithLinks', published);
    });

    for (const name of ['Associate', 'Person', 'Contact', 'Project', 'Sale', 'Ticket'] as const) {
      test(`the ${name} carrier's properties are published ones, with their types (and enums)`, () => {
        assertMatches(name, carrier(name));
      });
    }

    test('TableRight and FieldRight are {Mask, Reason}; FieldProperty is {FieldRight, FieldType, FieldLength}', () => {
      assertMatches('TableRight', rest['SuperOffice.CRM.Security.TableRight'] as Node);
      assertMatches('FieldRight', rest['SuperOffice.CRM.Security.FieldRight'] as Node);
      const field = rest['SuperOffice.CRM.Security.FieldProperty'] as Node;
      const mine = resolveRef('#/definitions/FieldProperty', 'FieldProperties.json').schema.properties as Node;
      assert.deepEqual(Object.keys(mine), Object.keys(field.properties as object));
      assert.deepEqual(publishedKind((field.properties as Record<string, Node>).FieldRight as Node), {
        type: 'object',
        carrier: 'FieldRight',
      });
      assert.deepEqual(projectKind(mine.FieldRight as Node, 'FieldProperties.json'), {
        type: 'object',
        carrier: 'FieldRight',
      });
    });

    for (const name of ['PickUpChatSessionRequest', 'TransferChatSessionRequest'] as const) {
      test(`the Agents ${name} matches the published request carrier`, () => {
        assertMatches(name, agents[`SuperOffice.WebApi.v1.Carriers.ChatCarriers.${name}`] as Node);
      });
    }
  },
);
