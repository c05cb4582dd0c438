/**
 * Who the suite calls as. Embedded: the tenant's seed users (lib/embedded-users.ts), so every
 * scheme can be tried. Live: only what the config holds; a check that needs more skips.
 */
import type { AuthConfig, AuthScheme, Config } from '../../lib/config.ts';
import { embeddedUsers, type EmbeddedUser } from '../../lib/embedded-users.ts';

export const schemes = ['basic', 'soticket', 'bearer', 'xsrf'] as const satisfies readonly AuthScheme[];

/** The seed user the config's credentials belong to (embedded only). */
export function embeddedUserFor(auth: AuthConfig | undefined): EmbeddedUser | undefined {
  if (!auth) return undefined;
  return embeddedUsers.find((u) => {
    switch (auth.scheme) {
      case 'basic':
        return u.username === auth.username && u.password === auth.password;
      case 'soticket':
        return u.ticket === auth.ticket;
      case 'bearer':
        return u.token === auth.token;
      case 'xsrf':
        return u.xsrfToken === auth.xsrfToken;
    }
  });
}

export function credentialsOf(user: EmbeddedUser, scheme: AuthScheme): AuthConfig {
  switch (scheme) {
    case 'basic':
      return { scheme, username: user.username, password: user.password };
    case 'soticket':
      return { scheme, ticket: user.ticket };
    case 'bearer':
      return { scheme, token: user.token };
    case 'xsrf':
      return { scheme, xsrfToken: user.xsrfToken };
  }
}

/** The primary user's credentials in `scheme`, or undefined when this run cannot know them. */
export function primaryCredentials(config: Config, scheme: AuthScheme): AuthConfig | undefined {
  if (config.auth.scheme === scheme) return config.auth;
  const seed = config.target === 'embedded' ? embeddedUserFor(config.auth) : undefined;
  return seed ? credentialsOf(seed, scheme) : undefined;
}

/** Credentials that name no user of the tenant, one per scheme (AUTH-NONE). */
export function wrongCredentials(config: Config, scheme: AuthScheme): AuthConfig {
  switch (scheme) {
    case 'basic':
      return {
        scheme,
        username: config.auth.scheme === 'basic' ? config.auth.username : 'tje0',
        password: 'not-the-password',
      };
    case 'soticket':
      return { scheme, ticket: '7T:not-a-ticket' };
    case 'bearer':
      return { scheme, token: 'not-a-token' };
    case 'xsrf':
      return { scheme, xsrfToken: 'not-an-xsrf-token' };
  }
}

export interface TransferTarget {
  username: string | undefined;
  associateId: number | undefined;
}

/**
 * The associate TransferTo checks send sessions to: a third seed user on the embedded tenant,
 * TRANSFER_TO_ASSOCIATE on a live one (a username or an id, whichever it is).
 */
export function transferTarget(config: Config): TransferTarget | undefined {
  if (config.transferTo) {
    const asId = /^\d+$/.test(config.transferTo) ? Number(config.transferTo) : undefined;
    return { username: asId === undefined ? config.transferTo : undefined, associateId: asId };
  }
  if (config.target !== 'embedded') return undefined;
  const taken = new Set([embeddedUserFor(config.auth)?.username, embeddedUserFor(config.secondUser)?.username]);
  const target = embeddedUsers.find((u) => !taken.has(u.username));
  return target && { username: target.username, associateId: target.associateId };
}
