/**
 * The Agents flavour, `POST /api/v1/Agents/Chat/<Method>`, as the official @superoffice/webapi
 * ChatAgent calls it. PickUpChatSession is one of the four documented endpoints; the others let
 * the official client arrange and read back state. Agents answer 200 with `null` for "not found".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validate, type ChatSessionEntity } from '../../schemas/index.ts';
import type { TenantCore } from '../control.ts';
import { badRequest } from '../errors.ts';
import { mergeEntity } from '../entity.ts';
import { pickUp, transfer } from '../operations.ts';
import type { ViewContext } from '../present.ts';
import { defaultSession } from '../seed.ts';
import { callerOf, parseId, readBody, sendEntity, viewContext } from './context.ts';

const base = '/api/v1/Agents/Chat';

function queryValue(request: FastifyRequest, name: string): unknown {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.entries(query).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** A small request object (`{ChatSessionId}`, `{ChatSessionId, ToAssociate}`) from any body format. */
function requestObject(
  request: FastifyRequest,
  schema: 'PickUpChatSessionRequest' | 'TransferChatSessionRequest',
): Record<string, unknown> {
  const body = readBody(request, 'request', schema);
  if (!body || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
    throw badRequest(`the request body must be a ${schema} object`);
  const value = Object.fromEntries(
    Object.entries(body.value).map(([k, v]) => [
      k.toLowerCase() === 'chatsessionid' ? 'ChatSessionId' : k.toLowerCase() === 'toassociate' ? 'ToAssociate' : k,
      v,
    ]),
  );
  if (typeof value.ChatSessionId === 'string') value.ChatSessionId = parseId(value.ChatSessionId, 'ChatSessionId');
  if (typeof value.ToAssociate === 'number') value.ToAssociate = String(value.ToAssociate);
  const result = validate(schema, value);
  if (!result.ok) throw badRequest(`the request body is not a valid ${schema}: ${result.errors.join('; ')}`);
  return value;
}

export function agentRoutes(app: FastifyInstance, core: TenantCore): void {
  /** The entity answer; `ctx` when the route read it before acting (so a bad SO-TimeZone changes nothing). */
  const answer = (
    rep: FastifyReply,
    req: FastifyRequest,
    entity: ChatSessionEntity | null | undefined,
    ctx?: ViewContext,
  ) =>
    sendEntity(
      rep,
      req,
      core,
      entity ?? null,
      'rights',
      ctx ?? viewContext(req, core),
      entity ? core.store.lastModified(entity.ChatSessionId) : undefined,
    );

  app.post(`${base}/PickUpChatSession`, { config: { routeKey: 'PICKUP' } }, (req, rep) => {
    const ctx = viewContext(req, core);
    const { ChatSessionId } = requestObject(req, 'PickUpChatSessionRequest') as { ChatSessionId: number };
    return answer(rep, req, pickUp(core, callerOf(req), ChatSessionId), ctx);
  });

  app.post(`${base}/TransferChatSession`, { config: { routeKey: 'TRANSFER' } }, (req, rep) => {
    const ctx = viewContext(req, core);
    const { ChatSessionId, ToAssociate } = requestObject(req, 'TransferChatSessionRequest') as {
      ChatSessionId: number;
      ToAssociate: string;
    };
    return answer(rep, req, transfer(core, callerOf(req), ChatSessionId, ToAssociate), ctx);
  });

  app.post(`${base}/GetChatSessionEntity`, { config: { routeKey: 'GET' } }, (req, rep) => {
    const id = parseId(queryValue(req, 'chatSessionEntityId'), 'chatSessionEntityId');
    return answer(rep, req, core.store.get(id));
  });

  app.post(`${base}/CreateDefaultChatSessionEntity`, { config: { routeKey: 'OTHER' } }, (req, rep) =>
    answer(rep, req, defaultSession()),
  );

  /** Creates when ChatSessionId is 0 or missing, replaces an existing one, null for an unknown id. */
  app.post(`${base}/SaveChatSessionEntity`, { config: { routeKey: 'OTHER' } }, (req, rep) => {
    const ctx = viewContext(req, core);
    const body = readBody(req, 'entity', 'ChatSessionEntity');
    if (!body || typeof body.value !== 'object' || body.value === null)
      throw badRequest('Entity to save is not in request body.');
    const given = Object.entries(body.value).find(([k]) => k.toLowerCase() === 'chatsessionid')?.[1];
    const textual = body.format === 'xml' || body.format === 'form';
    const requested = given === undefined || given === null || given === '' ? 0 : parseId(given, 'ChatSessionId');
    if (requested !== 0 && !core.store.has(requested)) return answer(rep, req, null, ctx);
    const id = requested === 0 ? core.store.allocateId() : requested;
    const existing = core.store.get(id) ?? { ...defaultSession(), ChatSessionId: id };
    return answer(rep, req, core.store.save(mergeEntity(existing, body.value, id, ctx.zone, textual)), ctx);
  });

  app.post(`${base}/DeleteChatSessionEntity`, { config: { routeKey: 'OTHER' } }, (req, rep) => {
    core.store.delete(parseId(queryValue(req, 'chatSessionEntityId'), 'chatSessionEntityId'));
    return rep.code(204).send();
  });
}
