/**
 * Deterministic seed data: the same sessions, with the same values, on every start and reset, so
 * Pact provider states, Playwright checks and k6 runs can name ids (layout in tenant/README.md).
 */
import type { ChatSessionEntity, ChatSessionStatus } from '../schemas/index.ts';
import { associateOf, embeddedUsers } from './users.ts';

/** The .NET "unset" date-time the real API writes. */
export const UNSET_DATE = '0001-01-01T00:00:00';
/** Every seeded session was last modified at this instant (Last-Modified, PATCH-412). */
export const SEED_MODIFIED = Date.UTC(2024, 5, 1, 0, 0, 0);
export const DEFAULT_SEED_COUNT = 500;

const [tje0, ola, kari] = embeddedUsers as [
  NonNullable<(typeof embeddedUsers)[0]>,
  NonNullable<(typeof embeddedUsers)[1]>,
  NonNullable<(typeof embeddedUsers)[2]>,
];
const ended: ChatSessionStatus[] = [
  'Closed',
  'Finished',
  'ClosedFromQueue',
  'Deleted',
  'OfflineForm',
  'PreChatForm',
  'Faq',
  'RequestPosted',
  'Invalid',
];
const base = Date.UTC(2024, 2, 1, 8, 0, 0);

/** `2024-03-01T08:10:00` style: UTC, no offset, as the real API writes date-times. */
export function naiveUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function layout(id: number): { status: ChatSessionStatus; owner: typeof tje0 | null } {
  if (id < 100) return { status: id % 2 === 1 ? 'UserLast' : 'CustomerLast', owner: tje0 };
  if (id < 200) return { status: 'InQueue', owner: null };
  if (id < 250) return { status: 'CustomerLast', owner: ola };
  if (id < 300) return { status: 'UserLast', owner: kari };
  if (id < 400)
    return { status: ended[(id - 300) % ended.length] as ChatSessionStatus, owner: embeddedUsers[id % 3] ?? tje0 };
  return { status: 'CustomerLast', owner: tje0 };
}

/** The seeded session with this id (any positive id: ids past the seed count follow the 400+ pool). */
export function seedSession(id: number): ChatSessionEntity {
  const { status, owner } = layout(id);
  const requested = base + id * 10 * 60_000;
  const queued = status === 'InQueue';
  const isEnded = ended.includes(status);
  const withPerson = id % 2 === 0;
  return {
    ChatSessionId: id,
    TopicId: 1 + (id % 3),
    User: owner ? associateOf(owner) : null,
    Person: withPerson
      ? {
          PersonId: 1000 + id,
          Firstname: 'Customer',
          Lastname: String(id),
          FullName: `Customer ${id}`,
          ContactId: 2000 + (id % 20),
          ContactName: `Company ${id % 20} AS`,
          Email: `customer${id}@example.com`,
        }
      : null,
    CustomerAlias: `Visitor ${id}`,
    CustomerHost: `10.0.${Math.floor(id / 256) % 256}.${id % 256}`,
    CustomerName: `Customer ${id}`,
    CustomerEmail: `customer${id}@example.com`,
    CustomerPhone: `+47 555 ${String(id).padStart(5, '0')}`,
    CustomerConsented: id % 2 === 1,
    CustomerCompanyName: id === 3 ? 'NO:"Leverandør";US:"Supplier";SE:"Leverantör"' : `Company ${id % 20} AS`,
    Status: status,
    FirstMessage: `Hello, I need help with order ${1000 + id}.`,
    LastMessage: queued
      ? `Hello, I need help with order ${1000 + id}.`
      : status === 'CustomerLast'
        ? 'Thanks, one more question.'
        : 'Happy to help.',
    WhenRequested: naiveUtc(requested),
    WhenStarted: queued ? UNSET_DATE : naiveUtc(requested + 2 * 60_000),
    WhenEnded: isEnded ? naiveUtc(requested + 30 * 60_000) : UNSET_DATE,
    WhenIdle: naiveUtc(requested + 5 * 60_000),
    WhenFetched: naiveUtc(requested + 6 * 60_000),
    SessionKey: `sk-${((id * 2654435761) % 2 ** 32).toString(36)}`,
    InitialQueuePos: 1 + (id % 7),
    AlertLevel: 0,
    Rank: 1 + (id % 5),
    Flags: id % 4 === 1 ? 'UserIsTyping' : 'CustomerIsTyping',
    Contact: withPerson
      ? {
          ContactId: 2000 + (id % 20),
          Name: `Company ${id % 20} AS`,
          Department: '',
          OrgNr: String(900000000 + (id % 20)),
          FullName: `Company ${id % 20} AS`,
        }
      : null,
    Project: null,
    Sale: null,
    Ticket: id % 10 === 0 ? { TicketId: 3000 + id, Title: `Order ${1000 + id}` } : null,
    TransferTo: null,
    ChatbotIsActive: queued && id % 2 === 0,
    Rating: isEnded ? 1 + (id % 5) : 0,
  };
}

/** What GET /ChatSession/default and CreateDefaultChatSessionEntity answer: a blank entity. */
export function defaultSession(): ChatSessionEntity {
  return {
    ChatSessionId: 0,
    TopicId: 0,
    User: null,
    Person: null,
    CustomerAlias: '',
    CustomerHost: '',
    CustomerName: '',
    CustomerEmail: '',
    CustomerPhone: '',
    CustomerConsented: false,
    CustomerCompanyName: '',
    Status: 'Invalid',
    FirstMessage: '',
    LastMessage: '',
    WhenRequested: UNSET_DATE,
    WhenStarted: UNSET_DATE,
    WhenEnded: UNSET_DATE,
    WhenIdle: UNSET_DATE,
    WhenFetched: UNSET_DATE,
    SessionKey: '',
    InitialQueuePos: 0,
    AlertLevel: 0,
    Rank: 0,
    Flags: 'CustomerIsTyping',
    Contact: null,
    Project: null,
    Sale: null,
    Ticket: null,
    TransferTo: null,
    ChatbotIsActive: false,
    Rating: 0,
  };
}

export function seedSessions(count = DEFAULT_SEED_COUNT): ChatSessionEntity[] {
  return Array.from({ length: count }, (_, i) => seedSession(i + 1));
}
