/**
 * Child process for the bench: the tenant's own PUT work without its framework. A bare `node:http`
 * server that, per PUT, does what the tenant's PUT route does with the tenant's own functions
 * (tenant/routes/chatsession.ts): authenticate the caller, check the id, decode the JSON body
 * (depth limit included), merge it into the stored session and validate the result against the
 * schema (mergeEntity), store it deep-frozen with a new Last-Modified, and answer the
 * ChatSessionEntityWithLinks composed as the tenant composes it (preparedJson). What it leaves
 * out: Fastify (routing, body reading, hooks), the deviation and fault hooks, Accept negotiation,
 * If-Unmodified-Since (the bench sends none).
 *
 * So `work / fair` is the most any server doing the tenant's work in one Node process could reach
 * against the fair ceiling, and `tenant / work` is what Fastify and the hooks cost on top.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from '../tenant/auth.ts';
import { TenantCore } from '../tenant/control.ts';
import { mergeEntity } from '../tenant/entity.ts';
import { ApiError, badRequest, errorBody, notFound } from '../tenant/errors.ts';
import { decodeBody } from '../tenant/negotiate.ts';
import { preparedJson } from '../tenant/prepared.ts';
import { parseId } from '../tenant/routes/context.ts';

const core = new TenantCore(500, { deviations: [], latency: {}, faults: {} });
const PREFIX = '/api/v1/chatsession/';
let origin = '';

function put(req: IncomingMessage, text: string): { json: string; modified: string } {
  const caller = authenticate(req.headers);
  const path = (req.url ?? '').split('?')[0] as string;
  if (req.method !== 'PUT' || !path.toLowerCase().startsWith(PREFIX)) throw notFound(`no route for ${path}`);
  const id = parseId(path.slice(PREFIX.length));
  const body = decodeBody(text, req.headers['content-type'], 'entity', 'ChatSessionEntity');
  if (!body || body.value === null) throw badRequest('Entity to save is not in request body.');
  const existing = core.store.get(id);
  if (!existing) throw notFound(`ChatSessionEntity with id ${id} does not exist`);
  const saved = core.store.save(
    mergeEntity(existing, body.value, id, undefined, body.format === 'xml' || body.format === 'form'),
  );
  const ctx = { caller, origin, select: undefined, zone: undefined, language: undefined, hooks: core.deviations };
  const json = preparedJson(saved, 'links', ctx);
  if (json === undefined) throw new ApiError(500, 'SoServerException', 'the answer cannot be composed');
  return { json, modified: (core.store.lastModified(id) as Date).toUTCString() };
}

function answer(req: IncomingMessage, res: ServerResponse, text: string): void {
  try {
    const { json, modified } = put(req, text);
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      'Last-Modified': modified,
    });
    res.end(json);
  } catch (err) {
    const status = err instanceof ApiError ? err.statusCode : 500;
    const type = err instanceof ApiError ? err.errorType : 'SoServerException';
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(errorBody(type, (err as Error).message)));
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  console.log(JSON.stringify({ url: origin, adminToken: '', pid: process.pid }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
