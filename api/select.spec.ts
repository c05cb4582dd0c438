/**
 * `$select` on the three pages that document it (PUT, PATCH, PickUp): the named properties keep
 * their values, every other documented property is null; names match in any case; nested paths
 * keep the carrier; no `$select` shows everything.
 */
import { rawSchema } from '../schemas/index.ts';
import { config, expect, expectEntity, myAssociateId, test } from './fixtures.ts';
import type { Entity } from './support/api.ts';
import { selectProbes } from './support/routes.ts';

const documented = rawSchema('ChatSessionEntity').required as string[];

/** The documented properties other than `kept` that are not null. */
function notNulled(body: Entity, kept: readonly string[]): string[] {
  const keep = new Set(kept.map((k) => k.toLowerCase()));
  return documented.filter(
    (p) => !keep.has(p.toLowerCase()) && (body as unknown as Record<string, unknown>)[p] !== null,
  );
}

for (const route of selectProbes(config)) {
  test.describe(route.title, () => {
    test('keeps the named properties and nulls out all others @SELECT-FIELDS', async ({ api, sessions }) => {
      const session = await sessions.create(route.seed);
      const reply = await route.send(api, session, { select: ['CustomerEmail', 'Status'] });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchSelected(['CustomerEmail', 'Status'], route.schema);
      expect(reply.body).toMatchObject({ CustomerEmail: session.CustomerEmail, Status: expect.any(String) });
      expect(
        notNulled(reply.body as Entity, ['CustomerEmail', 'Status']),
        'properties $select should have nulled',
      ).toEqual([]);
    });

    test('matches $select names case-insensitively @SELECT-CASE', async ({ api, sessions }) => {
      const session = await sessions.create(route.seed);
      const reply = await route.send(api, session, { select: 'customeremail,CUSTOMERNAME' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchSelected(['CustomerEmail', 'CustomerName'], route.schema);
      expect(reply.body).toMatchObject({ CustomerEmail: session.CustomerEmail, CustomerName: session.CustomerName });
      expect(notNulled(reply.body as Entity, ['CustomerEmail', 'CustomerName'])).toEqual([]);
    });

    test('keeps a carrier named by a nested path @SELECT-NESTED', async ({ api, sessions }) => {
      const session = await sessions.create(route.seed);
      const reply = await route.send(api, session, { select: ['User/AssociateId', 'CustomerEmail'] });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchSelected(['User', 'CustomerEmail'], route.schema);
      expect((reply.body as Entity).User?.AssociateId, 'User/AssociateId').toEqual(myAssociateId ?? expect.any(Number));
      expect(notNulled(reply.body as Entity, ['User', 'CustomerEmail'])).toEqual([]);
    });

    test('shows every property when there is no $select @SELECT-FIELDS', async ({ api, sessions }) => {
      const session = await sessions.create(route.seed);
      const body = expectEntity(await route.send(api, session), route.schema);
      const strings = documented.filter((p) => typeof (session as unknown as Record<string, unknown>)[p] === 'string');
      expect(
        strings.filter((p) => (body as unknown as Record<string, unknown>)[p] === null),
        'nulled without $select',
      ).toEqual([]);
      expect(body).toMatchObject({ CustomerEmail: session.CustomerEmail, CustomerPhone: session.CustomerPhone });
    });
  });
}
