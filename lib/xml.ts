/**
 * The XML codec the harness and the embedded tenant share (CT-XML, ACCEPT-XML). An entity is one
 * element with a child per property, as the docs' only XML sample shows; `null` is written as
 * `xsi:nil="true"`, so null and "" stay distinct. Decoding is driven by the JSON Schemas, so
 * numbers, booleans and nested carriers come back with their JSON types. Documents with a DOCTYPE
 * or entity declarations are refused before parsing (no XXE, no billion laughs).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { resolveRef, rawSchema, type SchemaName } from '../schemas/index.ts';
import { escapeXml, notXmlText } from './escape.ts';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NIL = '@_xsi:nil';

export class XmlError extends Error {
  constructor(
    message: string,
    /** `refused`: a DOCTYPE/entity; `syntax`: not well-formed XML. */
    readonly kind: 'refused' | 'syntax',
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;
interface At {
  schema: Schema | undefined;
  baseId: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // References are decoded by decodeText in one pass (`&amp;#229;` must stay the text "&#229;").
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  format: false,
  // Text is escaped by escapeText (control characters as references, which the builder would mangle).
  processEntities: false,
});

const declarations = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const xmlName = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** Parses XML into the JSON value the named schema describes. Throws XmlError on bad input. */
export function fromXml(xml: string, schemaName: SchemaName | undefined): Json {
  if (declarations.test(xml)) throw new XmlError('XML with a DOCTYPE or entity declarations is refused', 'refused');
  const version = /^\uFEFF?<\?xml\s+version\s*=\s*["']1\.1["']/.test(xml) ? '1.1' : '1.0';
  const bad = notXmlText.exec(xml);
  if (bad) throw new XmlError(`XML ${version} cannot carry the character ${codePoint(bad[0])} as it is`, 'syntax');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new XmlError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`, 'syntax');
  const doc = parseChecked(xml);
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && k !== '#text');
  if (roots.length !== 1) throw new XmlError(`XML must have exactly one root element, found ${roots.length}`, 'syntax');
  const start: At = schemaName
    ? { schema: rawSchema(schemaName), baseId: `${schemaName}.json` }
    : { schema: undefined, baseId: '' };
  return decode(doc[roots[0] as string], start, version);
}

/**
 * The parser refuses some well-formed input itself (nesting past maxNestedTags, `__proto__` names): that is bad
 * input too.
 */
function parseChecked(xml: string): Record<string, unknown> {
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new XmlError(`XML refused by the parser: ${(err as Error).message}`, 'syntax');
  }
}

/**
 * Writes a JSON value (an entity, `null`, a patch document) as XML with the given root element.
 * Text a strict parser would refuse or change is written as character references: CR and the
 * C1 controls always, the C0 controls too, which only XML 1.1 allows (the document then says
 * version="1.1"); U+0000, lone surrogates, U+FFFE and U+FFFF, which no XML can carry, become U+FFFD.
 */
export function toXml(value: unknown, root: string, schemaName?: SchemaName): string {
  const itemName = schemaName ? arrayItemName({ schema: rawSchema(schemaName), baseId: `${schemaName}.json` }) : 'Item';
  const written = { controls: false };
  const body = encode(value, itemName, written);
  const node = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { '#text': body };
  const xml = builder.build({ [root]: { '@_xmlns:xsi': XSI, ...(node as object) } }) as string;
  return `<?xml version="${written.controls ? '1.1' : '1.0'}" encoding="utf-8"?>${xml}`;
}

const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The codec keeps every character: as a reference (C0 controls: XML 1.1, noted in `written`), or U+FFFD. */
function escapeText(text: string, written: { controls: boolean }): string {
  return escapeXml(text, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    if (cp === 0 || cp >= 0xd800) return '\uFFFD';
    if (cp < 0x20 && c !== '\r') written.controls = true;
    return `&#x${cp.toString(16).toUpperCase()};`;
  });
}

