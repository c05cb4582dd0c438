/**
 * Issue 8, "the tenant under hostile input": at least 10,000 generated requests per run through
 * `inject()` (FUZZ_RUNS, default 10000 across the properties), mostly with seed users'
 * credentials so the parsers and handlers really run. Properties: no 5xx (faults are off), an
 * answer to every request within a bound, the error body on every 4xx, bodies that are what their
 * Content-Type says, bounded heap, Object.prototype untouched, and, for a batch of requests that
 * are all refused, every session exactly as before. The seed is printed; replay a failure with
 * `FUZZ_SEED=<seed> FUZZ_PATH=<path> npx tsx --test --test-name-pattern '<title>' tenant/fuzz.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { fromXml } from '../lib/xml.ts';
import { validate } from '../schemas/index.ts';
import type { Tenant } from './app.ts';
import type { TenantCore } from './control.ts';
import * as arb from './fuzz-arbitraries.ts';
import { newTenant } from './test-support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? (Date.now() ^ (Math.random() * 2 ** 32)) | 0);
const PATH = process.env.FUZZ_PATH;
const SEEDED = 500;
/** One request may take this long (a 1 MiB body on a loaded machine); longer is a hang. */
const ANSWER_WITHIN_MS = 10_000;

/** A real GC when the flag can be turned on at run time; else the heap bound is generous. */
function findGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
const gc = findGc();
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const histogram = new Map<number, number>();
let sent = 0;

/** What is wrong with an answer, or undefined. */
function problemWith(req: arb.FuzzRequest, res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} (no 5xx without injected faults): ${res.body.slice(0, 300)}`;
  if (res.body === '' || req.method === 'HEAD') return undefined;
  const type = String(res.headers['content-type'] ?? '');
  let parsed: unknown;
  try {
    if (/^(application|text)\/json(;|$)/.test(type)) parsed = JSON.parse(res.body);
    else if (/^(application|text)\/xml(;|$)/.test(type))
      parsed = fromXml(res.body, res.statusCode >= 400 ? 'ErrorBody' : undefined);
    else return `a body with Content-Type "${type}" (expected JSON or XML)`;
  } catch (err) {
    const message = (err as Error).message.slice(0, 200);
    return `the ${res.statusCode} body does not parse as its Content-Type "${type}": ${message}`;
  }
  if (res.statusCode >= 400) {
    const errors = validate('ErrorBody', parsed).errors;
    if (errors.length) return `the ${res.statusCode} body is not an ErrorBody: ${errors.join('; ')}`;
  }
  return undefined;
}

/** Sends one request, bounded in time; throws (so fast-check shrinks it) when the answer breaks a property. */
async function send(tenant: Tenant, req: arb.FuzzRequest, refusedOnly = false): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms (hang)`)), ANSWER_WITHIN_MS);
  });
  try {
    const res = await Promise.race([
      tenant.inject({
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      }),
      hang,
    ]);
    sent++;
    histogram.set(res.statusCode, (histogram.get(res.statusCode) ?? 0) + 1);
    const problem =
      problemWith(req, res) ??
      (refusedOnly && res.statusCode < 400 ? `${res.statusCode}: this request should have been refused` : undefined);
    if (problem) throw new Error(problem);
    return res;
  } finally {
    clearTimeout(timer);
  }
}

async function check(title: string, share: number, property: fc.IAsyncProperty<[arb.FuzzRequest]>): Promise<void> {
  const numRuns = Math.max(1, Math.round(RUNS * share));
  console.log(`fuzz: ${title}: ${numRuns} runs, FUZZ_SEED=${SEED}`);
  try {
    await fc.assert(property, {
      numRuns,
      seed: SEED,
      ...(PATH ? { path: PATH } : {}),
      interruptAfterTimeLimit: 120_000,
      markInterruptAsFailure: true,
    });
  } catch (err) {
    const path = /path: "([^"]*)"/.exec(String((err as Error).message))?.[1];
    const cause = (err as Error).cause as Error | undefined;
    console.log(
      `fuzz: "${title}" failed with seed ${SEED}, path ${path}: ${cause?.message ?? ''}\n` +
        `fuzz: replay with FUZZ_SEED=${SEED} FUZZ_PATH=${path}`,
    );
    throw err;
  }
}

