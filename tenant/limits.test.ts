/**
 * The tenant's limits: a request must arrive whole in time, and a stored text may be no longer
 * than the FieldLength its FieldProperties announce.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTenant } from './start.ts';
import { basic, call, newTenant, session } from './test-support.ts';

test('a body that trickles in is cut off with 408 once the request timeout passes @PUT-400', async () => {
  const tenant = await startTenant({ requestTimeoutMs: 1000 });
  try {
    const { port } = new URL(tenant.url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    const started = Date.now();
    socket.write(
      `PUT /api/v1/ChatSession/31 HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic('tje0').Authorization}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const drip = setInterval(() => socket.writable && socket.write(' '), 200); // 5 bytes/s: 200 s for the body
    const end = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]);
    clearInterval(drip);
    socket.destroy();
    assert.ok(end > 0, 'the connection was still open after 10 s');
    assert.ok(end - started < 5000, `closed after ${end - started} ms`);
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.equal(tenant.control.getSession(31)?.CustomerName, 'Customer 31', 'nothing was stored');
  } finally {
    await tenant.close();
  }
});

const long = (n: number) => 'x'.repeat(n);

for (const [field, length] of [
  ['CustomerName', 255],
  ['LastMessage', 4000],
  ['SessionKey', 64],
] as const) {
  test(
    `${field} up to its FieldLength ${length} is stored; ` + 'one character more is 400 @PUT-400 @ENTITY-LINKS',
    async () => {
      const tenant = await newTenant();
      const get = await call(tenant, 'GET', session(31));
      const announced = (JSON.parse(get.body) as { FieldProperties: Record<string, { FieldLength: number }> })
        .FieldProperties;
      assert.equal(announced[field]?.FieldLength, length, 'the length the tenant announces');
      const ok = await call(tenant, 'PUT', session(31), { body: { [field]: long(length) } });
      assert.equal(ok.statusCode, 200, ok.body);
      const tooLong = await call(tenant, 'PUT', session(31), { body: { [field]: long(length + 1) } });
      assert.equal(tooLong.statusCode, 400, tooLong.body);
      assert.match(tooLong.body, new RegExp(`${field} is ${length + 1} characters long; it holds at most ${length}`));
      assert.equal(tenant.control.getSession(31)?.[field], long(length), 'the refused PUT changed nothing');
      const patch = await call(tenant, 'PATCH', session(31), {
        body: [{ op: 'replace', path: `/${field}`, value: long(length + 1) }],
        contentType: 'application/json-patch+json',
      });
      assert.equal(patch.statusCode, 400, patch.body);
    },
  );
}

/** The heap after a full collection: what is kept, not the garbage of the bodies just sent. */
function retainedHeap(): number {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

test('101 PUTs of a 1 MB name keep nothing: each is refused @PUT-400', async () => {
  const tenant = await newTenant();
  const heap = retainedHeap();
  for (let i = 0; i < 101; i++) {
    const res = await call(tenant, 'PUT', session(400 + (i % 50)), { body: { CustomerName: long(1_000_000) } });
    assert.equal(res.statusCode, 400);
  }
  assert.equal(tenant.control.getSession(400)?.CustomerName, 'Customer 400');
  const kept = retainedHeap() - heap;
  assert.ok(kept < 20_000_000, `no 100 MB kept: ${(kept / 1e6).toFixed(1)} MB more after a full GC`);
});
