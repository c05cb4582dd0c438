/**
 * Every documented request header on every route: the four auth schemes, refusal without (or
 * with wrong) credentials, SO-AppToken, the language headers, SO-TimeZone, and the response
 * Content-Type.
 */
import {
  appTokenHeader,
  config,
  entityOf,
  errorBody,
  expect,
  forEachTenant,
  observe,
  shape,
  test,
} from './fixtures.ts';
import type { AuthConfig } from '../lib/config.ts';
import type { ApiResponse, CallOptions, ChatSessionClient, Entity } from '../lib/client.ts';
import { routeProbes } from './support/routes.ts';
import type { Sessions } from './support/sessions.ts';
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

forEachTenant(() => {
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
          expect(shape(entityOf(reply), ['ChatSessionId']).ChatSessionId).toBe(session.ChatSessionId);
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
        // The pages do not say how a call without valid credentials is refused: all of it is assumed.
        test(`refuses ${refusal.name} with 401 and leaks no entity data @AUTH-NONE`, async ({ apiAs, sessions }) => {
          const session = await sessions.create(route.seed);
          const reply = await route.send(await apiAs(refusal.auth(), refusal.extra), session);
          // one row per behaviour in the report: the checks that saw it name the route and the credentials
          observe({
            clause: 'AUTH-NONE',
            what: 'status without valid credentials',
            actual: reply.status,
            reference: 401,
          });
          observe({
            clause: 'AUTH-NONE',
            what: 'WWW-Authenticate without valid credentials',
            actual: reply.headers['www-authenticate'] ? 'a challenge' : 'none',
            reference: 'a challenge',
          });
          errorBody('AUTH-NONE', reply);
          // A value of 3 characters or fewer (an empty SessionKey, say) would be found anywhere.
          const values = leakable
            .map((field) => [field, String(session[field])] as const)
            .filter(([, value]) => value.length > 3);
          expect(values.length, 'the session has distinctive values to look for').toBeGreaterThan(2);
          const leaked = values.filter(([, value]) => reply.text.includes(value)).map(([field]) => field);
          observe({ clause: 'AUTH-NONE', what: 'entity data in the refusal', actual: leaked, reference: [] });
          const after = await sessions.read(session.ChatSessionId);
          observe({
            clause: 'AUTH-NONE',
            what: 'the session after a refused call',
            actual: JSON.stringify(after) === JSON.stringify(session) ? 'unchanged' : 'changed',
            reference: 'unchanged',
          });
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
        entityOf(reply);
      });

      test('answers application/json by default @ACCEPT-JSON', async ({ api, sessions }) => {
        const reply = await route.send(api, await sessions.create(route.seed));
        entityOf(reply);
        const [type, ...params] = reply.contentType
          .toLowerCase()
          .split(';')
          .map((p) => p.trim());
        expect(type, 'Content-Type').toBe('application/json');
        // How the answer travels is the tenant's business: recorded so a partner sees it.
        const notes = [
          ['charset', params.find((p) => p.startsWith('charset='))?.slice(8) ?? 'none', 'utf-8'],
          ['Content-Encoding', reply.headers['content-encoding'] ?? 'none', 'none'],
          ['framing', reply.headers['content-length'] ? 'Content-Length' : 'chunked', 'Content-Length'],
          ['cookies set', cookieNames(reply.headers['set-cookie']), 'none'],
        ] as const;
        for (const [what, actual, reference] of notes)
          observe({ clause: 'ACCEPT-JSON', what: `${what} of the answer`, actual, reference, kind: 'note' });
      });

      const multi = 'NO:"Leverandør";US:"Supplier";SE:"Leverantör"';
      const langSeed = { ...route.seed, values: { ...route.seed.values, CustomerCompanyName: multi } };
      /** The texts of the route's answer for a new session whose company name is in three languages. */
      const inLanguages = async (api: ChatSessionClient, sessions: Sessions, call?: CallOptions) =>
        text(await route.send(api, await sessions.create(langSeed), call));

      test('leaves texts raw without a language and translates them with Accept-Language @LANG-ACCEPT', async ({
        api,
        sessions,
      }) => {
        const raw = await inLanguages(api, sessions);
        const english = await inLanguages(api, sessions, { acceptLanguage: 'en' });
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
        const english = texts(await inLanguages(api, sessions, { acceptLanguage: 'en' }));
        const norwegian = texts(await inLanguages(api, sessions, { soLanguage: 'no' }));
        const both = texts(await inLanguages(api, sessions, { acceptLanguage: 'en', soLanguage: 'no' }));
        expect(norwegian[0], 'SO-Language: no').toBe('Leverandør');
        expect(both, 'Accept-Language: en with SO-Language: no').toEqual(norwegian);
        expect(both).not.toEqual(english);
      });

      test('ignores SO-Culture when no language is set and keeps JSON dates ISO with one @LANG-CULTURE', async ({
        api,
        sessions,
      }) => {
        const plain = await inLanguages(api, sessions);
        const cultureOnly = await inLanguages(api, sessions, { soCulture: 'de' });
        const withLanguage = await inLanguages(api, sessions, { soCulture: 'de', acceptLanguage: 'en' });
        expect([cultureOnly.CustomerCompanyName, ...reasons(cultureOnly)], 'SO-Culture alone').toEqual([
          plain.CustomerCompanyName,
          ...reasons(plain),
        ]);
        expect(shape(withLanguage, ['WhenRequested']).WhenRequested).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
      });

      const zones = [
        { zone: 'UTC', winter: 0, summer: 0 },
        { zone: 'Europe/Oslo', winter: 1, summer: 2 },
        { zone: '+05:30', winter: 5.5, summer: 5.5 },
      ] as const;
      for (const { zone, winter, summer } of zones) {
        test(`converts When* values to SO-TimeZone ${zone} @TZ-CONVERT`, async ({ api, sessions }) => {
          const session = await sessions.create({
            ...route.seed,
            values: { ...route.seed.values, WhenRequested: '2024-01-15T12:00:00', WhenEnded: '2024-07-15T12:00:00' },
          });
          const body = shape(entityOf(await route.send(api, session, { soTimeZone: zone })), [
            'WhenRequested',
            'WhenEnded',
          ]);
          const requested = inZone(body.WhenRequested as string);
          const ended = inZone(body.WhenEnded as string);
          expect({ requested: requested.wall, ended: ended.wall }, 'wall times in the zone').toEqual({
            requested: shifted('2024-01-15T12:00:00', winter),
            ended: shifted('2024-07-15T12:00:00', summer),
          });
          // an offset may be written (FACTS: `, includeTZOffset`); if it is, it must be the zone's own
          for (const [value, hours] of [
            [requested, winter],
            [ended, summer],
          ] as const)
            if (value.offsetMinutes !== undefined)
              expect(value.offsetMinutes, `offset of ${value.text}`).toBe(hours * 60);
          observe({
            clause: 'TZ-CONVERT',
            what: 'date-times under SO-TimeZone',
            actual: requested.offsetMinutes === undefined ? 'without an offset' : 'with an offset',
            reference: 'without an offset',
            kind: 'note',
          });
        });
      }
    });
  }
});

/** A date-time's wall time and, when it has one, its offset in minutes (`Z` is 0). */
function inZone(text: string): { text: string; wall: string; offsetMinutes?: number } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return { text, wall: text };
  const [, wall, offset] = m as unknown as [string, string, string | undefined];
  if (offset === undefined) return { text, wall };
  if (offset === 'Z') return { text, wall, offsetMinutes: 0 };
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return { text, wall, offsetMinutes: offset.startsWith('-') ? -minutes : minutes };
}

/** The names of the cookies a Set-Cookie header sets (never their values, which may be secrets). */
function cookieNames(header: string | undefined): string {
  if (!header) return 'none';
  const names = header.split('\n').map((c) => c.split('=')[0]?.trim() ?? '');
  return names.filter(Boolean).sort().join(', ') || 'none';
}

/** An entity answer for a check of its texts: 200 and the texts it reads there. */
function text(reply: ApiResponse<unknown>): Entity {
  return shape(entityOf(reply), ['CustomerCompanyName']) as unknown as Entity;
}
