/**
 * The REST routes under /api/v1/ChatSession: the documented PUT, PATCH and TransferTo, and the
 * neighbours a harness needs to arrange and read back state (GET, GET default, POST, DELETE).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatSessionEntity } from '../../schemas/index.ts';
import type { TenantCore } from '../control.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { mergeEntity } from '../entity.ts';
import { transfer } from '../operations.ts';
import { applyOperations, mergeToOperations, normalizeOperations } from '../patch.ts';
import type { Shape, ViewContext } from '../present.ts';
import { defaultSession, seedSession } from '../seed.ts';
import { callerOf, parseId, readBody, sendEntity, viewContext } from './context.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;
const base = '/api/v1/ChatSession';

function missing(id: number): ApiError {
  return notFound(`ChatSessionEntity with id ${id} does not exist`);
}

/** PUT to an id that does not exist: 404 as PATCH documents, or 400 (the only error the published PUT lists). */
function missingOnPut(core: TenantCore, id: number): ApiError {
  return core.deviations.rules.putUnknownIdStatus === 400
    ? badRequest(`ChatSessionEntity with id ${id} does not exist: there is nothing to update`)
    : missing(id);
}

/**
 * PATCH-412 (and PUT, the tenant's choice): 412 when the session changed after If-Unmodified-Since,
 * unless the rules say the method ignores it.
 */
function checkUnmodifiedSince(request: FastifyRequest, core: TenantCore, id: number, method: 'PATCH' | 'PUT'): void {
  const header = request.headers['if-unmodified-since'];
  const rules = core.deviations.rules;
  if (!header || !(method === 'PATCH' ? rules.ifUnmodifiedSinceOnPatch : rules.ifUnmodifiedSinceOnPut)) return;
  const since = Date.parse(header);
  const modified = core.store.lastModified(id);
  if (Number.isNaN(since) || !modified) return;
  if (modified.getTime() > since) {
    throw new ApiError(
      412,
      'SoPreconditionFailedException',
      `ChatSessionEntity ${id} has changed since ${header} ` +
        `(last modified ${modified.toUTCString()}); nothing was changed`,
    );
  }
}

export function chatSessionRoutes(app: FastifyInstance, core: TenantCore): void {
  /** The entity answer; `ctx` when the route read it before acting (so a bad SO-TimeZone changes nothing). */
  const reply = (
    rep: FastifyReply,
    req: FastifyRequest,
    entity: ChatSessionEntity,
    ctx: ViewContext | undefined,
    shape: Shape = 'links',
  ) =>
    sendEntity(
      rep,
      req,
      core,
      entity,
      shape,
      ctx ?? viewContext(req, core),
      core.store.lastModified(entity.ChatSessionId),
    );

  app.get(`${base}/default`, { config: { routeKey: 'GET' } }, (req, rep) =>
    sendEntity(rep, req, core, defaultSession(), 'rights', viewContext(req, core)),
  );

  app.get(`${base}/:id`, { config: { routeKey: 'GET' } }, (req: IdRequest, rep) => {
    const id = parseId(req.params.id);
    const session = core.store.get(id);
    if (!session) throw missing(id);
    return reply(rep, req, session, undefined);
  });

  app.post(base, { config: { routeKey: 'OTHER' } }, (req, rep) => {
    const ctx = viewContext(req, core);
    const body = readBody(req, 'entity', 'ChatSessionEntity');
    if (!body || body.value === null) throw badRequest('Entity to save is not in request body.');
    const id = core.store.allocateId();
    const created = core.store.save(
      mergeEntity(
        { ...defaultSession(), ChatSessionId: id },
        body.value,
        id,
        ctx.zone,
        body.format === 'xml' || body.format === 'form',
      ),
    );
    return reply(rep, req, created, ctx);
  });

  app.put(`${base}/:id`, { config: { routeKey: 'PUT' } }, (req: IdRequest, rep) => {
    const id = parseId(req.params.id);
    const ctx = viewContext(req, core);
    const body = readBody(req, 'entity', 'ChatSessionEntity');
    let existing = core.store.get(id);
    if (!body || body.value === null) {
      if (!core.deviations.rules.answerPutWithoutBody) throw badRequest('Entity to save is not in request body.');
      if (!existing) throw missingOnPut(core, id);
      return reply(rep, req, existing, ctx);
    }
    if (!existing) throw missingOnPut(core, id);
    checkUnmodifiedSince(req, core, id, 'PUT');
    existing = core.store.save(
      mergeEntity(existing, body.value, id, ctx.zone, body.format === 'xml' || body.format === 'form'),
    );
    return reply(rep, req, existing, ctx);
  });

  app.patch(`${base}/:id`, { config: { routeKey: 'PATCH' } }, (req: IdRequest, rep) => {
    const id = parseId(req.params.id);
    const ctx = viewContext(req, core);
    const body = readBody(req, 'patch', 'JsonPatchDocument');
    if (!body) throw badRequest('a JSON Patch array or a merge-patch object is required in the request body');
    const rules = core.deviations.rules;
    let existing = core.store.get(id);
    if (!existing) {
      if (!rules.createOnPatchOfUnknownId) throw missing(id);
      existing = { ...seedSession(id), ChatSessionId: id };
    } else {
      checkUnmodifiedSince(req, core, id, 'PATCH');
    }
    const options = {
      caseSensitive: rules.patchPathsCaseSensitive,
      allowMove: rules.applyMoveAndCopy,
      ignoreFailedTests: rules.skipFailedTests,
      coerceScalars: body.format === 'xml',
    };
    const entity = existing as unknown as Record<string, unknown>;
    const isMerge = body.format === 'merge-patch' || (body.format === 'json' && !Array.isArray(body.value));
    if (isMerge && (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)))
      throw badRequest('a merge patch must be a JSON object');
    if (body.format === 'json-patch' && !Array.isArray(body.value))
      throw badRequest('application/json-patch+json must be a JSON array of operations');
    const ops = isMerge
      ? mergeToOperations(body.value as Record<string, unknown>, entity, options.caseSensitive)
      : normalizeOperations(body.value, entity, options);
    const patched = mergeEntity(existing, applyOperations(existing, ops, options), id, undefined, false);
    return reply(rep, req, core.store.save(patched), ctx);
  });

  app.delete(`${base}/:id`, { config: { routeKey: 'OTHER' } }, (req: IdRequest, rep) => {
    const id = parseId(req.params.id);
    if (!core.store.delete(id)) throw missing(id);
    return rep.code(204).send();
  });

  app.post(
    `${base}/:id/TransferTo/:toAssociate`,
    { config: { routeKey: 'TRANSFER' } },
    (req: FastifyRequest<{ Params: { id: string; toAssociate: string } }>, rep) => {
      const id = parseId(req.params.id, 'chatSessionId');
      const ctx = viewContext(req, core);
      const result = transfer(core, callerOf(req), id, req.params.toAssociate);
      if (!result) throw missing(id);
      return reply(rep, req, result, ctx, 'rights');
    },
  );
}
