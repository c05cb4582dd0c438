/**
 * Child process for the bench: the fair ceiling. A bare `node:http` server that reads and parses
 * each PUT body, as any JSON API must, and answers the embedded tenant's own ~4.8 KB
 * ChatSessionEntityWithLinks for that PUT (prepared once, answer.ts), so a generator that
 * validates every answer does the same work here as against the tenant.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preparedAnswer } from './answer.ts';

const body = await preparedAnswer();
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
