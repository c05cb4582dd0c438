/**
 * Content negotiation both ways. Request bodies: JSON (`application/json`, `text/json`, and the
 * two patch types), XML (`application/xml`, `text/xml`, through lib/xml.ts, which refuses DTDs)
 * and form-urlencoded where the pages list it (CT-JSON, CT-XML, CT-FORM, CT-JSONPATCH,
 * CT-MERGEPATCH); anything else is 415. Responses: JSON or XML as Accept asks (ACCEPT-JSON,
 * ACCEPT-XML, ACCEPT-PATCHTYPES), JSON when Accept names nothing the tenant writes.
 */
import { fromXml, toXml, XmlError } from '../lib/xml.ts';
import type { SchemaName } from '../schemas/index.ts';
import { ApiError, badRequest } from './errors.ts';

/** What a route reads: an entity (PUT, create, Save), a patch, or a small request object. */
export type BodyKind = 'entity' | 'patch' | 'request';

export interface DecodedBody {
  value: unknown;
  /** How the body was sent: `json`, `json-patch`, `merge-patch`, `xml` or `form`. */
  format: 'json' | 'json-patch' | 'merge-patch' | 'xml' | 'form';
}

const jsonTypes: Record<string, DecodedBody['format']> = {
  'application/json': 'json',
  'text/json': 'json',
  'application/json-patch+json': 'json-patch',
  'application/merge-patch+json': 'merge-patch',
};
const xmlTypes = ['application/xml', 'text/xml'];
const FORM = 'application/x-www-form-urlencoded';

export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

const unsupported = (type: string, allowed: string[]) =>
  new ApiError(
    415,
    'SoUnsupportedMediaTypeException',
    `Content-Type ${type === '' ? '(none)' : `"${type}"`} is not supported here; send one of ${allowed.join(', ')}`,
  );

/**
 * Form fields to an object: `User.AssociateId` / `User[AssociateId]` nest; text stays text. The
 * objects have no prototype, so a field named `__proto__[x]` is just an unknown name, never a
 * write to Object.prototype.
 */
function fromForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split(/[.[]/).filter(Boolean);
    if (path.length === 0) continue;
    let cur = out;
    for (const part of path.slice(0, -1)) {
      if (typeof cur[part] !== 'object' || cur[part] === null)
        cur[part] = Object.create(null) as Record<string, unknown>;
      cur = cur[part] as Record<string, unknown>;
    }
    cur[path[path.length - 1] as string] = value;
  }
  return out;
}

/**
 * Deeper bodies are refused: no entity or patch nests past a handful of levels, and the
 * validators and clones downstream recurse.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether a parsed body nests arrays/objects deeper than `limit`. Recursive, but never deeper than
 * `limit` + 1 frames: it stops at the limit, so any body is safe to ask about.
 */
function tooDeep(node: unknown, limit: number, depth = 0): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (depth >= limit) return true;
  const obj = node as Record<string, unknown>;
  for (const key in obj) if (Object.hasOwn(obj, key) && tooDeep(obj[key], limit, depth + 1)) return true;
  return false;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`malformed JSON body: ${(err as Error).message}`);
  }
}

function checked(body: DecodedBody): DecodedBody {
  if (tooDeep(body.value, MAX_BODY_DEPTH))
    throw badRequest(`the request body nests deeper than ${MAX_BODY_DEPTH} levels`);
  return body;
}

const patchTypes = [...Object.keys(jsonTypes), ...xmlTypes];
const bodyTypes = [...patchTypes, FORM];
/** Empty or only white space (a body starting with `{` is neither, and is not copied to find out). */
const blank = (text: string) => text === '' || (/^\s/.test(text) && text.trim() === '');

/**
 * Decodes a request body by its Content-Type. Returns undefined when there is no body; throws
 * 415 for a type the route does not read and 400 for a body that does not parse.
 */
export function decodeBody(
  raw: unknown,
  contentType: string | undefined,
  kind: BodyKind,
  xmlSchema: SchemaName,
): DecodedBody | undefined {
  const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  if (blank(text)) return undefined;
  const type = mediaTypeOf(contentType);
  const allowed = kind === 'patch' ? patchTypes : bodyTypes;
  if (!allowed.includes(type)) throw unsupported(type, allowed);
  if (type in jsonTypes) return checked({ value: parseJson(text), format: jsonTypes[type] as DecodedBody['format'] });
  if (type === FORM) return checked({ value: fromForm(text), format: 'form' });
  try {
    return checked({ value: fromXml(text, xmlSchema), format: 'xml' });
  } catch (err) {
    if (err instanceof XmlError)
      throw badRequest(err.kind === 'refused' ? `${err.message}: send plain XML without DTD or entities` : err.message);
    throw err;
  }
}

export interface ResponseFormat {
  kind: 'json' | 'xml';
  contentType: string;
}

const writers: Record<string, ResponseFormat> = {
  'application/json': { kind: 'json', contentType: 'application/json; charset=utf-8' },
  'text/json': { kind: 'json', contentType: 'text/json; charset=utf-8' },
  'application/json-patch+json': { kind: 'json', contentType: 'application/json; charset=utf-8' },
  'application/merge-patch+json': { kind: 'json', contentType: 'application/json; charset=utf-8' },
  'application/xml': { kind: 'xml', contentType: 'application/xml; charset=utf-8' },
  'text/xml': { kind: 'xml', contentType: 'text/xml; charset=utf-8' },
  '*/*': { kind: 'json', contentType: 'application/json; charset=utf-8' },
  'application/*': { kind: 'json', contentType: 'application/json; charset=utf-8' },
  'text/*': { kind: 'json', contentType: 'text/json; charset=utf-8' },
};
export const JSON_FORMAT = writers['application/json'] as ResponseFormat;
export const XML_FORMAT = writers['application/xml'] as ResponseFormat;

/** Formats by Accept header as sent: clients send the same few again and again. Bounded as the zone cache is. */
const chosen = new Map<string, ResponseFormat>();
const MAX_CHOSEN = 1000;

/** How many Accept headers have their format cached (bounded; for tests). */
export const cachedFormats = () => chosen.size;

/** The response format for an Accept header: highest q first, then order; JSON by default. */
export function chooseFormat(accept: string | undefined): ResponseFormat {
  if (accept === undefined) return JSON_FORMAT;
  let format = chosen.get(accept);
  if (format === undefined) {
    format = rank(accept);
    if (chosen.size >= MAX_CHOSEN) chosen.clear();
    chosen.set(accept, format);
  }
  return format;
}

function rank(accept: string): ResponseFormat {
  const ranked = accept
    .split(',')
    .map((part, i) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const q = Number(params.find((p) => p.toLowerCase().startsWith('q='))?.slice(2) ?? 1);
      return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0 && Object.hasOwn(writers, x.type))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.length ? (writers[ranked[0]!.type] as ResponseFormat) : JSON_FORMAT;
}

/** Writes a body in the chosen format; XML uses `root` as the element name. */
export function serialize(value: unknown, format: ResponseFormat, root: string, schema?: SchemaName): string {
  return format.kind === 'xml' ? toXml(value, root, schema) : JSON.stringify(value);
}
