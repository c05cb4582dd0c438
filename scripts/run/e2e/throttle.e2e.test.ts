/**
 * A throttled tenant (5 % of calls answered 503 with Retry-After: 1) is waited for politely:
 * the main job's API stage still passes. Without lib/retry.ts in the API suite, 18 checks fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test(
  '503 with Retry-After on 5 % of calls: the API stage waits, retries, and passes',
  { timeout: 240_000 },
  async () => {
    const reports = mkdtempSync(join(tmpdir(), 'throttle-'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      REPORTS_DIR: reports,
      TENANT_FAULTS: '{"*":{"status503Fraction":0.05,"retryAfterSeconds":1,"seed":7}}',
    };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--only', 'api'], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      env,
      encoding: 'utf8',
      timeout: 230_000,
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`.slice(-3000));
    const row = /Playwright API suite \| ✅ passed \| (\d+) passed, 0 failed/.exec(
      readFileSync(join(reports, 'summary.md'), 'utf8'),
    );
    assert.ok(row && Number(row[1]) > 100, `the API suite did not pass whole: ${row?.[0]}`);
  },
);
