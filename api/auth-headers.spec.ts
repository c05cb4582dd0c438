/**
 * Every documented request header on every route: the four auth schemes, refusal without (or
 * with wrong) credentials, SO-AppToken, the language headers, SO-TimeZone, and the response
 * Content-Type.
 */
import { appTokenHeader, config, expect, expectEntity, expectError, test } from './fixtures.ts';
import type { AuthConfig } from '../lib/config.ts';
import type { Entity } from './support/api.ts';
import { routeProbes } from './support/routes.ts';
import { primaryCredentials, schemes, wrongCredentials } from './support/users.ts';

const tagOf = { basic: '@AUTH-BASIC', soticket: '@AUTH-SOTICKET', bearer: '@AUTH-BEARER', xsrf: '@AUTH-XSRF' } as const;
const leakable = ['CustomerName', 'CustomerEmail', 'CustomerPhone', 'SessionKey', 'FirstMessage'] as const;

/** Every access-right reason in a body: the table's and each field's. */
function reasons(body: Entity | null): string[] {
  const b = body as
    (Entity & { FieldProperties?: Record<string, { FieldRight?: { Reason?: string } | null }> | null }) | null;
  const fields = Object.values(b?.FieldProperties ?? {}).map((f) => f.FieldRight?.Reason);
  return [b?.TableRight?.Reason, ...fields].filter((r): r is string => typeof r === 'string' && r !== '');
}

/** `2024-01-15T12:00:00` (UTC) as the wall time of a zone that is `hours` ahead. */
const shifted = (utc: string, hours: number) =>
  new Date(Date.parse(`${utc}Z`) + hours * 3_600_000).toISOString().slice(0, 19);

