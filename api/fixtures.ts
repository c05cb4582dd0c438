/**
 * The suite's `test` and `expect`: `expect(body).toMatchSchema(name)` / `toMatchSelected(select)`
 * check every body against schemas/ with the loader's readable messages, and the fixtures give
 * each test an `api` for the configured user, `apiAs(auth)` for anyone else, and `sessions` that
 * a test may change (see support/sessions.ts for how a live tenant is left as found).
 */
import { expect as base, test as baseTest } from '@playwright/test';
import { loadConfig, type AuthConfig } from '../lib/config.ts';
import { authHeaders, mediaTypes } from '../lib/headers.ts';
import { validate, validateSelected, type SchemaName } from '../schemas/index.ts';
import { Api, type Entity, type Reply } from './support/api.ts';
import { Sessions } from './support/sessions.ts';
import { embeddedUserFor } from './support/users.ts';

/** Read once per worker; playwright.config.ts has already refused a bad configuration. */
export const config = loadConfig();

/** The SO-AppToken header when one is configured (APP-TOKEN). */
export function appTokenHeader(): Record<string, string> {
  return config.appToken ? { 'SO-AppToken': config.appToken } : {};
}

export const expect = base.extend({
  toMatchSchema(received: unknown, schema: SchemaName) {
    const result = validate(schema, received);
    return {
      pass: result.ok,
      name: 'toMatchSchema',
      expected: schema,
      message: () =>
        result.ok
          ? `expected the body not to match ${schema}`
          : `expected the body to match ${schema}:\n  ${result.errors.join('\n  ')}\nbody: ${preview(received)}`,
    };
  },
  /** A `$select` answer: selected properties keep their schema, the others may only be null. */
  toMatchSelected(
    received: unknown,
    select: readonly string[],
    schema: 'ChatSessionEntity' | 'ChatSessionEntityWithLinks' = 'ChatSessionEntityWithLinks',
  ) {
    const result = validateSelected(schema, select, received);
    return {
      pass: result.ok,
      name: 'toMatchSelected',
      expected: select,
      message: () =>
        result.ok
          ? `expected the body not to match ${schema} with $select=${select.join(',')}`
          : `expected a ${schema} with $select=${select.join(',')}:\n  ${result.errors.join('\n  ')}`,
    };
  },
});

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}

/**
 * Asserts a 200 entity answer: status, a JSON (or XML, when asked) Content-Type with charset, and
 * the body against `schema`. Returns the body for value checks.
 */
export function expectEntity(
  reply: Reply<unknown>,
  schema: 'ChatSessionEntity' | 'ChatSessionEntityWithLinks',
  accept: string = mediaTypes.json,
): Entity {
  expect(reply.status, `status (body: ${reply.text.slice(0, 300)})`).toBe(200);
  expectContentType(reply, accept);
  expect(reply.body).toMatchSchema(schema);
  return reply.body as Entity;
}

/** A JSON Accept gives that JSON type, an XML Accept an XML type, a patch type some JSON (ACCEPT-*). */
export function expectContentType(reply: Reply<unknown>, accept: string): void {
  const type = reply.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (/xml/i.test(accept)) expect(type, `Content-Type for Accept ${accept}`).toMatch(/^(application|text)\/xml$/);
  else if (/^(application|text)\/json$/i.test(accept))
    expect(type, `Content-Type for Accept ${accept}`).toBe(accept.toLowerCase());
  else expect(type, `Content-Type for Accept ${accept}`).toMatch(/^(application|text)\/json$/);
}

/** A refused call: the status, an ErrorBody, and none of the entity's data. */
export function expectError(reply: Reply<unknown>, status: number): void {
  expect(reply.status, `status (body: ${reply.text.slice(0, 300)})`).toBe(status);
  expect(reply.body).toMatchSchema('ErrorBody');
}

/** The entity as a PUT body: without the WithLinks-only parts. */
export function entityBody(entity: Entity): Entity {
  const { TableRight: _t, FieldProperties: _f, _Links: _l, ...rest } = entity as Entity & { _Links?: unknown };
  return rest as Entity;
}

interface Fixtures {
  api: Api;
  apiAs: (auth: AuthConfig | null, extra?: Record<string, string>) => Promise<Api>;
  secondApi: Api | undefined;
  sessions: Sessions;
}

export const test = baseTest.extend<Fixtures>({
  /* Credentials are set here, not in playwright.config.ts: the JSON reporter writes the config's
     `use` into results.json, and the secret scan found the Basic header there. */
  extraHTTPHeaders: { ...authHeaders(config.auth), ...appTokenHeader() },
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
  apiAs: async ({ playwright, baseURL }, use) => {
    const contexts: Array<{ dispose: () => Promise<void> }> = [];
    await use(async (auth, extra = {}) => {
      const context = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { ...authHeaders(auth), ...extra },
      });
      contexts.push(context);
      return new Api(context);
    });
    for (const context of contexts) await context.dispose();
  },
  secondApi: async ({ apiAs }, use) => {
    await use(config.secondUser ? await apiAs(config.secondUser, appTokenHeader()) : undefined);
  },
  sessions: async ({ api, apiAs, baseURL }, use) => {
    const sessions = new Sessions({
      config,
      baseURL: baseURL as string,
      api,
      secondApi: async () => (config.secondUser ? apiAs(config.secondUser, appTokenHeader()) : undefined),
      usernames: { me: embeddedUserFor(config.auth)?.username, second: embeddedUserFor(config.secondUser)?.username },
    });
    await use(sessions);
    await sessions.cleanup();
  },
});

/** The primary user's associate id where the run can know it (embedded seed users). */
export const myAssociateId: number | undefined = embeddedUserFor(config.auth)?.associateId;
