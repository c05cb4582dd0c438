/**
 * The suite's `test` and `expect`: `expect(body).toMatchSchema(name)` / `toMatchSelected(select)`
 * check a body against schemas/ with the loader's readable messages, and the fixtures give each
 * test an `api` for the configured user, `apiAs(auth)` for anyone else, and `sessions` that a test
 * may change (see support/sessions.ts for how a live tenant is left as found). How a check judges
 * only its own clause (blame, shape, observe) is in support/checks.ts.
 */
import { _baseTest as baseTest, expect as base } from '@playwright/test';
import { loadConfig, type AuthConfig } from '../lib/config.ts';
import { authHeaders } from '../lib/headers.ts';
import { failureType, tenantType } from '../lib/observed.ts';
import { validate, validateSelected, type SchemaName } from '../schemas/index.ts';
import { Api, type LoggedCall } from './support/api.ts';
import * as checks from './support/checks.ts';
import { Sessions } from './support/sessions.ts';
import { defaultTenant, modesVariable, tenantModes, tenantUrlFor } from './support/tenants.ts';
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

export const { blame, entityOf, expectValues, shape, documented, linkParts } = checks;

/** `observe` with this run's target and strictness (support/checks.ts). */
export const observe = <T>(o: checks.Observed<T>): boolean => checks.observe(config, o);

/** An error answer's body for `clause` (support/checks.ts). */
export const errorBody = (clause: string, reply: Parameters<typeof checks.errorBody>[2]): void =>
  checks.errorBody(config, clause, reply);

/**
 * The suite's tests, once for the tenant under test, or (deviation proof) once per embedded tenant
 * mode, each copy in a describe named for the mode and pointed at that mode's tenant.
 */
export function forEachTenant(body: () => void): void {
  const modes = process.env[modesVariable];
  if (!modes) return body();
  for (const mode of tenantModes(modes))
    test.describe(`[tenant ${mode.name.length > 40 ? `${mode.name.split(',').length} modes` : mode.name}]`, () => {
      test.use({ tenant: mode.name });
      body();
    });
}

interface Fixtures {
  /** Which embedded tenant the test runs against (support/tenants.ts). */
  tenant: string;
  baseURL: string;
  calls: LoggedCall[];
  keepWorker: void;
  api: Api;
  apiAs: (auth: AuthConfig | null, extra?: Record<string, string>) => Promise<Api>;
  secondApi: Api | undefined;
  sessions: Sessions;
}

/* Fixtures are boxed ('self'): each reported step costs a captured stack and a message to the
   runner, and the deviation proof runs the suite once per tenant mode. */
const boxed = { box: 'self' } as const;

export const test = baseTest.extend<Fixtures>({
  /* The tenant under test: the live one, or the embedded one the global setup started for this project. */
  tenant: [defaultTenant, { option: true }],
  baseURL: [
    async ({ tenant }, use) => {
      const url = config.target === 'live' ? config.tenantUrl : tenantUrlFor(tenant);
      if (!url) throw new Error(`no tenant ${tenant}: the global setup did not start one`);
      await use(url);
    },
    boxed,
  ],
  /* Every call of the test (method, URL, status, the start of the answer; no request headers),
     attached to a test that fails, so its report shows what the tenant answered. */
  calls: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use, testInfo) => {
      const calls: LoggedCall[] = [];
      await use(calls);
      if (testInfo.status !== testInfo.expectedStatus && calls.length)
        await testInfo.attach('calls.json', { body: JSON.stringify(calls, null, 2), contentType: 'application/json' });
    },
    boxed,
  ],
  /* The deviation proof (several tenant projects at once) records a failure as an annotation and
     keeps the worker: restarting one per expected failure would cost minutes (lib/observed.ts). */
  keepWorker: [
    async ({ tenant }, use, testInfo) => {
      if (process.env[modesVariable]) testInfo.annotations.push({ type: tenantType, description: tenant });
      await use();
      if (!process.env[modesVariable] || testInfo.status !== 'failed' || testInfo.expectedStatus !== 'passed') return;
      const error = testInfo.errors[0];
      // eslint-disable-next-line no-control-regex -- the error message is coloured with ANSI escapes
      const message = (error?.message ?? 'failed').replace(/\u001b\[[0-9;]*m/g, '').slice(0, 2000);
      testInfo.annotations.push({ type: failureType, description: message });
      testInfo.expectedStatus = 'failed';
    },
    { auto: true, ...boxed },
  ],
  /* Credentials are set here, never in playwright.config.ts: reporters write the config's `use`
     into their files (results.json carried the Basic header until the secret scan caught it). */
  api: [
    async ({ baseURL, calls }, use) => {
      const headers = { ...authHeaders(config.auth), ...appTokenHeader() };
      await use(new Api({ baseURL, headers, log: calls }));
    },
    boxed,
  ],
  apiAs: [
    async ({ baseURL, calls }, use) => {
      await use(async (auth, extra = {}) => {
        return new Api({ baseURL, headers: { ...authHeaders(auth), ...extra }, log: calls });
      });
    },
    boxed,
  ],
  secondApi: [
    async ({ apiAs }, use) => {
      await use(config.secondUser ? await apiAs(config.secondUser, appTokenHeader()) : undefined);
    },
    boxed,
  ],
  sessions: [
    async ({ api, apiAs, baseURL }, use) => {
      const sessions = new Sessions({
        config,
        baseURL,
        api,
        secondApi: async () => (config.secondUser ? apiAs(config.secondUser, appTokenHeader()) : undefined),
        usernames: {
          me: embeddedUserFor(config.auth)?.username,
          second: embeddedUserFor(config.secondUser)?.username,
        },
      });
      await use(sessions);
      await sessions.cleanup();
    },
    boxed,
  ],
});

/** The primary user's associate id where the run can know it (embedded seed users). */
export const myAssociateId: number | undefined = embeddedUserFor(config.auth)?.associateId;
