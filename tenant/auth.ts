/**
 * Who is calling: Basic, SoTicket, Bearer, or an X-XSRF-TOKEN equal to the XSRF-TOKEN cookie
 * (AUTH-BASIC, AUTH-SOTICKET, AUTH-BEARER, AUTH-XSRF). Anything else is refused with 401, the
 * real API's WWW-Authenticate challenge and an error body without entity data (AUTH-NONE).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthConfig } from '../lib/auth.ts';
import { authHeaders } from '../lib/headers.ts';
import { ApiError } from './errors.ts';
import { embeddedUsers, type EmbeddedUser } from './users.ts';

export const WWW_AUTHENTICATE = 'Basic realm="SuperOffice Username or Ticket"';

/** Constant-time string comparison (credentials, admin token). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'SoAuthenticationException', message, { 'WWW-Authenticate': WWW_AUTHENTICATE });
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The headers of each configured AuthConfig, built once: the configuration does not change while the tenant runs. */
const configuredHeaders = new WeakMap<AuthConfig, Record<string, string>>();

/** The request carries exactly the configured credentials (header and, for XSRF, cookie). */
function matchesConfigured(headers: IncomingHttpHeaders, auth: AuthConfig): boolean {
  let want = configuredHeaders.get(auth);
  if (!want) configuredHeaders.set(auth, (want = authHeaders(auth)));
  if (want.Authorization !== undefined)
    return typeof headers.authorization === 'string' && sameSecret(headers.authorization, want.Authorization);
  const xsrf = headers['x-xsrf-token'];
  const fromCookie = cookie(headers.cookie, 'XSRF-TOKEN');
  return (
    typeof xsrf === 'string' &&
    fromCookie !== undefined &&
    sameSecret(xsrf, want['X-XSRF-TOKEN'] as string) &&
    sameSecret(fromCookie, xsrf)
  );
}

function fromAuthorization(value: string): EmbeddedUser | undefined {
  const space = value.indexOf(' ');
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const credential = space < 0 ? '' : value.slice(space + 1).trim();
  if (scheme === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return embeddedUsers.find(
      (u) => u.username.toLowerCase() === name.toLowerCase() && sameSecret(u.password, password),
    );
  }
  if (scheme === 'soticket') return embeddedUsers.find((u) => sameSecret(u.ticket, credential));
  if (scheme === 'bearer') return embeddedUsers.find((u) => sameSecret(u.token, credential));
  return undefined;
}

/** The calling user, or an ApiError(401) saying what was missing or wrong. */
export function authenticate(headers: IncomingHttpHeaders, primaryAuth?: AuthConfig): EmbeddedUser {
  if (primaryAuth && matchesConfigured(headers, primaryAuth)) return embeddedUsers[0] as EmbeddedUser;
  const authorization = headers.authorization;
  if (authorization) {
    const user = fromAuthorization(authorization);
    if (user) return user;
    throw unauthorized('The credentials in the Authorization header are not valid.');
  }
  const xsrf = headers['x-xsrf-token'];
  if (typeof xsrf === 'string' && xsrf !== '') {
    const fromCookie = cookie(headers.cookie, 'XSRF-TOKEN');
    const user =
      fromCookie !== undefined && sameSecret(fromCookie, xsrf)
        ? embeddedUsers.find((u) => sameSecret(u.xsrfToken, xsrf))
        : undefined;
    if (user) return user;
    throw unauthorized('X-XSRF-TOKEN must equal the XSRF-TOKEN cookie of a logged-in user.');
  }
  throw unauthorized(
    'Authentication required: send Authorization (Basic, SoTicket or Bearer) or X-XSRF-TOKEN with its cookie.',
  );
}
