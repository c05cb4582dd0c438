/**
 * The points of the tenant's request/response pipeline where a deviation mode may act, and the
 * composition of the modes that are on. The pipeline calls these hooks and reads these rules; it
 * never asks whether a mode is on by name, so a mode is defined in one place (deviations.ts).
 *
 *   auth      refused(err)          a request whose credentials were refused: serve it as someone?
 *   request   request(view)         the headers and query the tenant honours
 *   operate   rules                 the choices PUT, PATCH, PickUp and TransferTo make
 *   present   body(body, ctx)       an entity response body, after rights, links, zone, language, $select
 *   error     error(body)           an error response body
 *   serialise format(f), text(t, f) the response format, and its text once written
 *   send      send(payload, out)    headers and bytes on their way out (any API response)
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../schemas/index.ts';
import type { ResponseFormat } from './negotiate.ts';
import type { EmbeddedUser } from './users.ts';

/** The choices the operations make where the pages leave room or a mode breaks a clause. */
export interface Rules {
  /** PATCH paths must match the property names' case exactly (PATCH-PATH says they need not). */
  patchPathsCaseSensitive: boolean;
  /** JSON Patch move and copy are applied (PATCH-NOMOVE says they are refused). */
  applyMoveAndCopy: boolean;
  /** A failed test op is skipped and the rest applied (PATCH-409 says 409, nothing changes). */
  skipFailedTests: boolean;
  /** PATCH of an unknown id creates the session (PATCH-404 says 404). */
  createOnPatchOfUnknownId: boolean;
  /** PUT without a body answers 200 with the entity unchanged (PUT-400 says 400). */
  answerPutWithoutBody: boolean;
  /** What PUT answers for an id that does not exist: the tenant's choice, 404 by default. */
  putUnknownIdStatus: 404 | 400;
  /** If-Unmodified-Since honoured on PATCH (PATCH-412) and on PUT (the tenant's choice). */
  ifUnmodifiedSinceOnPatch: boolean;
  ifUnmodifiedSinceOnPut: boolean;
  /** PickUp of a session not in the queue returns it (PICK-NULL says null). */
  pickUpReturnsNotQueued: boolean;
  /** TransferTo changes sessions the caller does not own (XFER-NOTOWNER says nothing happens). */
  transferChangesOthersSessions: boolean;
  /** TransferTo on an own session to an unknown associate: 400 (the tenant's choice) or 200 unchanged. */
  unknownAssociate: 'refuse' | 'ignore';
  /** The XML root element of a ChatSessionEntityWithLinks answer. */
  withLinksXmlRoot: 'ChatSessionEntityWithLinks' | 'ChatSessionEntity';
}

/** The tenant as documented, with its own choices where the pages are silent (tenant/README.md). */
export const defaultRules: Readonly<Rules> = Object.freeze({
  patchPathsCaseSensitive: false,
  applyMoveAndCopy: false,
  skipFailedTests: false,
  createOnPatchOfUnknownId: false,
  answerPutWithoutBody: false,
  putUnknownIdStatus: 404,
  ifUnmodifiedSinceOnPatch: true,
  ifUnmodifiedSinceOnPut: true,
  pickUpReturnsNotQueued: false,
  transferChangesOthersSessions: false,
  unknownAssociate: 'refuse',
  withLinksXmlRoot: 'ChatSessionEntityWithLinks',
});

/** What a request asks for, as far as the tenant honours it. */
export interface RequestView {
  headers: IncomingHttpHeaders;
  query: Record<string, unknown>;
}

/** What the present point knows about the body it is given. */
export interface PresentContext {
  /** `links`: a ChatSessionEntityWithLinks answer; `rights`: a ChatSessionEntity with rights. */
  shape: 'links' | 'rights';
  origin: string;
}

export type Payload = string | Buffer | Readable | null | undefined;

export interface Hooks {
  refused?(): EmbeddedUser | undefined;
  request?(view: RequestView): RequestView;
  rules?: Partial<Rules>;
  body?(body: Record<string, unknown>, ctx: PresentContext): Record<string, unknown>;
  error?(body: ErrorBody, status: number): ErrorBody;
  format?(format: ResponseFormat): ResponseFormat;
  text?(text: string, format: ResponseFormat): string;
  send?(payload: Payload, out: { request: FastifyRequest; reply: FastifyReply }): Payload;
}

/** The modes that are on, composed in the registry's order, as the pipeline calls them. */
export class ActiveHooks {
  readonly rules: Readonly<Rules>;
  /** Whether a mode on has a body hook: an entity answer is then built by present() in full, never composed. */
  readonly reshapesBody: boolean;

  constructor(
    readonly names: readonly string[],
    private readonly hooks: readonly Hooks[],
  ) {
    this.rules = Object.freeze(Object.assign({}, defaultRules, ...hooks.map((h) => h.rules ?? {})) as Rules);
    this.reshapesBody = hooks.some((h) => h.body !== undefined);
  }

  private pipe<T>(pick: (h: Hooks) => ((value: T) => T) | undefined, value: T): T {
    return this.hooks.reduce((v, h) => pick(h)?.(v) ?? v, value);
  }

  /** auth: the user a refused request is served as, if a mode says so. */
  refused(): EmbeddedUser | undefined {
    for (const h of this.hooks) {
      const user = h.refused?.();
      if (user) return user;
    }
    return undefined;
  }

  request(view: RequestView): RequestView {
    return this.pipe((h) => h.request?.bind(h), view);
  }

  body(body: Record<string, unknown>, ctx: PresentContext): Record<string, unknown> {
    return this.pipe((h) => (h.body ? (b: Record<string, unknown>) => h.body!(b, ctx) : undefined), body);
  }

  error(body: ErrorBody, status: number): ErrorBody {
    return this.pipe((h) => (h.error ? (b: ErrorBody) => h.error!(b, status) : undefined), body);
  }

  format(format: ResponseFormat): ResponseFormat {
    return this.pipe((h) => h.format?.bind(h), format);
  }

  text(text: string, format: ResponseFormat): string {
    return this.pipe((h) => (h.text ? (t: string) => h.text!(t, format) : undefined), text);
  }

  send(payload: Payload, out: { request: FastifyRequest; reply: FastifyReply }): Payload {
    return this.pipe((h) => (h.send ? (p: Payload) => h.send!(p, out) : undefined), payload);
  }
}
