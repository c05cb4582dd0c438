/**
 * Playwright API conformance suite (api/): HTTP calls only, no browser. Without TENANT_URL the
 * global setup starts the embedded tenant on a free port (one per mode when the deviation proof
 * asks for several, api/support/tenants.ts); with it, the live tenant is used.
 * Credentials travel as `extraHTTPHeaders` built by lib/headers.ts from the typed config, set in
 * api/fixtures.ts rather than here: reporters serialise this file's `use` (results.json did
 * carry the Basic header until the secret scan caught it).
 */
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { configOrExit } from './lib/config.ts';

const config = configOrExit();
const reports = join(config.reportsDir, 'playwright');

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
  globalSetup: './api/global-setup.ts',
  /* the tenant's base URL is a fixture (api/fixtures.ts): it is known after the global setup */
  projects: [{ name: config.target === 'live' ? 'live' : 'embedded' }],
  use: {
    /* API traces record request headers (Authorization) unredacted, so none are kept */
    trace: 'off',
  },
});
