/**
 * PickUp and TransferTo as the pages document them, shared by the REST routes and the Agents
 * methods so both flavours behave the same.
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import type { TenantCore } from './control.ts';
import { badRequest } from './errors.ts';
import { naiveUtc } from './seed.ts';
import { associateOf, findUser, type EmbeddedUser } from './users.ts';

export function welcomeMessage(caller: EmbeddedUser): string {
  return `Hi, this is ${caller.fullName}. How can I help you?`;
}

/**
 * PICK-200/PICK-WELCOME: an InQueue session becomes the caller's, started now, with the welcome
 * message as LastMessage. PICK-NULL: any other session (or none) gives null, and nothing changes.
 */
export function pickUp(core: TenantCore, caller: EmbeddedUser, id: number): ChatSessionEntity | null {
  const session = core.store.get(id);
  if (!session) return null;
  if (session.Status !== 'InQueue') return core.deviations.rules.pickUpReturnsNotQueued ? session : null;
  const now = naiveUtc(Date.now());
  return core.store.save({
    ...session,
    User: associateOf(caller),
    Status: 'UserLast',
    WhenStarted: now,
    WhenIdle: now,
    LastMessage: welcomeMessage(caller),
    TransferTo: null,
    ChatbotIsActive: false,
  });
}

/**
 * XFER-200/XFER-TARGET: on the caller's own session, TransferTo becomes the associate named by
 * user name or id. XFER-NOTOWNER: on anyone else's session nothing happens. Undefined when the
 * session does not exist. An unknown associate on the caller's own session: 400, the tenant's
 * choice (the published TransferTo lists only 200), or the session unchanged when the rules say so.
 */
export function transfer(
  core: TenantCore,
  caller: EmbeddedUser,
  id: number,
  toAssociate: string,
): ChatSessionEntity | undefined {
  const session = core.store.get(id);
  if (!session) return undefined;
  const rules = core.deviations.rules;
  const owns = session.User?.AssociateId === caller.associateId;
  if (!owns && !rules.transferChangesOthersSessions) return session;
  const target = findUser(toAssociate);
  if (!target && rules.unknownAssociate === 'ignore') return session;
  if (!target) throw badRequest(`toAssociate "${toAssociate}" is neither the user name nor the id of an associate`);
  return core.store.save({ ...session, TransferTo: associateOf(target) });
}
