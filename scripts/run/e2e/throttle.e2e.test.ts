/**
 * A throttled tenant (5 % of calls answered 503 with Retry-After: 1) is waited for politely:
 * the main job's API stage still passes. Without lib/retry.ts in the API suite, 18 checks fail.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startSync } from './e2e-support.ts';

test(
  '503 with Retry-After on 5 % of calls: the API stage waits, retries, and passes',
  { timeout: 240_000 },
  async () => {
    const faults = '{"*":{"status503Fraction":0.05,"retryAfterSeconds":1,"seed":7}}';
    const run = startSync(['--only', 'api'], { TENANT_FAULTS: faults }, 230_000);
    const reports = run.reports;
    assert.equal(run.code, 0, run.out.slice(-3000));
    const row = /Playwright API suite \| ✅ passed \| (\d+) passed, 0 failed/.exec(
      readFileSync(join(reports, 'summary.md'), 'utf8'),
    );
    assert.ok(row && Number(row[1]) > 100, `the API suite did not pass whole: ${row?.[0]}`);
  },
);
