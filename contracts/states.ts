/**
 * The provider states the pacts name, as readable sentences with parameters. The consumer tests
 * pass example parameters; the provider's state handlers (contracts/state-handlers.ts) make the
 * state true on the tenant under test and return the real values (`id`, `since`, `toAssociate`),
 * which Pact injects wherever the pact used `fromProviderState`.
 */
export const states = {
  exists: 'chat session {id} exists',
  inQueue: 'chat session {id} is in the queue',
  notInQueue: 'chat session {id} is not in the queue',
  ownedByCaller: 'chat session {id} belongs to the caller',
  ownedByOther: 'chat session {id} belongs to another user',
  missing: 'no chat session has id {id}',
  changedAfter: 'chat session {id} was changed after {since}',
  transferTarget: 'associate {toAssociate} can take transfers',
} as const;

export type StateName = (typeof states)[keyof typeof states];

/** An HTTP-date long before any session a state creates, so "changed after" always holds. */
export const longAgo = 'Sat, 01 Jan 2000 00:00:00 GMT';

/**
 * What each session state promises about the entity, beyond its existence. The consumer's
 * examples rely on exactly these values; the state handlers create sessions with them.
 */
export const stateEntities = {
  [states.exists]: { Status: 'CustomerLast', owner: 'caller' },
  [states.inQueue]: { Status: 'InQueue', owner: null },
  [states.notInQueue]: { Status: 'Closed', owner: 'caller' },
  [states.ownedByCaller]: { Status: 'UserLast', owner: 'caller' },
  [states.ownedByOther]: { Status: 'UserLast', owner: 'other' },
  [states.changedAfter]: { Status: 'CustomerLast', owner: 'caller' },
} as const satisfies Partial<Record<StateName, { Status: string; owner: 'caller' | 'other' | null }>>;

/** Every session a state creates has no pending transfer and no linked records. */
export const stateCarriers = {
  TransferTo: null,
  Person: null,
  Contact: null,
  Project: null,
  Sale: null,
  Ticket: null,
} as const;