const reference = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([A-Za-z_][\w.-]*));/g;
const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Whether a code point is a Char of that XML version (XML 1.1 adds the C0 controls but U+0000). */
function isXmlChar(cp: number, version: '1.0' | '1.1'): boolean {
  if (cp === 0x9 || cp === 0xa || cp === 0xd) return true;
  if (cp >= 0x1 && cp < 0x20) return version === '1.1';
  return (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the predefined entities and numeric character references of a text in one pass. */
function decodeText(text: string, version: '1.0' | '1.1'): string {
  return text.replace(reference, (ref, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const c = predefined[name];
      if (c === undefined)
        throw new XmlError(
          `undefined entity ${ref}: XML without a DTD knows only &lt; &gt; &amp; &quot; &apos;`,
          'syntax',
        );
      return c;
    }
    const cp = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    if (!isXmlChar(cp, version))
      throw new XmlError(`character reference ${ref} is not an XML ${version} character`, 'syntax');
    return String.fromCodePoint(cp);
  });
}

function encode(value: unknown, itemName: string, written: { controls: boolean }): unknown {
  if (value === null || value === undefined) return { [NIL]: 'true' };
  if (Array.isArray(value)) return { [itemName]: value.map((v) => encode(v, 'Item', written)) };
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!xmlName.test(k))
        throw new XmlError(`property name ${JSON.stringify(k)} cannot be an XML element name`, 'syntax');
      out[k] = Array.isArray(v) ? { Item: v.map((x) => encode(x, 'Item', written)) } : encode(v, 'Item', written);
    }
    return out;
  }
  return escapeText(String(value), written);
}

/** Follows $ref, and picks the non-null branch of anyOf/oneOf (nullable carriers). */
function deref(at: At): At {
  let cur = at;
  for (let i = 0; i < 20 && cur.schema; i++) {
    const s = cur.schema;
    if (typeof s.$ref === 'string') {
      cur = resolveRef(s.$ref, cur.baseId);
      continue;
    }
    const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (branches) {
      const real = branches.find((b) => b.type !== 'null');
      cur = { schema: real, baseId: cur.baseId };
      continue;
    }
    break;
  }
  return cur;
}

function propertiesOf(at: At): Map<string, At> {
  const props = new Map<string, At>();
  const s = at.schema;
  if (!s) return props;
  for (const part of (s.allOf as Schema[] | undefined) ?? []) {
    for (const [k, v] of propertiesOf(deref({ schema: part, baseId: at.baseId }))) props.set(k, v);
  }
  for (const [k, v] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
    props.set(k, { schema: v, baseId: at.baseId });
  return props;
}

function arrayItemName(at: At): string {
  const s = deref(at);
  if (!s.schema?.items) return 'Item';
  const items = deref({ schema: s.schema.items as Schema, baseId: s.baseId });
  return (items.schema?.title as string | undefined) ?? 'Item';
}

function typesOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

function decode(node: unknown, at: At, version: '1.0' | '1.1'): Json {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const attrs = node as Record<string, unknown>;
    if (Object.keys(attrs).some((k) => /^@_(.+:)?nil$/.test(k) && attrs[k] === 'true')) return null;
  }
  const target = deref(at);
  const types = typesOf(target.schema);
  const raw = textOf(node);
  const text = raw === undefined ? undefined : decodeText(raw, version);
  if (types.includes('integer') || types.includes('number')) {
    const n = Number(text);
    return text !== undefined && text.trim() !== '' && Number.isFinite(n) ? n : (text ?? '');
  }
  if (types.includes('boolean')) return text === 'true' ? true : text === 'false' ? false : (text ?? '');
  if (types.includes('string')) return text ?? '';
  const children = childrenOf(node);
  if (types.includes('array') || target.schema?.items !== undefined) {
    const items = target.schema?.items as Schema | undefined;
    return children
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      .map((v) => decode(v, { schema: items, baseId: target.baseId }, version));
  }
  // An element with nothing in it where the schema wants an object is the empty object, as `{}` is in JSON.
  if (children.length === 0) return types.includes('object') && (text ?? '').trim() === '' ? {} : (text ?? '');
  const props = propertiesOf(target);
  const extra = target.schema?.additionalProperties;
  const out: Record<string, Json> = {};
  for (const [name, value] of children) {
    const sub =
      props.get(name) ??
      (typeof extra === 'object'
        ? { schema: extra as Schema, baseId: target.baseId }
        : { schema: undefined, baseId: target.baseId });
    out[name] = Array.isArray(value) ? value.map((v) => decode(v, sub, version)) : decode(value, sub, version);
  }
  return out;
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']);
  if (node && typeof node === 'object' && childrenOf(node).length === 0) return '';
  return undefined;
}

function childrenOf(node: unknown): Array<[string, unknown]> {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).filter(([k]) => !k.startsWith('@_') && k !== '#text');
}