for (const route of routeProbes(config)) {
  test.describe(route.title, () => {
    test.skip(!!route.skip, route.skip);

    for (const scheme of schemes) {
      test(`accepts ${scheme} credentials ${tagOf[scheme]}`, async ({ apiAs, sessions }) => {
        const auth = primaryCredentials(config, scheme);
        test.skip(
          !auth,
          `this live run is configured for ${config.auth.scheme}; other schemes need their own credentials`,
        );
        const session = await sessions.create(route.seed);
        const reply = await route.send(await apiAs(auth ?? null, appTokenHeader()), session);
        expect(expectEntity(reply, route.schema).ChatSessionId).toBe(session.ChatSessionId);
      });
    }

    const refusals: Array<{ name: string; auth: () => AuthConfig | null; extra: Record<string, string> }> = [
      { name: 'no credentials', auth: () => null, extra: {} },
      ...schemes.map((scheme) => ({
        name: `a wrong ${scheme} credential`,
        auth: () => wrongCredentials(config, scheme),
        extra: {},
      })),
      {
        name: 'an X-XSRF-TOKEN that differs from its cookie',
        auth: () => null,
        extra: { 'X-XSRF-TOKEN': 'xsrf-header-value', Cookie: 'XSRF-TOKEN=another-cookie-value' },
      },
    ];
    for (const refusal of refusals) {
      test(`refuses ${refusal.name} with 401 and leaks no entity data @AUTH-NONE`, async ({ apiAs, sessions }) => {
        const session = await sessions.create(route.seed);
        const reply = await route.send(await apiAs(refusal.auth(), refusal.extra), session);
        expectError(reply, 401);
        expect(reply.headers['www-authenticate'], 'WWW-Authenticate').toBeTruthy();
        // A value of 3 characters or fewer (an empty SessionKey, say) would be found anywhere.
        const values = leakable
          .map((field) => [field, String(session[field])] as const)
          .filter(([, value]) => value.length > 3);
        expect(values.length, 'the session has distinctive values to look for').toBeGreaterThan(2);
        for (const [field, value] of values) expect(reply.text, `body leaks ${field}`).not.toContain(value);
        expect(await sessions.read(session.ChatSessionId)).toEqual(session);
      });
    }

    test('serves a request that carries SO-AppToken @APP-TOKEN', async ({ apiAs, sessions }) => {
      test.skip(
        config.target === 'live' && !config.appToken,
        'set SO_APP_TOKEN to check a live tenant with the partner app token',
      );
      const session = await sessions.create(route.seed);
      const reply = await route.send(
        await apiAs(config.auth, { 'SO-AppToken': config.appToken ?? 'api-suite-app-token' }),
        session,
      );
      expectEntity(reply, route.schema);
    });

    test('answers application/json with charset utf-8 by default @ACCEPT-JSON', async ({ api, sessions }) => {
      const reply = await route.send(api, await sessions.create(route.seed));
      expectEntity(reply, route.schema);
      expect(reply.contentType.replace(/\s/g, '').toLowerCase()).toBe('application/json;charset=utf-8');
    });

    const multi = 'NO:"Leverandør";US:"Supplier";SE:"Leverantör"';
    const langSeed = { ...route.seed, values: { ...route.seed.values, CustomerCompanyName: multi } };

    test('leaves texts raw without a language and translates them with Accept-Language @LANG-ACCEPT', async ({
      api,
      sessions,
    }) => {
      const raw = expectEntity(await route.send(api, await sessions.create(langSeed)), route.schema);
      const english = expectEntity(
        await route.send(api, await sessions.create(langSeed), { acceptLanguage: 'en' }),
        route.schema,
      );
      expect(raw.CustomerCompanyName, 'multi-language value without a language').toBe(multi);
      expect(english.CustomerCompanyName, 'multi-language value with Accept-Language: en').toBe('Supplier');
      if (config.target === 'embedded')
        expect(
          reasons(raw).some((r) => /^\[SR_[A-Z0-9_]+\]$/.test(r)),
          `reasons without a language: ${JSON.stringify(reasons(raw))}`,
        ).toBe(true);
      expect(
        reasons(english).filter((r) => r.startsWith('[SR_')),
        'resource ids left with Accept-Language: en',
      ).toEqual([]);
    });

    test('lets SO-Language override Accept-Language @LANG-SO', async ({ api, sessions }) => {
      const texts = (b: Entity) => [b.CustomerCompanyName, ...reasons(b)];
      const english = texts(
        expectEntity(await route.send(api, await sessions.create(langSeed), { acceptLanguage: 'en' }), route.schema),
      );
      const norwegian = texts(
        expectEntity(await route.send(api, await sessions.create(langSeed), { soLanguage: 'no' }), route.schema),
      );
      const both = texts(
        expectEntity(
          await route.send(api, await sessions.create(langSeed), { acceptLanguage: 'en', soLanguage: 'no' }),
          route.schema,
        ),
      );
      expect(norwegian[0], 'SO-Language: no').toBe('Leverandør');
      expect(both, 'Accept-Language: en with SO-Language: no').toEqual(norwegian);
      expect(both).not.toEqual(english);
    });

    test('ignores SO-Culture when no language is set and keeps JSON dates ISO with one @LANG-CULTURE', async ({
      api,
      sessions,
    }) => {
      const plain = expectEntity(await route.send(api, await sessions.create(langSeed)), route.schema);
      const cultureOnly = expectEntity(
        await route.send(api, await sessions.create(langSeed), { soCulture: 'de' }),
        route.schema,
      );
      const withLanguage = expectEntity(
        await route.send(api, await sessions.create(langSeed), { soCulture: 'de', acceptLanguage: 'en' }),
        route.schema,
      );
      expect([cultureOnly.CustomerCompanyName, ...reasons(cultureOnly)], 'SO-Culture alone').toEqual([
        plain.CustomerCompanyName,
        ...reasons(plain),
      ]);
      expect(withLanguage.WhenRequested).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    });

    const zones = [
      { zone: 'UTC', winter: 0, summer: 0 },
      { zone: 'Europe/Oslo', winter: 1, summer: 2 },
      { zone: '+05:30', winter: 5.5, summer: 5.5 },
    ] as const;
    for (const { zone, winter, summer } of zones) {
      test(`converts When* values to SO-TimeZone ${zone}, written without an offset @TZ-CONVERT`, async ({
        api,
        sessions,
      }) => {
        const session = await sessions.create({
          ...route.seed,
          values: { ...route.seed.values, WhenRequested: '2024-01-15T12:00:00', WhenEnded: '2024-07-15T12:00:00' },
        });
        const body = expectEntity(await route.send(api, session, { soTimeZone: zone }), route.schema);
        expect(body).toMatchObject({
          WhenRequested: shifted('2024-01-15T12:00:00', winter),
          WhenEnded: shifted('2024-07-15T12:00:00', summer),
        });
      });
    }
  });
}
