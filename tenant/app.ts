/**
 * buildTenant(): the embedded reference tenant as a Fastify instance, not listening. It serves the
 * four documented ChatSession endpoints and their neighbours as the reference pages describe, plus
 * the admin API; tests use `inject()`, server.ts and start.ts listen. The returned instance also
 * carries `control` (and `app`, itself, so `const { app, control } = await buildTenant()` works).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ErrorBody } from '../schemas/index.ts';
import { adminRoutes } from './admin.ts';
import { authenticate } from './auth.ts';
import { TenantCore, type TenantControl } from './control.ts';
import { ApiError, errorBody } from './errors.ts';
import { routeMethods } from './method-not-allowed.ts';
import { chooseFormat, serialize } from './negotiate.ts';
import { DEFAULT_ADMIN_TOKEN, type TenantOptions } from './options.ts';
import { agentRoutes } from './routes/agents.ts';
import { chatSessionRoutes } from './routes/chatsession.ts';
import { openApiRoute } from './routes/openapi.ts';
import { DEFAULT_SEED_COUNT } from './seed.ts';
import type { Payload } from './hooks.ts';
import type { RouteKey } from './modes.ts';

export type { TenantOptions } from './options.ts';
export type { TenantControl } from './control.ts';
export type { DeviationName, ModeName } from './deviations.ts';
export { deviationNames, deviationTable, modeNames } from './deviations.ts';

export type Tenant = FastifyInstance & { readonly control: TenantControl; readonly app: FastifyInstance };

/** Request bodies over this are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

/** A whole request must arrive within this (the official .NET client gives up after 30 s too). */
export const REQUEST_TIMEOUT_MS = 30_000;

function statusOf(err: FastifyError | ApiError): { status: number; type: string } {
  if (err instanceof ApiError) return { status: err.statusCode, type: err.errorType };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, type: 'SoRequestTooLargeException' };
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, type: 'SoUnsupportedMediaTypeException' };
  const code = err.statusCode ?? 500;
  return code >= 400 && code < 500
    ? { status: code, type: 'SoBadRequestException' }
    : { status: 500, type: 'SoServerException' };
}

/** How the tenant routes: case-insensitive, a trailing slash ignored (the bench's Fastify ceiling routes alike). */
export const ROUTER_OPTIONS = { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 200 } as const;

/**
 * Bodies are read as text; each route decodes by Content-Type (negotiate.ts), so 415 and 400 say
 * what is wrong. The JSON types by name as well: Fastify caches the parser it finds for a
 * Content-Type, but not the catch-all's.
 */
export function readBodiesAsText(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const asText = (_req: FastifyRequest, body: string | Buffer, done: (err: null, body: string | Buffer) => void) =>
    done(null, body);
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, asText);
  app.addContentTypeParser('*', { parseAs: 'string' }, asText);
}

export async function buildTenant(options: TenantOptions = {}): Promise<Tenant> {
  const core = new TenantCore(options.seedSessions ?? DEFAULT_SEED_COUNT, {
    deviations: options.deviations ?? [],
    latency: options.latency ?? {},
    faults: options.faults ?? {},
  });
  const adminToken = options.adminToken ?? DEFAULT_ADMIN_TOKEN;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // A request (headers and body) must arrive whole within this; a trickling body gets 408, not a
    // connection held open for minutes. Node checks every connectionsCheckingInterval ms, and only
    // takes requestTimeout from the server's constructor options (a later assignment is ignored).
    requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    http: { requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 500 },
    routerOptions: ROUTER_OPTIONS,
    frameworkErrors: (err, _req, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .type('application/json; charset=utf-8')
        .send(errorBody('SoBadRequestException', `the request cannot be read: ${err.message}`));
    },
  });

  readBodiesAsText(app);

  /** Who is calling (or the stand-in a deviation mode serves a refused request as), then on to the route. */
  function identify(request: FastifyRequest, done: (err?: Error) => void): void {
    try {
      request.caller = authenticate(request.headers, options.primaryAuth);
    } catch (err) {
      const standIn = core.deviations.refused();
      if (!standIn) return done(err as Error);
      request.caller = standIn;
    }
    done();
  }

  /**
   * The API routes' first step: count the call, then a fault, a delay, and who is calling. Callback
   * style and bound to the route's key when the route is added, so a request pays neither a promise
   * nor a lookup of its route's options (the PUT bench: issue 16). No closure is made per request:
   * under tsx each one is named as it is made, which costs.
   */
  const onApiRequest =
    (key: RouteKey) =>
    (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
      const decision = core.modes.decide(key);
      if (decision.fault === 'drop') {
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      if (decision.fault === '503')
        return done(
          new ApiError(503, 'SoServiceUnavailableException', 'injected fault: the tenant is unavailable, retry later', {
            'Retry-After': String(decision.retryAfterSeconds),
          }),
        );
      if (decision.fault === '500')
        return done(new ApiError(500, 'SoServerException', 'injected fault: the tenant failed to serve this call'));
      if (decision.delayMs > 0) setTimeout(identify, decision.delayMs, request, done);
      else identify(request, done);
    };
  app.addHook('onRoute', (route) => {
    const key = route.config?.routeKey;
    if (key) route.onRequest = [...[route.onRequest ?? []].flat(), onApiRequest(key)];
  });

  // The send point of the deviation hooks: headers and bytes of every answer but the admin API's.
  app.addHook('onSend', (request, reply, payload: Payload, done) => {
    done(null, request.url.startsWith('/_admin') ? payload : core.deviations.send(payload, { request, reply }));
  });

  /** The error point of the deviation hooks, then the body in the format Accept asks for. */
  const sendError = (reply: FastifyReply, request: FastifyRequest, status: number, body: ErrorBody) => {
    const format = chooseFormat(request.headers.accept);
    const text = serialize(core.deviations.error(body, status), format, 'Error', 'ErrorBody');
    return reply.code(status).type(format.contentType).send(core.deviations.text(text, format));
  };

  const methodsAt = routeMethods(app);
  /** No route for this method: 405 with Allow where the path serves other methods (RFC 9110), else 404. */
  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = methodsAt(request.url);
    const path = request.url.split('?')[0];
    if (!allowed)
      return sendError(reply, request, 404, errorBody('SoNotFoundException', `no route for ${request.method} ${path}`));
    reply.header('Allow', allowed.join(', '));
    const message = `${request.method} is not served at ${path}; use ${allowed.join(', ')}`;
    return sendError(reply, request, 405, errorBody('SoMethodNotAllowedException', message));
  };

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    // Fastify refuses a body-less QUERY before routing; a path that does not serve QUERY says 405 first.
    if (request.is404 && methodsAt(request.url)) return noRoute(request, reply);
    const { status, type } = statusOf(err);
    if (status >= 500 && !(err instanceof ApiError)) request.log.error(err);
    if (err instanceof ApiError) reply.headers(err.headers);
    const message =
      status >= 500 && !(err instanceof ApiError) ? 'internal error in the reference tenant' : err.message;
    return sendError(reply, request, status, errorBody(type, message));
  });

  app.setNotFoundHandler(noRoute);

  chatSessionRoutes(app, core);
  agentRoutes(app, core);
  adminRoutes(app, core, adminToken);
  openApiRoute(app);
  const control: TenantControl = core;
  app.decorate('control', control);
  app.decorate('app', app);
  await app.ready();
  return app as unknown as Tenant;
}