/** Every session as stored, with its Last-Modified, and the count: what a refused request must not change. */
function snapshot(tenant: Tenant) {
  const core = tenant.control as TenantCore;
  const ids = Array.from({ length: SEEDED + 50 }, (_, i) => i + 1);
  return {
    count: core.store.size,
    sessions: ids.map((id) => [core.getSession(id), core.store.lastModified(id)?.getTime()]),
  };
}

const withHeaders = (base: Record<string, string>, ...more: Array<Record<string, string> | null>) =>
  Object.assign({}, base, ...more.filter(Boolean)) as Record<string, string>;
const ids = fc.integer({ min: 1, max: 520 });
const entityRoute = fc.oneof(
  {
    weight: 4,
    arbitrary: arb.pathId.map((id) => ({ method: 'PUT' as HTTPMethods, url: `/api/v1/ChatSession/${id}` })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<{ method: HTTPMethods; url: string }>(
      { method: 'POST', url: '/api/v1/ChatSession' },
      { method: 'POST', url: '/api/v1/Agents/Chat/SaveChatSessionEntity' },
      { method: 'POST', url: '/api/v1/Agents/Chat/PickUpChatSession' },
      { method: 'POST', url: '/api/v1/Agents/Chat/TransferChatSession' },
    ),
  },
);
/** Where the XML and hostile bodies go: an entity route, or a PATCH of a session id. */
const entityOrPatchRoute = fc.oneof(
  entityRoute,
  ids.map((id) => ({ method: 'PATCH' as HTTPMethods, url: `/api/v1/ChatSession/${id}` })),
);
const jsonType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'text/json', 'application/json; charset=utf-8') },
  { weight: 1, arbitrary: arb.extraHeaders.map((h) => h['content-type'] ?? 'application/json') },
);
const smallObjects = fc.oneof(
  arb.entityValue,
  fc.record(
    {
      ChatSessionId: fc.oneof(fc.integer({ min: 95, max: 205 }), fc.jsonValue()),
      ToAssociate: fc.constantFrom('ola', 'kari', 6, 'nobody'),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
const jsonText = fc.oneof(
  smallObjects.map((v) => JSON.stringify(v)),
  fc.json({ maxDepth: 4 }),
);

let tenant: Tenant;
let heapBefore = 0;
let rssBefore = 0;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const started = Date.now();

before(async () => {
  tenant = await newTenant({ seedSessions: SEEDED });
  heapBefore = heapMb();
  rssBefore = process.memoryUsage().rss / 2 ** 20;
});
after(() => tenant.close());

const mixed = async (req: arb.FuzzRequest) => {
  // Sessions deleted or created by earlier requests come back.
  if (sent > 0 && sent % 1000 === 0) tenant.control.reset();
  await send(tenant, req);
};

describe('the tenant under hostile input (fuzz)', () => {
  test(
    'JSON bodies: mutated reference samples and random JSON, some with invalid UTF-8, get no 5xx and readable errors',
    { timeout: 180_000 },
    () =>
      check(
        'JSON bodies',
        0.22,
        fc.asyncProperty(
          fc
            .tuple(
              entityRoute,
              arb.auth,
              jsonType,
              fc.oneof({ weight: 6, arbitrary: jsonText }, { weight: 1, arbitrary: arb.withBadUtf8(jsonText) }),
              fc.option(arb.extraHeaders, { freq: 4 }),
            )
            .map(([r, a, type, body, h]) =>
              arb.request(r.method, r.url, withHeaders(a, h, { 'content-type': type }), body),
            ),
          mixed,
        ),
      ),
  );

  test(
    'patch documents: JSON Patch (move and copy too) and merge patches, as JSON and XML, get no 5xx',
    { timeout: 180_000 },
    () => {
      const doc = fc.oneof(
        {
          weight: 3,
          arbitrary: arb.jsonPatch.map((p) => ({ body: JSON.stringify(p), type: 'application/json-patch+json' })),
        },
        { weight: 1, arbitrary: arb.jsonPatch.map((p) => ({ body: JSON.stringify(p), type: 'application/json' })) },
        {
          weight: 2,
          arbitrary: arb.mergePatch.map((p) => ({ body: JSON.stringify(p), type: 'application/merge-patch+json' })),
        },
        { weight: 1, arbitrary: arb.xmlBody.map((x) => ({ body: x, type: 'application/xml' })) },
      );
      const header = fc.option(
        fc.record({
          'if-unmodified-since': fc.oneof(
            fc.constantFrom('Sat, 01 Jun 2024 00:00:00 GMT', new Date(Date.now() + 3600_000).toUTCString()),
            arb.headerText,
          ),
        }),
        { freq: 3 },
      );
      return check(
        'patch documents',
        0.25,
        fc.asyncProperty(
          fc
            .tuple(
              fc.oneof({ weight: 6, arbitrary: ids.map(String) }, { weight: 1, arbitrary: arb.pathId }),
              arb.auth,
              doc,
              header,
            )
            .map(([id, a, d, h]) =>
              arb.request('PATCH', `/api/v1/ChatSession/${id}`, withHeaders(a, h, { 'content-type': d.type }), d.body),
            ),
          mixed,
        ),
      );
    },
  );

  test(
    'XML bodies: sample entities and patches through lib/xml.ts, random trees, garbled and invalid UTF-8, get no 5xx',
    { timeout: 180_000 },
    () => {
      const body = fc.oneof(
        { weight: 3, arbitrary: arb.xmlBody },
        { weight: 1, arbitrary: arb.withBadUtf8(arb.xmlBody) },
      );
      return check(
        'XML bodies',
        0.15,
        fc.asyncProperty(
          fc
            .tuple(
              entityOrPatchRoute,
              arb.auth,
              fc.constantFrom('application/xml', 'text/xml', 'text/xml; charset=utf-8'),
              body,
              fc.constantFrom('application/json', 'application/xml', 'text/xml'),
            )
            .map(([r, a, type, b, accept]) =>
              arb.request(r.method, r.url, withHeaders(a, { 'content-type': type, accept }), b),
            ),
          mixed,
        ),
      );
    },
  );

  test(
    'headers, $select, path ids, methods and routes, valid or not, get no 5xx and readable errors',
    { timeout: 180_000 },
    () => {
      const body = fc.option(
        fc
          .oneof(arb.entityValue, arb.mergePatch, fc.record({ ChatSessionId: fc.integer({ min: 95, max: 205 }) }))
          .map((v) => JSON.stringify(v)),
        { freq: 4 },
      );
      return check(
        'headers and routes',
        0.25,
        fc.asyncProperty(
          fc
            .tuple(arb.routeWithSelect, arb.auth, arb.extraHeaders, body)
            .map(([r, a, h, b]) =>
              arb.request(r.method, r.url, withHeaders({ 'content-type': 'application/json' }, a, h), b ?? undefined),
            ),
          mixed,
        ),
      );
    },
  );

  test(
    'hostile bodies: deep nesting, sizes around the 1 MiB limit, ' +
      'billion laughs and external entities get a 4xx or are served',
    { timeout: 180_000 },
    () => {
      return check(
        'hostile bodies',
        0.05,
        fc.asyncProperty(
          fc
            .tuple(entityOrPatchRoute, arb.goodAuth, arb.hostileBody)
            .map(([r, a, b]) => arb.request(r.method, r.url, withHeaders(a, { 'content-type': b.type }), b.payload)),
          mixed,
        ),
      );
    },
  );

  test(
    'a batch of requests that are all refused ' +
      '(bad credentials, unreadable bodies, conflicts, stale dates) changes no session',
    { timeout: 180_000 },
    async () => {
      const refused = await newTenant({ seedSessions: SEEDED });
      const mutating = fc.oneof(
        ids.map((id) => ({ method: 'PUT' as HTTPMethods, url: `/api/v1/ChatSession/${id}` })),
        ids.map((id) => ({ method: 'PATCH' as HTTPMethods, url: `/api/v1/ChatSession/${id}` })),
        fc.constantFrom<{ method: HTTPMethods; url: string }>(
          { method: 'POST', url: '/api/v1/ChatSession' },
          { method: 'POST', url: '/api/v1/Agents/Chat/SaveChatSessionEntity' },
          { method: 'POST', url: '/api/v1/Agents/Chat/PickUpChatSession' },
          { method: 'POST', url: '/api/v1/Agents/Chat/TransferChatSession' },
        ),
      );
      const stale = fc
        .date({ noInvalidDate: true, min: new Date('1970-01-01T00:00:00Z'), max: new Date('2024-05-31T23:59:59Z') })
        .map((d) => d.toUTCString());
      const refusedRequest = fc.oneof(
        fc
          .tuple(arb.routeWithSelect, arb.badAuth, fc.option(jsonText))
          .map(([r, a, b]) =>
            arb.request(r.method, r.url, withHeaders({ 'content-type': 'application/json' }, a), b ?? undefined),
          ),
        fc
          .tuple(mutating, arb.goodAuth, jsonText)
          .map(([r, a, b]) =>
            arb.request(r.method, r.url, withHeaders(a, { 'content-type': 'application/json' }), `{${b}`),
          ),
        fc
          .tuple(
            mutating,
            arb.goodAuth,
            arb.hostileBody.filter((b) => b.payload.includes('<!')),
          )
          .map(([r, a, b]) => arb.request(r.method, r.url, withHeaders(a, { 'content-type': b.type }), b.payload)),
        fc
          .tuple(
            mutating,
            arb.goodAuth,
            jsonText,
            fc.constantFrom('text/plain', 'application/octet-stream', 'text/html', 'image/png'),
          )
          .map(([r, a, b, type]) =>
            arb.request(r.method, r.url, withHeaders(a, { 'content-type': type }), b.trim() === '' ? 'x' : b),
          ),
        fc
          .tuple(ids, arb.goodAuth, arb.jsonPatch, fc.nat(), fc.constantFrom('move', 'copy'))
          .map(([id, a, ops, at, op]) =>
            arb.request(
              'PATCH',
              `/api/v1/ChatSession/${id}`,
              withHeaders(a, { 'content-type': 'application/json-patch+json' }),
              JSON.stringify(
                ops.toSpliced(at % (ops.length + 1), 0, { op, from: '/CustomerName', path: '/CustomerAlias' }),
              ),
            ),
          ),
        fc.tuple(ids, arb.goodAuth, fc.integer({ min: 0, max: 5 })).map(([id, a, r]) =>
          arb.request(
            'PATCH',
            `/api/v1/ChatSession/${id}`,
            withHeaders(a, { 'content-type': 'application/json-patch+json' }),
            JSON.stringify([
              { op: 'replace', path: '/Rating', value: r },
              { op: 'test', path: '/CustomerName', value: 'never \u0000 this' },
            ]),
          ),
        ),
        fc.tuple(ids, arb.goodAuth, stale, fc.boolean(), arb.mergePatch).map(([id, a, since, put, p]) =>
          arb.request(
            put ? 'PUT' : 'PATCH',
            `/api/v1/ChatSession/${id}`,
            withHeaders(a, {
              'content-type': put ? 'application/json' : 'application/merge-patch+json',
              'if-unmodified-since': since,
            }),
            JSON.stringify(p),
          ),
        ),
        fc
          .tuple(
            fc.constantFrom('PUT', 'PATCH', 'DELETE') as fc.Arbitrary<HTTPMethods>,
            fc.constantFrom('2147483648', '-2147483649', '1e3', 'abc', '%E0%A4%A', '1.5'),
            arb.goodAuth,
          )
          .map(([m, id, a]) =>
            arb.request(
              m,
              `/api/v1/ChatSession/${id}`,
              withHeaders(a, { 'content-type': 'application/merge-patch+json' }),
              '{"Rating":1}',
            ),
          ),
      );
      const beforeBatch = snapshot(refused);
      try {
        await check(
          'refused requests',
          0.08,
          fc.asyncProperty(refusedRequest, async (req) => void (await send(refused, req, true))),
        );
        assert.deepEqual(snapshot(refused), beforeBatch);
      } finally {
        await refused.close();
      }
    },
  );

  test('most requests reach the handlers, the heap stays bounded and Object.prototype is untouched', () => {
    const heapAfter = heapMb();
    const statuses = [...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const not401 = sent - (histogram.get(401) ?? 0);
    console.log(
      `fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}; statuses ${statuses}`,
    );
    console.log(
      `fuzz: ${((100 * not401) / sent).toFixed(1)} % not 401; ` +
        `heap ${heapBefore.toFixed(1)} MB before, ${heapAfter.toFixed(1)} MB after ` +
        `(${gc ? 'after a GC' : 'no GC available'}); ` +
        `rss ${rssBefore.toFixed(0)} -> ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
    assert.ok(sent >= RUNS, `${sent} requests sent, expected at least ${RUNS}`);
    assert.ok(not401 / sent > 0.3, `only ${not401} of ${sent} requests got past authentication`);
    assert.ok(heapAfter - heapBefore < (gc ? 64 : 200), `heap grew by ${(heapAfter - heapBefore).toFixed(1)} MB`);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoBefore);
  });
});
