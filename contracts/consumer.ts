/**
 * What every consumer test shares: the PactV4 instance (names from config, pact files to
 * reports/pacts), the typed client pointed at Pact's mock server with placeholder credentials,
 * and the request parts every interaction has (an Authorization matcher, provider-state ids).
 */
import { join } from 'node:path';
import { MatchersV3, PactV4, type V3MockServer } from '@pact-foundation/pact';
import { Agent, fetch as undiciFetch } from 'undici';
import { ChatSessionClient } from '../lib/client.ts';
import type { Config } from '../lib/config.ts';
import { runConfig } from '../lib/run.ts';
import { mediaTypes } from '../lib/headers.ts';
import { exampleId } from './fixtures.ts';

const { fromProviderState, regex } = MatchersV3;

process.env.PACT_DO_NOT_TRACK ??= 'true';

/** Where pact files go: `<REPORTS_DIR>/pacts` (default reports/pacts). */
export function pactDir(config: Config = runConfig()): string {
  return join(config.reportsDir, 'pacts');
}

/** A PactV4 for the chat console and the ChatSession API, writing to pactDir(). */
export function chatConsolePact(config: Config = runConfig()): PactV4 {
  return new PactV4({
    consumer: config.pact.consumer,
    provider: config.pact.provider,
    dir: pactDir(config),
    logLevel: 'warn',
  });
}

/**
 * Placeholder credentials: the pact records only that some scheme is used (the header matcher
 * below); the provider verification swaps in the configured credentials.
 */
const placeholderAuth = { scheme: 'basic', username: 'pact-consumer', password: 'placeholder' } as const;

/**
 * No connection reuse: each test gets a new mock server, and the OS may hand it the port of the
 * one just stopped, whose kept-alive socket would then answer instead (seen as "expected but
 * not received" with a passing callback). `pipelining: 0` makes undici close after each request.
 */
const noKeepAlive = new Agent({ pipelining: 0 });

/**
 * How long to wait after each answer before the test goes on. Pact's mock server (pact-ffi 0.5.4,
 * in @pact-foundation/pact-core 19) records a match on a task of its own after it has answered, so
 * under CPU pressure executeTest() can read "expected but not received" for a request it matched
 * and answered (pact-foundation/pact-core-mock-server#13; seen here in about 1 of 10 npm start runs
 * beside other stages). The fix (pact-ffi 0.5.6, pact-core 20) needs Node 22; this harness runs on
 * Node 20, so the client gives that task time instead.
 */
const MATCH_RECORD_GRACE_MS = 100;

const freshConnectionFetch = (async (url: string, init?: RequestInit) => {
  const res = await undiciFetch(url, { ...(init as object), dispatcher: noKeepAlive });
  await new Promise((resolve) => setTimeout(resolve, MATCH_RECORD_GRACE_MS));
  return res;
}) as unknown as typeof fetch;

/** The project's client, pointed at the mock server. */
export function clientFor(server: V3MockServer): ChatSessionClient {
  return new ChatSessionClient({ baseUrl: server.url, auth: placeholderAuth, fetch: freshConnectionFetch });
}

/** AUTH-BASIC / AUTH-SOTICKET / AUTH-BEARER: any of the three schemes, never a real value. */
export const authorization = regex(
  '^(Basic|SoTicket|Bearer) .+$',
  `Basic ${Buffer.from(`${placeholderAuth.username}:${placeholderAuth.password}`).toString('base64')}`,
);

/** Headers of a JSON request (Accept JSON, credentials). */
export const jsonRequestHeaders = { Authorization: authorization, Accept: mediaTypes.json };

/** The session id the provider state supplies. */
export const stateId = fromProviderState('${id}', exampleId);

/** `/api/v1/ChatSession/{id}` with the id the provider state supplies. */
export function sessionPath(suffix = ''): ReturnType<typeof fromProviderState<string>> {
  return fromProviderState(`/api/v1/ChatSession/\${id}${suffix}`, `/api/v1/ChatSession/${exampleId}${suffix}`);
}

/** A Content-Type that may carry parameters (`application/json; charset=utf-8`). */
export function contentType(type: string): ReturnType<typeof regex> {
  return regex(`^${type.replace(/[+/.]/g, '\\$&')}(;.*)?$`, type);
}
