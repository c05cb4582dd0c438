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
