import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { body, call, session, useTenant } from './test-support.ts';
import { cachedFormatters, fromRequest, resolveZone, toZone } from './timezone.ts';

const tenant = useTenant();

type Rights = {
  TableRight: { Reason: string };
  FieldProperties: { ChatSessionId: { FieldRight: { Reason: string } } };
  CustomerCompanyName: string;
};
const reasons = async (id: number, headers: Record<string, string>) => {
  const e = body<Rights>(await call(tenant(), 'GET', session(id), { headers }));
  return [e.TableRight.Reason, e.FieldProperties.ChatSessionId.FieldRight.Reason, e.CustomerCompanyName];
};

describe('languages', () => {
  test('writes resource ids and raw multi-language values when no language is set @LANG-ACCEPT', async () => {
    assert.deepEqual(await reasons(3, {}), [
      '',
      '[SR_FIELD_READONLY_PRIMARY_KEY]',
      'NO:"Leverandør";US:"Supplier";SE:"Leverantör"',
    ]);
    assert.equal((await reasons(200, {}))[0], '[SR_ACCESS_CHATSESSION_NOT_OWNER]');
  });

  test('Accept-Language translates resource ids and multi-language values @LANG-ACCEPT', async () => {
    assert.deepEqual(await reasons(3, { 'Accept-Language': 'en-US,en;q=0.9' }), [
      '',
      'The primary key cannot be changed',
      'Supplier',
    ]);
    assert.equal((await reasons(200, { 'Accept-Language': 'sv' }))[0], 'Chattsessionen tillhör en annan användare');
  });

  test('SO-Language wins over Accept-Language @LANG-SO', async () => {
    assert.deepEqual(await reasons(3, { 'Accept-Language': 'en', 'SO-Language': 'no' }), [
      '',
      'Primærnøkkelen kan ikke endres',
      'Leverandør',
    ]);
  });

  test('SO-Language: * turns translation off @LANG-SO', async () => {
    assert.equal(
      (await reasons(3, { 'Accept-Language': 'en', 'SO-Language': '*' }))[1],
      '[SR_FIELD_READONLY_PRIMARY_KEY]',
    );
  });

  test('SO-Culture without a language changes nothing @LANG-CULTURE', async () => {
    const plain = (await call(tenant(), 'GET', session(3))).body;
    assert.equal((await call(tenant(), 'GET', session(3), { headers: { 'SO-Culture': 'de' } })).body, plain);
  });
});

describe('SO-TimeZone', () => {
  const when = async (headers: Record<string, string>) =>
    body(await call(tenant(), 'GET', session(1), { headers })).WhenRequested;

  test('writes UTC without an offset by default and for UTC @TZ-CONVERT', async () => {
    assert.equal(await when({}), '2024-03-01T08:10:00');
    assert.equal(await when({ 'SO-TimeZone': 'UTC' }), '2024-03-01T08:10:00');
  });

  test('converts to a fixed-offset zone @TZ-CONVERT', async () => {
    assert.equal(await when({ 'SO-TimeZone': '+05:30' }), '2024-03-01T13:40:00');
    assert.equal(await when({ 'SO-TimeZone': 'UTC-3' }), '2024-03-01T05:10:00');
  });

  test('converts to a zone with daylight saving time, by IANA name or code @TZ-CONVERT', async () => {
    assert.equal(await when({ 'SO-TimeZone': 'Europe/Oslo' }), '2024-03-01T09:10:00');
    assert.equal(await when({ 'SO-TimeZone': 'NO, includeTZOffset' }), '2024-03-01T09:10:00+01:00');
    const oslo = resolveZone('Europe/Oslo')!;
    assert.equal(toZone('2024-07-01T12:00:00.1234567', oslo), '2024-07-01T14:00:00.1234567');
    assert.equal(fromRequest('2024-07-01T14:00:00', oslo), '2024-07-01T12:00:00');
    assert.equal(fromRequest('2024-07-01T14:00:00+02:00', undefined), '2024-07-01T12:00:00');
  });

  test('converts the unset date too, by the standard offset and never before year 1 @TZ-CONVERT', async () => {
    const whenEnded = async (zone: string) =>
      body(await call(tenant(), 'GET', session(1), { headers: { 'SO-TimeZone': zone } })).WhenEnded;
    assert.equal(await whenEnded('NO, includeTZOffset'), '0001-01-01T01:00:00+01:00');
    assert.equal(await whenEnded('Europe/Oslo'), '0001-01-01T01:00:00');
    assert.equal(await whenEnded('US-NY'), '0001-01-01T00:00:00');
    assert.equal(fromRequest('0001-01-01T01:00:00', resolveZone('NO')), '0001-01-01T00:00:00');
  });

  test(
    'reads naive request date-times in the requested zone, ' + 'so a round trip keeps the instant @TZ-CONVERT',
    async () => {
      await call(tenant(), 'PUT', session(70), {
        body: { WhenIdle: '2024-07-01T14:00:00' },
        headers: { 'SO-TimeZone': 'Europe/Oslo' },
      });
      assert.equal(tenant().control.getSession(70)?.WhenIdle, '2024-07-01T12:00:00');
    },
  );

  test('keeps one formatter per zone however a client spells its case, so memory stays bounded @TZ-CONVERT', () => {
    resolveZone('Europe/Oslo');
    const cached = cachedFormatters();
    const spellings = Array.from({ length: 256 }, (_, n) =>
      [...'Europe/Oslo'].map((c, i) => ((n >> (i % 8)) & 1 ? c.toUpperCase() : c.toLowerCase())).join(''),
    );
    for (const spelling of spellings)
      assert.equal(toZone('2024-07-01T12:00:00', resolveZone(spelling)!), '2024-07-01T14:00:00');
    assert.equal(cachedFormatters(), cached);
    for (const zone of Intl.supportedValuesOf('timeZone')) resolveZone(zone);
    assert.ok(cachedFormatters() <= 1000);
  });

  test('answers 400 for a zone it does not know, changing nothing @TZ-CONVERT', async () => {
    const res = await call(tenant(), 'PUT', session(71), {
      body: { Rating: 1 },
      headers: { 'SO-TimeZone': 'Mars/Olympus' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(tenant().control.getSession(71)?.Rating, 0);
  });
});
