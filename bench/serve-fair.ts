/**
 * Child process for the bench: the fair ceiling. A bare `node:http` server that reads and parses
 * each PUT body, as any JSON API must, and answers the embedded tenant's own ~4.8 KB
 * ChatSessionEntityWithLinks for that PUT (prepared once, through the tenant's inject()), so a
 * generator that validates every answer does the same work here as against the tenant.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authHeaders } from '../lib/headers.ts';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { buildPutBody } from '../load/scenario/put-body.ts';
import { buildTenant } from '../tenant/app.ts';
import { seedSession } from '../tenant/seed.ts';

const user = embeddedUsers[0]!;
const tenant = await buildTenant({ latency: {}, faults: {}, deviations: [] });
const answer = await tenant.inject({
  method: 'PUT',
  url: '/api/v1/ChatSession/400',
  headers: {
    ...authHeaders({ scheme: 'basic', username: user.username, password: user.password }),
    'content-type': 'application/json',
  },
  payload: JSON.stringify(buildPutBody(seedSession(400), 1, Date.UTC(2024, 5, 1, 8, 30))),
});
await tenant.close();
if (answer.statusCode !== 200) throw new Error(`the tenant answered ${answer.statusCode} to the prepared PUT`);
const body = Buffer.from(answer.body);
/** BENCH_DELAY_MS: hold every answer this long (fidelity and in-flight memory figures). */
const delayMs = Number(process.env.BENCH_DELAY_MS ?? 0);
/** BENCH_HOLD_AT / BENCH_HOLD_MS: hold only the n-th PUT (1-based) this long (the engines' held-response figure). */
const holdAt = Number(process.env.BENCH_HOLD_AT ?? 0);
const holdMs = Number(process.env.BENCH_HOLD_MS ?? 0);
let puts = 0;
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.byteLength };

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const wait = ++puts === holdAt ? holdMs : delayMs;
    if (wait > 0) setTimeout(() => res.writeHead(200, headers).end(body), wait);
    else res.writeHead(200, headers).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(
    JSON.stringify({ url: `http://127.0.0.1:${port}`, adminToken: '', pid: process.pid, bytes: body.byteLength }),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
