/**
 * Child process for the bench: the framework ceiling. Fastify as the tenant configures it (its
 * router options and text body parsers, tenant/app.ts), doing only what the fair server does:
 * parse each PUT body and answer the tenant's prepared ~4.8 KB entity (answer.ts). What the tenant
 * loses against this server is its own work; what this server loses against the fair one is the
 * framework's. Same ready line and signals as serve-tenant.ts.
 */
import Fastify from 'fastify';
import { readBodiesAsText, ROUTER_OPTIONS } from '../tenant/app.ts';
import { preparedAnswer } from './answer.ts';

const body = await preparedAnswer();
const app = Fastify({ logger: false, routerOptions: ROUTER_OPTIONS });
readBodiesAsText(app);
app.put('/api/v1/ChatSession/:id', (request, reply) => {
  try {
    JSON.parse(String(request.body));
  } catch {
    reply.code(400).send();
    return;
  }
  reply.code(200).type('application/json; charset=utf-8').send(body);
});
await app.listen({ host: '127.0.0.1', port: 0 });
// Node's default keep-alive timeout (5 s) is shorter than a bench pause; keep connections open.
app.server.keepAliveTimeout = 60_000;
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, adminToken: '', pid: process.pid }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), 3000).unref();
    void app.close().finally(() => process.exit(0));
  });
}
