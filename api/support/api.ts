/**
 * The API suite's client: lib/client.ts as the fixtures build it, so the suite sends what every
 * other suite sends (one URL builder, one `$select` encoding, one header builder). Credentials come
 * as ready-made headers (the configured user's, or another user's); each answer goes to the test's
 * call log, which a failed test attaches (never a request header); 15 s a call.
 * Transport: Node's fetch, unless the fixture passes Playwright's `request`; then every call is a
 * step (method, URL) in Playwright's reports, which needs a test base that records steps
 * (`_utilityTest`, not `_baseTest`). Measured here: the transport alone costs what fetch costs
 * (6.5 against 7.4 ms a PATCH), but recording the steps took the deviation proof (2898 tests)
 * from 101 s to 169 s of CPU, so the suite stays on fetch and its call log.
 */
import type { APIRequestContext } from '@playwright/test';
import { ChatSessionClient, type LoggedCall } from '../../lib/client.ts';
import { playwrightTransport } from '../../lib/transports.ts';

export type { LoggedCall };

export interface ApiOptions {
  baseURL: string;
  /** Sent with every call: credentials, SO-AppToken. */
  headers: Record<string, string>;
  /** Where each call is recorded (shared by every Api of a test). */
  log?: LoggedCall[];
  timeoutMs?: number;
  /** Playwright's request context: the calls go through it (lib/transports.ts) instead of fetch. */
  request?: Pick<APIRequestContext, 'fetch' | 'clearCookies'>;
}

export class Api extends ChatSessionClient {
  constructor(options: ApiOptions) {
    super({
      baseUrl: options.baseURL,
      auth: null,
      headers: options.headers,
      log: options.log,
      timeoutMs: options.timeoutMs ?? 15_000,
      transport: options.request ? playwrightTransport(options.request) : undefined,
    });
  }
}
