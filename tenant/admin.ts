/**
 * The admin API on the tenant's own port, for Pact provider states and runs from outside the
 * process: the TenantControl methods over HTTP. Every route needs `X-Admin-Token` and a loopback
 * peer; without both it answers 401 and does nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameSecret } from './auth.ts';
import type { TenantCore } from './control.ts';
import { parseDeviations } from './deviations.ts';
import { ApiError, badRequest, errorBody, notFound } from './errors.ts';
import { parseFaultSpec, parseLatencySpec } from './modes.ts';
import { parseId } from './routes/context.ts';

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function json(request: FastifyRequest, fallback: unknown = {}): unknown {
  const raw = request.body;
  if (typeof raw !== 'string' || raw.trim() === '') return fallback;
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw badRequest(`admin bodies are JSON: ${(err as Error).message}`);
  }
}

/** Runs a control call, turning its validation errors into 400. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw badRequest((err as Error).message);
  }
}

export function adminRoutes(app: FastifyInstance, core: TenantCore, adminToken: string): void {
  void app.register(
    (admin, _opts, done) => {
      admin.addHook('onRequest', async (request, reply) => {
        const token = request.headers['x-admin-token'];
        const local = loopback.test(request.socket.remoteAddress ?? '');
        if (!local || typeof token !== 'string' || !sameSecret(token, adminToken)) {
          return reply
            .code(401)
            .type('application/json; charset=utf-8')
            .send(
              errorBody(
                'SoAuthenticationException',
                'the admin API needs X-Admin-Token (see TENANT_ADMIN_TOKEN) from a loopback address',
              ),
            );
        }
      });
      admin.post('/reset', (req) => {
        const body = json(req) as { modes?: unknown };
        core.reset({ modes: body?.modes === true });
        return core.state();
      });
      admin.post('/sessions', (req) => {
        const body = json(req);
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          throw badRequest('POST /_admin/sessions takes a JSON object of entity overrides (and an optional "owner")');
        return guarded(() => core.createSession(body));
      });
      admin.get('/sessions/:id', (req: FastifyRequest<{ Params: { id: string } }>) => {
        const id = parseId(req.params.id);
        const session = core.getSession(id);
        if (!session) throw notFound(`ChatSessionEntity with id ${id} does not exist`);
        return session;
      });
      admin.put('/deviations', (req) => {
        const body = json(req) as { deviations?: unknown };
        core.setDeviations(guarded(() => parseDeviations(body?.deviations, 'deviations')));
        return { deviations: [...core.deviations.names] };
      });
      admin.put('/latency', (req) => {
        core.setLatency(guarded(() => parseLatencySpec(json(req))));
        return { latency: core.modes.latency };
      });
      admin.put('/faults', (req) => {
        core.setFaults(guarded(() => parseFaultSpec(json(req))));
        return { faults: core.modes.faults };
      });
      admin.get('/counters', () => core.counters());
      admin.get('/state', () => core.state());
      done();
    },
    { prefix: '/_admin' },
  );
}
