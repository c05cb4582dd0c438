/**
 * The report page in a real browser: Debian's Chromium through Playwright's executablePath (no
 * browser download). Checks the verdict and the clause matrix render, and saves a screenshot.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from '@playwright/test';
import { createRedactor } from '../../lib/redact.ts';
import { buildRun } from './fixtures.ts';
import { writeReport } from './write.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the report renders its verdict and clause matrix in headless Chromium', async (t) => {
  if (!existsSync(executablePath)) {
    if (process.env.CI) assert.fail(`${executablePath} is missing: .ci/run installs Debian's chromium package`);
    return t.skip(`no Chromium at ${executablePath} (apt-get install chromium)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'report-page-'));
  const run = buildRun();
  run.stages.push({
    id: 'verify',
    title: 'Pact provider verification',
    status: 'failed',
    // Long enough to squeeze the Time column, as a real run's details do.
    detail: '14 passed, 1 failed: PATCH-409 a failed test operation is refused with 409 (expected 409, was 200)',
    seconds: 15.2,
    links: [],
    checks: [
      {
        name: 'PATCH-409 a failed test operation is refused with 409',
        suite: 'pact',
        status: 'failed',
        message: 'expected 409 but was 200',
      },
    ],
  });
  const { html } = writeReport(dir, run, createRedactor([]));
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`file://${html}`);
    assert.equal(await page.locator('#verdict').getAttribute('data-verdict'), 'FAILED');
    assert.match((await page.locator('#verdict').textContent()) ?? '', /PATCH-409/);
    assert.equal(await page.locator('#clauses tr[data-clause]').count(), 45);
    assert.equal(await page.locator('#clauses tr[data-clause="PATCH-409"]').getAttribute('data-status'), 'failed');
    assert.equal(await page.locator('#stages tr').count(), 5);
    // A stage's time ("15.2 s") and a clause's "4 checks" stay on one line in their narrow columns.
    const lines = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const range = el.ownerDocument.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
    for (const selector of ['#stages tr:last-child td:nth-child(4)', '#clauses summary'])
      assert.equal(await lines(selector), 1, `${selector} wraps onto more than one line`);
    const shots = join(process.cwd(), 'reports', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
