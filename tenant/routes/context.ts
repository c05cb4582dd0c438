/**
 * What every API route shares: the int32 id check (PUT-ID), the request's view context (caller,
 * host for `_Links`, `$select`, SO-TimeZone, language), body decoding and writing the response in
 * the negotiated format with Last-Modified.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatSessionEntity, SchemaName } from '../../schemas/index.ts';
import type { TenantCore } from '../control.ts';
import { ApiError, badRequest } from '../errors.ts';
import { resolveLanguage } from '../i18n.ts';
import type { RouteKey } from '../modes.ts';
import { chooseFormat, decodeBody, serialize, type BodyKind, type DecodedBody } from '../negotiate.ts';
import { present, type Shape, type ViewContext } from '../present.ts';
import { preparedJson } from '../prepared.ts';
import { selectFromQuery } from '../select.ts';
import { resolveZone } from '../timezone.ts';
import type { EmbeddedUser } from '../users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: EmbeddedUser;
  }
  interface FastifyContextConfig {
    /** Which latency/fault/counter bucket the route belongs to; routes without one are not API routes. */
    routeKey?: RouteKey;
  }
}

export const INT32_MAX = 2147483647;

/** A path id as int32, or 400 saying what is wrong (PUT-ID). */
export function parseId(raw: unknown, name = 'id'): number {
  const text = String(raw ?? '').trim();
  if (!/^-?\d+$/.test(text)) throw badRequest(`${name} must be an int32, found "${text}"`);
  const n = Number(text);
  if (n > INT32_MAX || n < -INT32_MAX - 1) throw badRequest(`${name} ${text} is outside the int32 range`);
  return n;
}

export function callerOf(request: FastifyRequest): EmbeddedUser {
  if (!request.caller) throw new ApiError(401, 'SoAuthenticationException', 'Authentication required');
  return request.caller;
}

function originOf(request: FastifyRequest): string {
  const host = request.host;
  return `${request.protocol}://${/^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : '127.0.0.1'}`;
}

/**
 * What the response is shaped by: the caller, the host for `_Links`, and `$select`, SO-TimeZone and
 * the language as far as the tenant honours them (the request point of the deviation hooks).
 */
export function viewContext(request: FastifyRequest, core: TenantCore): ViewContext {
  const { headers, query } = core.deviations.request({
    headers: request.headers,
    query: (request.query ?? {}) as Record<string, unknown>,
  });
  const tz = headers['so-timezone'];
  return {
    caller: callerOf(request),
    origin: originOf(request),
    select: selectFromQuery(query),
    zone: resolveZone(typeof tz === 'string' ? tz : undefined),
    language: resolveLanguage(headers),
    hooks: core.deviations,
  };
}

export function readBody(request: FastifyRequest, kind: BodyKind, xmlSchema: SchemaName): DecodedBody | undefined {
  return decodeBody(request.body, request.headers['content-type'], kind, xmlSchema);
}

/**
 * Writes an entity response (or `null`), shaped by present() for this request, as Accept asks,
 * through the serialise point of the deviation hooks (format, XML root, text). JSON that present()
 * would not change is composed from prepared parts (prepared.ts), the same bytes, built faster.
 * Last-Modified is set when the session's change time is known. Returns nothing, so a sync handler
 * that returns its result hands Fastify no thenable to wait on.
 */
export function sendEntity(
  reply: FastifyReply,
  request: FastifyRequest,
  core: TenantCore,
  entity: ChatSessionEntity | null,
  shape: Shape,
  ctx: ViewContext,
  lastModified?: Date,
): void {
  const root = shape === 'links' ? 'ChatSessionEntityWithLinks' : 'ChatSessionEntity';
  const format = core.deviations.format(chooseFormat(request.headers.accept));
  const element = shape === 'links' ? core.deviations.rules.withLinksXmlRoot : root;
  if (lastModified) reply.header('Last-Modified', lastModified.toUTCString());
  const text =
    (format.kind === 'json' ? preparedJson(entity, shape, ctx) : undefined) ??
    serialize(present(entity, shape, ctx), format, element, root);
  // Not returned: a handler that returns the reply (a thenable) makes Fastify wait on it through a promise.
  reply.code(200).type(format.contentType).send(core.deviations.text(text, format));
}
