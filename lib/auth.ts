/** The four ways a request can prove who it is (AUTH-BASIC, AUTH-SOTICKET, AUTH-BEARER, AUTH-XSRF). */
export type AuthConfig =
  | { readonly scheme: 'basic'; readonly username: string; readonly password: string }
  | { readonly scheme: 'soticket'; readonly ticket: string }
  | { readonly scheme: 'bearer'; readonly token: string }
  | { readonly scheme: 'xsrf'; readonly xsrfToken: string };

export type AuthScheme = AuthConfig['scheme'];

/** The secret strings inside an auth config, for redaction. */
export function authSecrets(auth: AuthConfig | undefined): string[] {
  if (!auth) return [];
  switch (auth.scheme) {
    case 'basic':
      return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')];
    case 'soticket':
      return [auth.ticket];
    case 'bearer':
      return [auth.token];
    case 'xsrf':
      return [auth.xsrfToken];
  }
}

/**
 * Why a check that needs a second user cannot run, and how to configure one for the scheme; xsrf
 * has no second-user variables. The one wording for the Pact states and the API suite.
 */
export function secondUserReason(scheme: AuthScheme): string {
  const how = { basic: 'SECOND_USERNAME/SECOND_PASSWORD', soticket: 'SECOND_TICKET', bearer: 'SECOND_TOKEN' } as const;
  if (scheme === 'xsrf')
    return (
      'needs a second user, and AUTH_SCHEME=xsrf has none: the second-user variables ' +
      '(SECOND_USERNAME/SECOND_PASSWORD, SECOND_TICKET, SECOND_TOKEN) are for basic, soticket and bearer'
    );
  return `needs a second user: set ${how[scheme]} (AUTH_SCHEME=${scheme})`;
}
