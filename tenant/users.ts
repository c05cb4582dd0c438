/**
 * The tenant's associates: the shared seed users (lib/embedded-users.ts) as Associate carriers,
 * so the credentials the harness sends and the users the tenant knows come from one list.
 */
import { embeddedUsers, type EmbeddedUser } from '../lib/embedded-users.ts';
import type { Associate } from '../schemas/index.ts';

export { embeddedUsers, type EmbeddedUser };

/** The Associate carrier the tenant writes for a user (User, TransferTo). */
export function associateOf(user: EmbeddedUser): Associate {
  const [first, ...rest] = user.fullName.split(' ');
  return {
    AssociateId: user.associateId,
    Name: user.username.toUpperCase(),
    PersonId: user.personId,
    Rank: user.associateId,
    Tooltip: user.fullName,
    Type: 'InternalAssociate',
    GroupIdx: 1,
    FullName: user.fullName,
    FormalName: `${rest.join(' ')}, ${first ?? ''}`,
    Deleted: false,
    EjUserId: 0,
    UserName: user.username,
  };
}

/** A user by user name (case-insensitive) or associate id, as TransferTo takes it (XFER-TARGET). */
export function findUser(usernameOrId: string | number): EmbeddedUser | undefined {
  const text = String(usernameOrId).trim();
  if (/^\d+$/.test(text)) return embeddedUsers.find((u) => u.associateId === Number(text));
  return embeddedUsers.find((u) => u.username.toLowerCase() === text.toLowerCase());
}

/** The full carrier for an associate id, or undefined when the tenant has no such associate. */
export function associateById(id: number): Associate | undefined {
  const user = embeddedUsers.find((u) => u.associateId === id);
  return user ? associateOf(user) : undefined;
}
