/**
 * How lib/client.ts's requests travel. A transport sends the headers and body the client built, as
 * they are (so a malformed body or an odd header can be sent on purpose), and hands back the raw
 * answer; everything else (URL, `$select`, headers, encoding, parsing, Retry-After) is the client's.
 * - fetchTransport: Node's fetch (undici), the default: the fastest, and no state between calls;
 * - playwrightTransport: Playwright's APIRequestContext, so each call is a step in Playwright's
 *   reports (method and URL, never a header; traces stay off, playwright.config.ts).
 */
import type { APIRequestContext } from '@playwright/test';

/** One request as it goes on the wire: the headers exactly as built, the body already encoded. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

/** One answer as it came: lower-cased header names, repeated ones joined with ", ", Set-Cookie one per line. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends one request; rejects only when there is no answer (refused, reset, timed out). */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** Node's fetch (undici), or the given fetch (e.g. one with its own dispatcher). Redirects are followed. */
export function fetchTransport(fetchFn: typeof fetch = fetch): Transport {
  return async ({ method, url, headers, body, timeoutMs }) => {
    const res = await fetchFn(url, {
      method,
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const record: Record<string, string> = {};
    res.headers.forEach((value, name) => (record[name] = value));
    // a cookie may hold a comma, so Set-Cookie keeps one per line rather than fetch's ", " join
    const cookies = res.headers.getSetCookie();
    if (cookies.length) record['set-cookie'] = cookies.join('\n');
    return { status: res.status, headers: record, text };
  };
}

/**
 * Playwright's APIRequestContext (the `request` fixture, or `request.newContext()`), sending what
 * fetchTransport sends: the body as bytes (never re-serialised), no status treated as a failure,
 * redirects followed. The context keeps cookies and would send them on the next call; it is cleared
 * whenever an answer sets one, so no cookie travels that the client did not put in the headers (a
 * refusal check without credentials must not be let in by a cookie). Each answer is disposed once
 * read, so a long run does not hold every body.
 */
export function playwrightTransport(request: Pick<APIRequestContext, 'fetch' | 'clearCookies'>): Transport {
  return async ({ method, url, headers, body, timeoutMs }) => {
    const res = await request.fetch(url, {
      method,
      headers,
      data: body === undefined ? undefined : Buffer.from(body, 'utf8'),
      timeout: timeoutMs,
      failOnStatusCode: false,
      maxRedirects: 20,
    });
    try {
      const text = await res.text();
      const record: Record<string, string> = {};
      const cookies: string[] = [];
      for (const { name, value } of res.headersArray()) {
        const key = name.toLowerCase();
        if (key === 'set-cookie') cookies.push(value);
        else record[key] = key in record ? `${record[key]}, ${value}` : value;
      }
      if (cookies.length) {
        record['set-cookie'] = cookies.join('\n');
        await request.clearCookies();
      }
      return { status: res.status(), headers: record, text };
    } finally {
      await res.dispose();
    }
  };
}
