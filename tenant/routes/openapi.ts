/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of the API this tenant serves (schemas/openapi.ts),
 * with this tenant's own origin under `servers`. No credentials needed, as a real API's spec
 * endpoint; not an API route, so never delayed, faulted or counted.
 */
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../schemas/openapi.ts';

export function openApiRoute(app: FastifyInstance): void {
  // Built once: the schema files do not change while the tenant runs; only `servers` is per request.
  const document = buildOpenApiDocument();
  app.get('/openapi.json', (request, reply) => {
    const host = /^[A-Za-z0-9.\-:[\]]+$/.test(request.host) ? request.host : '127.0.0.1';
    return reply
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ ...document, servers: [{ url: `${request.protocol}://${host}` }] }));
  });
}
