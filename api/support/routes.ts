/**
 * The four documented routes as probes: what session each needs and one ordinary call on it, so
 * a header check (auth, language, time zone, `$select`) can be run the same way on every route.
 */
import type { Config } from '../../lib/config.ts';
import type { Api, Call, Entity, Reply } from './api.ts';
import { documented, shape } from './checks.ts';
import type { Seed } from './sessions.ts';
import { transferTarget } from './users.ts';

export interface RouteProbe {
  /** The describe title: method and documented path. */
  title: string;
  /** The response body the page documents. */
  schema: 'ChatSessionEntity' | 'ChatSessionEntityWithLinks';
  /** Set when this run cannot make the call (e.g. no transfer target on a live tenant). */
  skip?: string;
  seed: Seed;
  send(api: Api, session: Entity, call?: Call): Promise<Reply<Entity | null>>;
}

/**
 * PUT sends the session back with one change; When* travel with `Z` so no zone reading applies.
 * The session is the tenant's own answer: when its properties are not of their documented types,
 * sending it back cannot judge PUT, so that is ENTITY-SHAPE's failure.
 */
export function putBody(session: Entity, change: Partial<Entity> = { CustomerAlias: 'changed by PUT' }): Entity {
  shape(session, documented, true);
  const { TableRight: _t, FieldProperties: _f, _Links: _l, ...entity } = session as Entity & { _Links?: unknown };
  const utc = Object.fromEntries(
    (['WhenRequested', 'WhenStarted', 'WhenEnded', 'WhenIdle', 'WhenFetched'] as const).map((k) => [
      k,
      /Z|[+-]\d{2}:?\d{2}$/.test(entity[k]) ? entity[k] : `${entity[k]}Z`,
    ]),
  );
  return { ...entity, ...utc, ...change } as Entity;
}

export function routeProbes(config: Config): RouteProbe[] {
  const target = transferTarget(config);
  return [
    {
      title: 'PUT /api/v1/ChatSession/{id}',
      schema: 'ChatSessionEntityWithLinks',
      seed: { owner: 'me' },
      send: (api, s, call) => api.put(s.ChatSessionId, putBody(s), call),
    },
    {
      title: 'PATCH /api/v1/ChatSession/{id}',
      schema: 'ChatSessionEntityWithLinks',
      seed: { owner: 'me' },
      send: (api, s, call) =>
        api.patch(s.ChatSessionId, [{ op: 'replace', path: '/CustomerAlias', value: 'changed by PATCH' }], call),
    },
    {
      title: 'POST /api/v1/Agents/Chat/PickUpChatSession',
      schema: 'ChatSessionEntity',
      seed: { owner: 'nobody', values: { Status: 'InQueue' } },
      send: (api, s, call) => api.pickUp(s.ChatSessionId, call),
    },
    {
      title: 'POST /api/v1/ChatSession/{chatSessionId}/TransferTo/{toAssociate}',
      schema: 'ChatSessionEntity',
      skip: target ? undefined : 'set TRANSFER_TO_ASSOCIATE to an associate the live tenant may transfer sessions to',
      seed: { owner: 'me' },
      send: (api, s, call) => api.transferTo(s.ChatSessionId, target?.username ?? target?.associateId ?? 0, call),
    },
  ];
}

/** The four probes without TransferTo: the pages that document `$select`. */
export function selectProbes(config: Config): RouteProbe[] {
  return routeProbes(config).filter((r) => !r.title.includes('TransferTo'));
}
