/**
 * The prepared entity answers (prepared.ts): the composed JSON is byte for byte what present() and
 * JSON.stringify write, and no cached part is ever served stale or to the wrong caller, origin,
 * `$select`, zone, language or deviation mode.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { ChatSessionEntity } from '../schemas/index.ts';
import { activate, type ModeName } from './deviations.ts';
import { entityValue } from './fuzz-arbitraries.ts';
import { present, type Shape, type ViewContext } from './present.ts';
import { preparedJson } from './prepared.ts';
import { seedSession } from './seed.ts';
import { deepFreeze } from './state.ts';
import { resolveZone } from './timezone.ts';
import { allModesOff, body, call, session, user, useTenant, type UserName } from './test-support.ts';

const users: UserName[] = ['tje0', 'ola', 'kari'];
const context = (caller: UserName, origin: string, more: Partial<ViewContext> = {}): ViewContext => ({
  caller: user(caller),
  origin,
  select: undefined,
  zone: undefined,
  language: undefined,
  hooks: activate([]),
  ...more,
});
const presented = (entity: ChatSessionEntity, shape: Shape, ctx: ViewContext) =>
  JSON.stringify(present(entity, shape, ctx));

describe('prepared entity answers', () => {
  test('are JSON.stringify(present()) byte for byte, for every caller, shape and origin @ENTITY-LINKS', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom(...users),
        fc.constantFrom<Shape>('links', 'rights'),
        fc.constantFrom('http://127.0.0.1:3777', 'https://tenant.example', 'http://[::1]:8080'),
        fc.boolean(),
        (id, caller, shape, origin, frozen) => {
          const entity = frozen ? deepFreeze(seedSession(id)) : seedSession(id);
          const ctx = context(caller, origin);
          assert.equal(preparedJson(entity, shape, ctx), presented(entity, shape, ctx));
          // The second call may come from the cache: still the same bytes.
          assert.equal(preparedJson(entity, shape, ctx), presented(entity, shape, ctx));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('are the same bytes for odd entities (extra, re-cased, retyped fields) or left to present @ENTITY-SHAPE', () => {
    let compared = 0;
    fc.assert(
      fc.property(entityValue, fc.integer({ min: 1, max: 500 }), fc.constantFrom(...users), (value, id, caller) => {
        // As control.createSession builds them: the seed plus overrides, with no check on extra properties.
        const entity = deepFreeze({ ...seedSession(id), ...value }) as unknown as ChatSessionEntity;
        const ctx = context(caller, 'http://127.0.0.1:1');
        let expected: string;
        try {
          expected = presented(entity, 'links', ctx);
        } catch {
          assert.throws(() => preparedJson(entity, 'links', ctx));
          return;
        }
        const text = preparedJson(entity, 'links', ctx);
        if (text === undefined) return;
        assert.equal(text, expected);
        compared++;
      }),
      { numRuns: 300 },
    );
    assert.ok(compared > 100, `only ${compared} of 300 compared`);
  });

  test('leave an entity with TableRight, FieldProperties or _Links of its own to present() @ENTITY-LINKS', () => {
    for (const own of ['TableRight', 'FieldProperties', '_Links'])
      assert.equal(preparedJson({ ...seedSession(1), [own]: 'x' }, 'links', context('tje0', 'http://h')), undefined);
  });

  test('are not used when $select, SO-TimeZone, a language or a body hook shapes the answer @SELECT-FIELDS', () => {
    const entity = deepFreeze(seedSession(1));
    const zone = resolveZone('NO');
    const bodyModes: ModeName[] = ['drop-property', 'wrong-type', 'no-links', 'reordered-properties', 'more-links'];
    for (const more of [
      { select: ['CustomerName'] },
      { zone },
      { language: 'en' },
      ...bodyModes.map((m) => ({ hooks: activate([m]) })),
    ])
      assert.equal(preparedJson(entity, 'links', context('tje0', 'http://h', more)), undefined, JSON.stringify(more));
    // Modes that change headers, text or rules leave the body to the prepared path.
    assert.notEqual(
      preparedJson(entity, 'links', context('tje0', 'http://h', { hooks: activate(['gzip']) })),
      undefined,
    );
  });
});

describe('cached answers over HTTP (inject)', () => {
  const tenant = useTenant({ beforeEach: allModesOff });

  const sample = { CustomerName: 'Put by tje0', User: null };

  test('a PUT by one user, then a GET by another: the other one gets its own right @ENTITY-LINKS', async () => {
    const put = await call(tenant(), 'PUT', session(40), { body: { ...sample, User: { AssociateId: 5 } } });
    assert.deepEqual(body(put).TableRight, { Mask: 'FULL', Reason: '' });
    const asOla = body(await call(tenant(), 'GET', session(40), { as: 'ola' }));
    assert.deepEqual(asOla.TableRight, { Mask: 'URI', Reason: '[SR_ACCESS_CHATSESSION_NOT_OWNER]' });
    assert.equal(asOla.CustomerName, 'Put by tje0');
    const asTje0 = body(await call(tenant(), 'GET', session(40)));
    assert.deepEqual(asTje0.TableRight, { Mask: 'FULL', Reason: '' });
  });

  test('$select variants after a cached read each get their own answer @SELECT-FIELDS', async () => {
    const full = body(await call(tenant(), 'GET', session(41)));
    assert.equal(full.CustomerName, 'Customer 41');
    const one = body(await call(tenant(), 'GET', `${session(41)}?$select=CustomerName`));
    assert.deepEqual([one.CustomerName, one.CustomerEmail, one.TableRight], ['Customer 41', null, null]);
    const other = body(await call(tenant(), 'GET', `${session(41)}?$select=customeremail`));
    assert.deepEqual([other.CustomerName, other.CustomerEmail], [null, 'customer41@example.com']);
    assert.deepEqual(body(await call(tenant(), 'GET', session(41))), full);
  });

  test('a change between two reads is seen by the second (PUT, PATCH, admin, reset) @PATCH-200', async () => {
    const read = async () => body(await call(tenant(), 'GET', session(42))).CustomerName;
    assert.equal(await read(), 'Customer 42');
    await call(tenant(), 'PUT', session(42), { body: { CustomerName: 'After PUT' } });
    assert.equal(await read(), 'After PUT');
    await call(tenant(), 'PATCH', session(42), {
      body: [{ op: 'replace', path: '/CustomerName', value: 'After PATCH' }],
    });
    assert.equal(await read(), 'After PATCH');
    tenant().control.createSession({ ChatSessionId: 42, CustomerName: 'After admin' });
    assert.equal(await read(), 'After admin');
    tenant().control.reset();
    assert.equal(await read(), 'Customer 42');
  });

  test('a deviation switched on at run time changes the next answer, and off again @ENTITY-SHAPE', async () => {
    const before = body(await call(tenant(), 'GET', session(43)));
    assert.equal(before.CustomerEmail, 'customer43@example.com');
    tenant().control.setDeviations(['drop-property', 'no-links']);
    const broken = body(await call(tenant(), 'GET', session(43)));
    assert.deepEqual(['CustomerEmail' in broken, '_Links' in broken], [false, false]);
    tenant().control.setDeviations(['xml-when-json']);
    assert.match(String((await call(tenant(), 'GET', session(43))).headers['content-type']), /xml/);
    tenant().control.setDeviations([]);
    assert.deepEqual(body(await call(tenant(), 'GET', session(43))), before);
  });

  test(
    'a prepared PUT answer is still rewritten, compressed or streamed ' + 'by the modes that do so @ENTITY-SHAPE',
    async () => {
      const plain = await call(tenant(), 'PUT', session(44), { body: sample });
      assert.equal(plain.headers['content-length'], String(Buffer.byteLength(plain.body)));
      tenant().control.setDeviations(['pretty-json']);
      const pretty = await call(tenant(), 'PUT', session(44), { body: sample });
      assert.match(pretty.body, /^\{\n {2}"ChatSessionId": 44,/);
      assert.deepEqual(body(pretty), body(plain));
      tenant().control.setDeviations(['gzip']);
      const gzipped = await call(tenant(), 'PUT', session(44), {
        body: sample,
        headers: { 'accept-encoding': 'gzip' },
      });
      assert.equal(gzipped.headers['content-encoding'], 'gzip');
      assert.deepEqual(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8')), body(plain));
      tenant().control.setDeviations(['chunked']);
      const chunked = await call(tenant(), 'PUT', session(44), { body: sample });
      assert.equal(chunked.headers['content-length'], undefined);
      assert.deepEqual(body(chunked), body(plain));
    },
  );

  test('language, SO-TimeZone and the Host after a cached read each shape their own answer @LANG-SO', async () => {
    await call(tenant(), 'GET', session(240));
    const translated = body(await call(tenant(), 'GET', session(240), { headers: { 'so-language': 'en' } }));
    assert.deepEqual(translated.TableRight, { Mask: 'URI', Reason: 'The chat session belongs to another user' });
    const zoned = body(await call(tenant(), 'GET', session(240), { headers: { 'so-timezone': 'NO' } }));
    assert.equal(zoned.WhenRequested, '2024-03-03T01:00:00');
    const other = body(await call(tenant(), 'GET', session(240), { headers: { host: 'other.example:81' } }));
    assert.equal((other._Links as Record<string, string>).Self, 'http://other.example:81/api/v1/ChatSession/240');
    const plain = body(await call(tenant(), 'GET', session(240)));
    assert.deepEqual(
      [plain.WhenRequested, (plain.TableRight as Record<string, string>).Reason],
      ['2024-03-03T00:00:00', '[SR_ACCESS_CHATSESSION_NOT_OWNER]'],
    );
    assert.equal((plain._Links as Record<string, string>).Self, 'http://localhost:80/api/v1/ChatSession/240');
  });
});
