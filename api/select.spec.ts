/**
 * `$select` on the three pages that document it (PUT, PATCH, PickUp): the named properties keep
 * their values, every other documented property is null; names match in any case; nested paths
 * keep the carrier; no `$select` shows everything. Each answer is judged against what the same
 * tenant shows without `$select`, so a property the tenant does not have at all is ENTITY-SHAPE's
 * concern, not `$select`'s.
 */
import {
  config,
  documented,
  entityOf,
  expect,
  expectValues,
  forEachTenant,
  myAssociateId,
  shape,
  test,
} from './fixtures.ts';
import type { Call, Entity } from './support/api.ts';
import { selectProbes, type RouteProbe } from './support/routes.ts';
import type { Sessions } from './support/sessions.ts';

type Body = Record<string, unknown>;

/** The documented properties the unselected entity has and this answer shows as anything but null. */
function notNulled(answer: unknown, full: Entity, kept: readonly string[]): string[] {
  const keep = new Set(kept.map((k) => k.split('/')[0]!.toLowerCase()));
  return documented.filter((p) => p in full && !keep.has(p.toLowerCase()) && (answer as Body)[p] !== null);
}

interface Selected {
  session: Entity;
  body: Body;
}

/**
 * For each documented property both sessions have a value for, whether each answer nulled it:
 * two fresh sessions may differ in which carriers they have, and that is no `$select` matter.
 */
function nulling(a: Selected, b: Selected): [string[], string[]] {
  const value = (s: Selected, p: string) => (s.session as unknown as Body)[p];
  const both = documented.filter((p) => value(a, p) != null && value(b, p) != null);
  return [both.filter((p) => a.body[p] === null), both.filter((p) => b.body[p] === null)];
}

/** The answer to `select` on a fresh session, and that session as read without `$select`. */
async function selectOn(
  route: RouteProbe,
  sessions: Sessions,
  api: Parameters<RouteProbe['send']>[0],
  call: Call,
): Promise<Selected> {
  const session = await sessions.create(route.seed);
  const reply = await route.send(api, session, call);
  return { session, body: entityOf(reply) as unknown as Body };
}

forEachTenant(() => {
  for (const route of selectProbes(config)) {
    test.describe(route.title, () => {
      test('keeps the named properties and nulls out all others @SELECT-FIELDS', async ({ api, sessions }) => {
        const { session, body } = await selectOn(route, sessions, api, { select: ['CustomerEmail', 'Status'] });
        expect(body.CustomerEmail, 'CustomerEmail is kept').toBe(session.CustomerEmail);
        if ('Status' in session) expect(body.Status, 'Status is kept').not.toBeNull();
        expect(notNulled(body, session, ['CustomerEmail', 'Status']), 'properties $select should have nulled').toEqual(
          [],
        );
      });

      test('matches $select names case-insensitively @SELECT-CASE', async ({ api, sessions }) => {
        const exact = await selectOn(route, sessions, api, { select: ['CustomerEmail', 'CustomerName'] });
        const other = await selectOn(route, sessions, api, { select: 'customeremail,CUSTOMERNAME' });
        expect(other.body.CustomerEmail, 'customeremail keeps CustomerEmail').toBe(other.session.CustomerEmail);
        expect(other.body.CustomerName, 'CUSTOMERNAME keeps CustomerName').toBe(other.session.CustomerName);
        const [byOther, byExact] = nulling(other, exact);
        expect(byOther, 'nulled as by the exact names').toEqual(byExact);
      });

      test('keeps a carrier named by a nested path @SELECT-NESTED', async ({ api, sessions }) => {
        const nested = await selectOn(route, sessions, api, { select: ['User/AssociateId', 'CustomerEmail'] });
        const carrier = await selectOn(route, sessions, api, { select: ['User', 'CustomerEmail'] });
        const user = shape(nested.body, ['User']).User as Entity['User'];
        expect(user?.AssociateId, 'User/AssociateId').toEqual(myAssociateId ?? expect.any(Number));
        const [byNested, byCarrier] = nulling(nested, carrier);
        expect(byNested, 'nulled as by the carrier name').toEqual(byCarrier);
      });

      test('shows every property when there is no $select @SELECT-FIELDS', async ({ api, sessions }) => {
        const { session, body } = await selectOn(route, sessions, api, {});
        const strings = documented.filter((p) => typeof (session as unknown as Body)[p] === 'string');
        expect(
          strings.filter((p) => body[p] === null),
          'nulled without $select',
        ).toEqual([]);
        expectValues(body, { CustomerEmail: session.CustomerEmail, CustomerPhone: session.CustomerPhone });
      });
    });
  }
});
