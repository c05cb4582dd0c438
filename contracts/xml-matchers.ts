/**
 * The XML twin of `matchersFor`: an example entity as a Pact XmlBuilder document with a matcher on
 * every text node, written the way lib/xml.ts writes entities (one child per property, `null` as
 * `xsi:nil="true"`). Pact's XML matching lets a provider add elements, and an expected element
 * without children accepts any: dictionaries (FieldProperties, `_Links`), whose element names are
 * data, are written as such an empty element (present, contents not pinned).
 */
import { MatchersV3, XmlBuilder, type Matcher } from '@pact-foundation/pact';
import { SchemaError, rawSchema, validate, type SchemaName } from '../schemas/index.ts';
import { deref, nonNullBranch, objectProperties, pick, stringMatcher, types, type At } from './matchers.ts';

const { regex } = MatchersV3;
type XmlElement = Parameters<Parameters<XmlBuilder['build']>[0]>[0];
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Pact-js 16.5 declares attributes as a Map but serialises the document with JSON.stringify, which
 * turns a Map into `{}`: a plain object is what reaches the mock server.
 */
function attributes(values: Record<string, string>): Map<string, string> {
  return values as unknown as Map<string, string>;
}

/**
 * The example as an XML body with matchers (for `xmlBody`), cut to `only` (dotted paths) when
 * given. Throws if the example breaks the schema.
 */
export function xmlMatchersFor(
  name: SchemaName,
  example: object,
  root: string = name,
  only?: readonly string[],
): string {
  const check = validate(name, example);
  if (!check.ok) throw new SchemaError(name, check.errors);
  const at = { schema: rawSchema(name), baseId: `${name}.json` };
  const value = (only ? pick(example, only) : example) as Record<string, unknown>;
  return new XmlBuilder('1.0', 'utf-8', root).build((el) => {
    el.setAttributes(attributes({ 'xmlns:xsi': XSI }));
    children(el, at, value);
  });
}

function children(el: XmlElement, at: At, value: Record<string, unknown>): void {
  const props = objectProperties(at);
  for (const [key, child] of Object.entries(value)) {
    const propAt = props.get(key);
    if (child === null) {
      el.appendElement(key, attributes({ 'xsi:nil': 'true' }));
      continue;
    }
    let sub = propAt ? deref(propAt) : undefined;
    if (sub?.schema.anyOf) sub = nonNullBranch(sub);
    if (typeof child === 'object') {
      if (!sub || Array.isArray(child) || objectProperties(sub).size === 0) {
        el.appendElement(key, attributes({})); // a dictionary or list: present, names are data
        continue;
      }
      el.appendElement(key, attributes({}), (c) => children(c, sub, child as Record<string, unknown>));
      continue;
    }
    el.appendElement(key, attributes({}), textMatcher(sub, child));
  }
}

/** Text content: XML carries every value as text, so numbers and booleans become regexes. */
function textMatcher(at: At | undefined, value: unknown): Matcher<string> {
  if (typeof value === 'string') return at ? stringMatcher(at, value) : MatchersV3.like(value);
  if (typeof value === 'boolean') return regex('^(true|false)$', String(value));
  if (typeof value === 'number' && at && types(at.schema).includes('integer')) return regex('^-?\\d+$', String(value));
  return regex('^-?\\d+(\\.\\d+)?$', String(value));
}

/**
 * An XML answer matched as text: a root element named one of `roots` (any namespace prefix or
 * default namespace, any attributes) holding each of `elements` (name -> regex of its text) in any
 * order. Pact's structural XML matching compares element names with their namespace and the root
 * name literally (contracts/README.md), so it fails a tenant that writes the entity as
 * DataContractSerializer does, or under `<ChatSessionEntity>`: both allowed by FACTS.md.
 */
export function xmlTextRule(roots: readonly string[], elements: ReadonlyArray<readonly [string, string]>): string {
  const name = (local: string) => `(\\w[\\w.-]*:)?${local}`;
  const element = ([local, text]: readonly [string, string]) => `<${name(local)}>\\s*${text}\\s*</${name(local)}>`;
  const orders = permutations(elements.map(element)).map((order) => order.join('[\\s\\S]*'));
  return `^\\s*(<\\?xml[^>]*>\\s*)?<${name(`(${roots.join('|')})`)}[\\s>][\\s\\S]*(${orders.join('|')})[\\s\\S]*$`;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}
