/**
 * The shortcuts on the PUT path (issue 16) answer exactly what the long way does: a date-time
 * already in the stored form, a carrier already in the schema's spelling, an Accept header seen
 * before, and the API hooks bound to each route when it is added (HEAD too, counted once).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cachedFormats, chooseFormat } from './negotiate.ts';
import { fromRequest, isStoredForm } from './timezone.ts';
import { body, call, session, useTenant } from './test-support.ts';

/** fromRequest() without a zone as it was before the shortcut: the regex, then Date. */
function slowFromRequest(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  if (Number(m[1]) < 1000) return '0001-01-01T00:00:00';
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().slice(0, 19);
}

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));

describe('the PUT path shortcuts', () => {
  test(
    'a date-time in the stored form comes back as the long way writes it, ' + 'odd days and hours too @TZ-CONVERT',
    () => {
      const shaped = fc
        .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2))
        .map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}`);
      fc.assert(
        fc.property(shaped, (value) => {
          assert.equal(fromRequest(value, undefined), slowFromRequest(value));
          if (isStoredForm(value)) assert.equal(slowFromRequest(value), value);
        }),
        { numRuns: 3000 },
      );
      for (const value of ['2024-02-29T23:59:59', '2023-02-29T00:00:00', '2024-13-01T00:00:00', '2024-04-31T00:00:00'])
        assert.equal(fromRequest(value, undefined), slowFromRequest(value), value);
      assert.equal(isStoredForm('2024-02-29T23:59:59'), true);
      assert.equal(isStoredForm('2023-02-29T00:00:00'), false);
      assert.equal(isStoredForm('2024-06-01T24:00:00'), false);
      assert.equal(isStoredForm('2024-06-01T08:30:00Z'), false);
    },
  );

  test(
    'an Accept header seen before gets the format it got the first time, ' + 'and the cache stays bounded @ACCEPT-XML',
    () => {
      assert.equal(chooseFormat('application/xml').kind, 'xml');
      for (let i = 0; i < 1500; i++) chooseFormat(`application/x-${i}, text/json;q=0.5`);
      assert.ok(cachedFormats() <= 1000, `${cachedFormats()} cached`);
      assert.equal(chooseFormat('application/xml').kind, 'xml');
      assert.equal(chooseFormat('application/x-7, text/json;q=0.5').contentType, 'text/json; charset=utf-8');
      assert.equal(chooseFormat(undefined).kind, 'json');
    },
  );
});

describe('over HTTP (inject)', () => {
  const tenant = useTenant();

  test('a carrier in the schema spelling and one in camelCase store the same session @PUT-200', async () => {
    tenant().control.reset();
    const canonical = { User: { AssociateId: 5 }, Person: { PersonId: 1001, Firstname: 'Kari', Lastname: 'Nordmann' } };
    const camel = { user: { associateId: 5 }, person: { personId: 1001, firstname: 'Kari', lastName: 'Nordmann' } };
    const a = body(await call(tenant(), 'PUT', session(10), { body: canonical }));
    tenant().control.reset();
    const b = body(await call(tenant(), 'PUT', session(10), { body: camel }));
    assert.deepEqual(b, a);
    assert.deepEqual(a.Person, canonical.Person);
    assert.equal((a.User as Record<string, unknown>).Name, 'TJE0');
    const withExtra = { Person: { PersonId: 1001, tableRight: { Mask: 'FULL' } } };
    const c = body(await call(tenant(), 'PUT', session(12), { body: withExtra }));
    assert.deepEqual(Object.keys(c.Person as object), ['PersonId']);
  });

  test(
    'every API call is counted once under its route key, HEAD under GET; ' + 'admin and unknown routes never @PUT-SLOW',
    async () => {
      tenant().control.reset();
      await call(tenant(), 'GET', session(1));
      await call(tenant(), 'HEAD', session(1));
      await call(tenant(), 'PUT', session(1), { body: { Rating: 2 } });
      await call(tenant(), 'GET', '/api/v1/NoSuchThing');
      await tenant().inject({ method: 'GET', url: '/_admin/state', headers: { 'x-admin-token': 'local-admin-token' } });
      const counters = tenant().control.counters();
      assert.deepEqual([counters.GET.requests, counters.PUT.requests, counters.OTHER.requests], [2, 1, 0]);
    },
  );

  test('a refused call is still counted, and answered 401 from the route hook @AUTH-NONE', async () => {
    tenant().control.reset();
    const res = await call(tenant(), 'PUT', session(1), { as: null, body: { Rating: 2 } });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /Basic/);
    assert.equal(tenant().control.counters().PUT.requests, 1);
  });
});
