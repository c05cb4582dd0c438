/**
 * The entity as every route answers it: the 31 documented properties with their documented types
 * (ENTITY-SHAPE), and on PUT and PATCH the rights and links ChatSessionEntityWithLinks adds
 * (ENTITY-LINKS). These are the only checks that judge the whole entity; every other check reads
 * just the properties it is about (support/checks.ts), so a broken shape fails this clause once.
 */
import { validateProperty } from '../schemas/index.ts';
import { config, documented, entityOf, expect, forEachTenant, linkParts, observe, test } from './fixtures.ts';
import { shapeProblems } from './support/checks.ts';
import { routeProbes } from './support/routes.ts';

type Body = Record<string, unknown>;

/** What the reference tenant writes beside the 31 (PickUp and TransferTo answers carry the rights too). */
const knownExtras = new Set<string>(linkParts);

forEachTenant(() => {
  for (const route of routeProbes(config)) {
    test.describe(route.title, () => {
      test.skip(!!route.skip, route.skip);

      test(`answers a ${route.schema} with the 31 documented properties and their types @ENTITY-SHAPE`, async ({
        api,
        sessions,
      }) => {
        const session = await sessions.create(route.seed);
        const body = entityOf(await route.send(api, session)) as unknown as Body;
        expect(shapeProblems(body, documented), 'properties missing or not of their documented type').toEqual([]);
        const extra = Object.keys(body).filter((k) => !documented.includes(k) && !knownExtras.has(k));
        observe({
          clause: 'ENTITY-SHAPE',
          what: 'properties beyond the documented 31',
          actual: extra.length ? extra.join(', ') : 'none',
          reference: 'none',
          kind: 'note',
        });
      });

      if (route.schema !== 'ChatSessionEntityWithLinks') return;

      test('adds TableRight, FieldProperties and _Links, with a link to the session itself @ENTITY-LINKS', async ({
        api,
        sessions,
      }) => {
        const session = await sessions.create(route.seed);
        const body = entityOf(await route.send(api, session)) as unknown as Body;
        const problems = linkParts.flatMap((part) =>
          part in body ? validateProperty(route.schema, part, body[part]).errors : [`${part} is missing`],
        );
        expect(problems, 'TableRight, FieldProperties and _Links').toEqual([]);
        expect(
          Object.keys((body.FieldProperties as Body | null) ?? {}).length,
          'FieldProperties entries',
        ).toBeGreaterThan(0);
        const links = (body._Links as Record<string, string> | null) ?? {};
        const self = new RegExp(`^https?://.+/ChatSession/${session.ChatSessionId}$`, 'i');
        expect(
          Object.values(links).some((url) => self.test(url)),
          `a link to the session in ${JSON.stringify(links)}`,
        ).toBe(true);
        observe({
          clause: 'ENTITY-LINKS',
          what: '_Links names',
          actual: Object.keys(links).sort().join(', '),
          reference: 'Archive, Self',
          kind: 'note',
        });
      });
    });
  }
});
