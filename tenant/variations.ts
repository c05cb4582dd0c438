/**
 * What a correct tenant may do differently from the reference tenant's defaults, as the pages,
 * HTTP, JSON and XML allow: the bodies of the benign deviation modes' hooks (deviations.ts lists
 * the modes). Each function changes how an answer looks, never what it says.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { ErrorBody } from '../schemas/index.ts';
import type { Payload } from './hooks.ts';

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const bytesOf = (payload: Payload): Buffer | undefined =>
  typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.isBuffer(payload) ? payload : undefined;

/** A newer API version's properties: ExtraFields and CustomFields on the entity and its associates. */
export function withNewerProperties(body: Body): Body {
  const out: Body = { ...body, ExtraFields: {}, CustomFields: {} };
  for (const carrier of ['User', 'TransferTo'])
    if (isObject(out[carrier])) out[carrier] = { ...(out[carrier] as Body), ExtraFields: {}, CustomFields: {} };
  return out;
}

/** The same properties in reverse order, carriers too (JSON objects are unordered; XML readers go by name). */
export function reversed(value: unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

/** More named links than Self and Archive: `_Links` is a map, and a newer version may add to it. */
export function withMoreLinks(body: Body): Body {
  const links = body._Links;
  if (!isObject(links) || typeof links.Self !== 'string') return body;
  return { ...body, _Links: { ...links, Messages: `${links.Self}/Messages`, Transcript: `${links.Self}/Transcript` } };
}

const tableLists: Record<string, string> = { FULL: 'Select, Update, Insert, Delete', URI: 'Select, Update, Insert' };
const fieldLists: Record<string, string> = { Update: 'Update, UIHintMandatory', Read: 'Read, UIHintReadOnly' };

/** Rights masks as lists of flag names (`Select, Update, Insert, Delete`) rather than one combined name. */
export function withMaskLists(body: Body): Body {
  const out: Body = { ...body };
  const right = out.TableRight;
  if (isObject(right) && typeof right.Mask === 'string')
    out.TableRight = { ...right, Mask: tableLists[right.Mask] ?? right.Mask };
  if (isObject(out.FieldProperties)) {
    out.FieldProperties = Object.fromEntries(
      Object.entries(out.FieldProperties).map(([name, p]) => {
        const field = isObject(p) && isObject(p.FieldRight) ? p.FieldRight : undefined;
        if (!field || typeof field.Mask !== 'string') return [name, p];
        return [name, { ...(p as Body), FieldRight: { ...field, Mask: fieldLists[field.Mask] ?? field.Mask } }];
      }),
    );
  }
  return out;
}

const otherTexts: Record<number, [type: string, message: string]> = {
  400: ['ArgumentException', 'The request is not valid.'],
  401: ['SoSecurityException', 'Not authorized.'],
  404: ['SoNotFoundException', 'Not found.'],
  409: ['SoConcurrencyException', 'The update conflicts with the current state of the entity.'],
  412: ['SoPreconditionException', 'The entity was modified after the given date.'],
  413: ['HttpException', 'Request too large.'],
  415: ['HttpException', 'Unsupported media type.'],
};

/** Other ErrorType names and texts (only the 404's SoNotFoundException is documented), another ErrorSource. */
export function withOtherErrorTexts(body: ErrorBody, status: number): ErrorBody {
  const [type, message] = otherTexts[status] ?? ['Exception', 'The request failed.'];
  return { ...body, ErrorType: type, ErrorMessage: message, ErrorSource: 'SuperOffice.Services.Implementation' };
}

/** Pass `SO-TimeZone` on as if it asked for offsets (`UTC, includeTZOffset` when there was none). */
export function askingForOffsets(zone: unknown): string {
  const text = typeof zone === 'string' ? zone.trim() : '';
  if (text === '') return 'UTC, includeTZOffset';
  return /includetzoffset/i.test(text) ? text : `${text}, includeTZOffset`;
}

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  processEntities: false,
  ignoreDeclaration: false,
});
const xmlBuilder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: false,
});
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/**
 * XML as .NET's DataContractSerializer writes it: a default namespace, the instance namespace as
 * `i:`, indented. The same elements and values; a reader that goes by local names sees no change.
 */
export function asDataContractXml(text: string): string {
  const renamed = text
    .replace(
      XSI,
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xmlns="http://schemas.datacontract.org/2004/07/SuperOffice.CRM.Services"',
    )
    .replace(/ xsi:nil="/g, ' i:nil="');
  return xmlBuilder.build(xmlParser.parse(renamed)) as string;
}

/** JSON with insignificant whitespace: indented, as some servers write it. */
export function indentedJson(text: string): string {
  return JSON.stringify(JSON.parse(text) as unknown, null, 2);
}

/** Whether Accept-Encoding allows gzip (RFC 9110: `gzip` or `*` with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const codings = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (name) codings.set(name, Number.isFinite(q) ? q : 0);
  }
  return (codings.get('gzip') ?? codings.get('x-gzip') ?? codings.get('*') ?? 0) > 0;
}

interface Out {
  request: FastifyRequest;
  reply: FastifyReply;
}

/** gzip the body when the client accepts it; otherwise, and for empty bodies, leave it. */
export function gzipped(payload: Payload, { request, reply }: Out): Payload {
  const bytes = bytesOf(payload);
  reply.header('Vary', 'Accept-Encoding');
  if (!bytes || bytes.length === 0 || !acceptsGzip(request.headers['accept-encoding'])) return payload;
  reply.header('Content-Encoding', 'gzip');
  return gzipSync(bytes);
}

/** Stream the body in small chunks: no Content-Length, `Transfer-Encoding: chunked` on HTTP/1.1. */
export function chunked(payload: Payload, { reply }: Out): Payload {
  const bytes = bytesOf(payload);
  if (!bytes || bytes.length === 0) return payload;
  reply.removeHeader('Content-Length');
  const size = Math.max(1, Math.ceil(bytes.length / 4));
  const parts = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  return Readable.from(parts, { objectMode: false });
}

/** What a hosted IIS/ASP.NET server adds: Server, X-Powered-By, a request id, affinity and session cookies. */
export function withExtraHeaders(payload: Payload, { reply }: Out): Payload {
  reply.header('Server', 'Microsoft-IIS/10.0');
  reply.header('X-Powered-By', 'ASP.NET');
  reply.header('X-Request-Id', randomUUID());
  reply.header('Cache-Control', 'private, no-cache');
  reply.header('Set-Cookie', [
    `ARRAffinity=${randomUUID().replace(/-/g, '')}; Path=/; HttpOnly`,
    'ASP.NET_SessionId=reference0tenant0session; path=/; HttpOnly; SameSite=Lax',
  ]);
  return payload;
}

/** Content-Type with other parameters: `charset=UTF-8` spelt in capitals, plus `odata.metadata=minimal` on JSON. */
export function withContentTypeParameters(payload: Payload, { reply }: Out): Payload {
  const type = String(reply.getHeader('content-type') ?? '');
  if (type === '') return payload;
  const media = type.split(';')[0]!.trim();
  const extra = /json/.test(media) ? '; odata.metadata=minimal' : '';
  reply.header('Content-Type', `${media}${extra}; charset=UTF-8`);
  return payload;
}

/** No Last-Modified: the pages do not promise one, and ChatSessionEntity has no last-modified property. */
export function withoutLastModified(payload: Payload, { reply }: Out): Payload {
  reply.removeHeader('Last-Modified');
  return payload;
}
