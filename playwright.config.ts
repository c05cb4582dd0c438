/**
 * Playwright API conformance suite (api/): the `request` fixture only, no browser. Without
 * TENANT_URL the embedded tenant is started through `webServer`; with it, the live tenant is used.
 * Credentials travel as `extraHTTPHeaders` built by lib/headers.ts from the typed config, set in
 * api/fixtures.ts rather than here: reporters serialise this file's `use` (results.json did
 * carry the Basic header until the secret scan caught it).
 */
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { configOrExit } from './lib/config.ts';

const config = configOrExit();
const reports = join(config.reportsDir, 'playwright');
const host = config.embedded.host.includes(':') ? `[${config.embedded.host}]` : config.embedded.host;
const embeddedUrl = `http://${host}:${config.embedded.port}`;
const baseURL = config.target === 'live' ? (config.tenantUrl as string) : embeddedUrl;

export default defineConfig({
  testDir: 'api',
  outputDir: join(reports, 'test-results'),
  forbidOnly: !!process.env.CI,
  /* a failure is a finding, never retried away */
  retries: 0,
  fullyParallel: true,
  /* live runs may share one configured session, so they go one at a time */
  workers: config.target === 'live' ? 1 : 2,
  timeout: 15_000,
  reporter: [
    ['list'],
    ['html', { outputFolder: join(reports, 'html'), open: 'never' }],
    ['junit', { outputFile: join(reports, 'junit.xml') }],
    ['json', { outputFile: join(reports, 'results.json') }],
  ],
  use: {
    baseURL,
    /* API traces record request headers (Authorization) unredacted, so none are kept */
    trace: 'off',
  },
  webServer:
    config.target === 'live'
      ? undefined
      : {
          command: 'npx tsx tenant/server.ts',
          /* any route that answers 401 without credentials proves the tenant is up */
          url: `${embeddedUrl}/api/v1/ChatSession/default`,
          reuseExistingServer: !process.env.CI,
          timeout: 30_000,
          env: { TENANT_PORT: String(config.embedded.port), TENANT_HOST: config.embedded.host },
          stdout: 'ignore',
          stderr: 'pipe',
        },
});
