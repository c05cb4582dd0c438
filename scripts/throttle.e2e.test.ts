/**
 * A throttled tenant (5 % of calls answered 503 with Retry-After: 1) is waited for politely:
 * the main job's API stage still passes. Without lib/retry.ts in the API suite, 18 checks fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test(
  '503 with Retry-After on 5 % of calls: the API stage waits, retries, and passes',
  { timeout: 240_000 },
  async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const reports = mkdtempSync(join(tmpdir(), 'throttle-'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      REPORTS_DIR: reports,
      TENANT_PORT: String(port),
      TENANT_FAULTS: '{"*":{"status503Fraction":0.05,"retryAfterSeconds":1,"seed":7}}',
    };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--only', 'api'], {
      cwd: join(import.meta.dirname, '..'),
      env,
      encoding: 'utf8',
      timeout: 230_000,
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`.slice(-3000));
    assert.match(
      readFileSync(join(reports, 'summary.md'), 'utf8'),
      /Playwright API suite \| ✅ passed \| 153 passed, 0 failed/,
    );
  },
);
