/**
 * The API suite's client: lib/client.ts as the fixtures build it, so the suite sends what every
 * other suite sends (one URL builder, one `$select` encoding, one header builder). Credentials come
 * as ready-made headers (the configured user's, or another user's); each answer goes to the test's
 * call log, which a failed test attaches (never a request header); 15 s a call.
 * The transport is Node's fetch: Playwright's APIRequestContext did this job at a third of the speed
 * (30 ms a request against 9 ms on the 2-core machine), which decides whether the deviation proof
 * fits in npm test.
 */
import { ChatSessionClient, type LoggedCall } from '../../lib/client.ts';

export type { LoggedCall };

export interface ApiOptions {
  baseURL: string;
  /** Sent with every call: credentials, SO-AppToken. */
  headers: Record<string, string>;
  /** Where each call is recorded (shared by every Api of a test). */
  log?: LoggedCall[];
  timeoutMs?: number;
}

export class Api extends ChatSessionClient {
  constructor(options: ApiOptions) {
    super({
      baseUrl: options.baseURL,
      auth: null,
      headers: options.headers,
      log: options.log,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  }
}
