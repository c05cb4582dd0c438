/**
 * Issue 8, concurrency: many PATCHes racing on one session over real HTTP (127.0.0.1, a free port)
 * with If-Unmodified-Since and `test` ops. Counted: 200s against 409s and 412s. Proved: no lost
 * update (the final Rating is the start plus the number of 200s, each 200 one distinct step) and
 * no blocked update applied (a 409/412 leaves no trace in that count). Every change moves
 * Last-Modified at least a second on, so a client holding an older date always gets 412.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic } from './test-support.ts';
import { startTenant, type RunningTenant } from './start.ts';

const CLIENTS = 200;
const ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 15_000;

let running: RunningTenant;
before(async () => {
  running = await startTenant({ seedSessions: 50 });
});
after(() => running.close());

const url = (id: number) => `${running.url}/api/v1/ChatSession/${id}`;

async function read(id: number): Promise<{ rating: number; lastModified: string }> {
  const res = await fetch(url(id), { headers: basic('tje0'), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  assert.equal(res.status, 200);
  return {
    rating: ((await res.json()) as { Rating: number }).Rating,
    lastModified: String(res.headers.get('last-modified')),
  };
}

async function patch(id: number, ops: unknown[], since?: string): Promise<{ status: number; rating?: number }> {
  const headers = {
    ...basic('tje0'),
    'content-type': 'application/json-patch+json',
    ...(since ? { 'if-unmodified-since': since } : {}),
  };
  const res = await fetch(url(id), {
    method: 'PATCH',
    headers,
    body: JSON.stringify(ops),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await res.json()) as { Rating?: number };
  return { status: res.status, ...(res.status === 200 ? { rating: body.Rating } : {}) };
}

function count(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('PATCH /api/v1/ChatSession/{id} under concurrency', () => {
  test(
    `${CLIENTS} PATCHes holding the same Last-Modified: ` +
      'exactly one applied, the rest 412 and without effect @PATCH-412',
    { timeout: 60_000 },
    async () => {
      const { rating, lastModified } = await read(11);
      const results = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          patch(11, [{ op: 'replace', path: '/Rating', value: rating + 1 + i }], lastModified),
        ),
      );
      const counts = count(results.map((r) => r.status));
      console.log(`race, same If-Unmodified-Since: ${JSON.stringify(counts)}`);
      assert.deepEqual(counts, { 200: 1, 412: CLIENTS - 1 });
      assert.equal((await read(11)).rating, results.find((r) => r.status === 200)?.rating);
    },
  );

  test(
    `${CLIENTS} PATCHes testing the same Rating: exactly one applied, the rest 409 and without effect @PATCH-409`,
    { timeout: 60_000 },
    async () => {
      const { rating } = await read(13);
      const results = await Promise.all(
        Array.from({ length: CLIENTS }, () =>
          patch(13, [
            { op: 'test', path: '/Rating', value: rating },
            { op: 'replace', path: '/Rating', value: rating + 1 },
          ]),
        ),
      );
      const counts = count(results.map((r) => r.status));
      console.log(`race, same test op: ${JSON.stringify(counts)}`);
      assert.deepEqual(counts, { 200: 1, 409: CLIENTS - 1 });
      assert.equal((await read(13)).rating, rating + 1);
    },
  );

  test(
    `${CLIENTS} clients incrementing by read-then-PATCH (test op, If-Unmodified-Since, or both) ` +
      'lose no update and apply no blocked one @PATCH-409 @PATCH-412',
    { timeout: 60_000 },
    async () => {
      const start = (await read(15)).rating;
      const kinds = ['test + If-Unmodified-Since', 'test only', 'If-Unmodified-Since only'] as const;
      const outcomes: Array<{ kind: (typeof kinds)[number]; status: number; rating?: number }> = [];
      const client = async (i: number) => {
        const kind = kinds[i % kinds.length] as (typeof kinds)[number];
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const { rating, lastModified } = await read(15);
          const test = kind === 'If-Unmodified-Since only' ? [] : [{ op: 'test', path: '/Rating', value: rating }];
          const result = await patch(
            15,
            [...test, { op: 'replace', path: '/Rating', value: rating + 1 }],
            kind === 'test only' ? undefined : lastModified,
          );
          outcomes.push({ kind, ...result });
          if (result.status === 200) return;
        }
      };
      const t0 = Date.now();
      await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
      const applied = outcomes.filter((o) => o.status === 200);
      for (const kind of kinds) {
        const statuses = outcomes.filter((o) => o.kind === kind).map((o) => o.status);
        console.log(`race, read-then-PATCH, ${kind}: ${JSON.stringify(count(statuses))}`);
      }
      console.log(
        `race, read-then-PATCH: ${outcomes.length} PATCHes in ${Date.now() - t0} ms, ` +
          `${applied.length} applied, Rating ${start} -> ${start + applied.length}`,
      );
      assert.deepEqual(
        outcomes.filter((o) => ![200, 409, 412].includes(o.status)),
        [],
      );
      assert.ok(applied.length >= 1);
      assert.deepEqual(
        applied.map((o) => o.rating).sort((a, b) => (a ?? 0) - (b ?? 0)),
        Array.from({ length: applied.length }, (_, i) => start + 1 + i),
      );
      assert.equal((await read(15)).rating, start + applied.length);
    },
  );

  test(
    'the race is real: with If-Unmodified-Since ignored (a deviation), ' +
      'the same clients lose updates and this test sees it @PATCH-412',
    { timeout: 60_000 },
    async () => {
      running.control.setDeviations(['ignore-if-unmodified-since']);
      try {
        const start = (await read(17)).rating;
        const results = await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            const { rating, lastModified } = await read(17);
            return patch(17, [{ op: 'replace', path: '/Rating', value: rating + 1 }], lastModified);
          }),
        );
        const applied = results.filter((r) => r.status === 200).length;
        const final = (await read(17)).rating;
        console.log(
          `race, If-Unmodified-Since ignored: ${applied} applied, ` +
            `Rating ${start} -> ${final} (${start + applied - final} updates lost)`,
        );
        assert.ok(final < start + applied);
      } finally {
        running.control.setDeviations([]);
      }
    },
  );
});
