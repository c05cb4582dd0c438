/**
 * Builds the documented request headers (Authorization for Basic/SoTicket/Bearer, X-XSRF-TOKEN
 * with its cookie, Accept, Content-Type, Accept-Language, SO-Language, SO-Culture, SO-TimeZone,
 * SO-AppToken). Every suite builds its headers here, so a scheme is spelled in one place.
 */
import type { AuthConfig } from './auth.ts';

export const mediaTypes = {
  json: 'application/json',
  textJson: 'text/json',
  xml: 'application/xml',
  textXml: 'text/xml',
  form: 'application/x-www-form-urlencoded',
  jsonPatch: 'application/json-patch+json',
  mergePatch: 'application/merge-patch+json',
} as const;
export type MediaType = (typeof mediaTypes)[keyof typeof mediaTypes];

export interface HeaderOptions {
  /** Credentials; `null` sends none (for AUTH-NONE checks). */
  auth: AuthConfig | null;
  accept?: string;
  contentType?: string;
  acceptLanguage?: string;
  soLanguage?: string;
  soCulture?: string;
  soTimeZone?: string;
  appToken?: string;
  ifUnmodifiedSince?: Date | string;
}

/** The Authorization (or X-XSRF-TOKEN + Cookie) headers for one auth config. */
export function authHeaders(auth: AuthConfig | null): Record<string, string> {
  if (!auth) return {};
  switch (auth.scheme) {
    case 'basic':
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
    case 'soticket':
      return { Authorization: `SoTicket ${auth.ticket}` };
    case 'bearer':
      return { Authorization: `Bearer ${auth.token}` };
    case 'xsrf':
      return { 'X-XSRF-TOKEN': auth.xsrfToken, Cookie: `XSRF-TOKEN=${encodeURIComponent(auth.xsrfToken)}` };
  }
}

/** All headers for one request; options left undefined are not sent. */
export function buildHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { ...authHeaders(options.auth) };
  headers.Accept = options.accept ?? mediaTypes.json;
  if (options.contentType) headers['Content-Type'] = options.contentType;
  if (options.acceptLanguage) headers['Accept-Language'] = options.acceptLanguage;
  if (options.soLanguage) headers['SO-Language'] = options.soLanguage;
  if (options.soCulture) headers['SO-Culture'] = options.soCulture;
  if (options.soTimeZone) headers['SO-TimeZone'] = options.soTimeZone;
  if (options.appToken) headers['SO-AppToken'] = options.appToken;
  if (options.ifUnmodifiedSince) {
    headers['If-Unmodified-Since'] =
      typeof options.ifUnmodifiedSince === 'string'
        ? options.ifUnmodifiedSince
        : options.ifUnmodifiedSince.toUTCString();
  }
  return headers;
}
