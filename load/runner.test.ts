/**
 * `npm run load` refuses what it must not do and says why, with exit code 2 (could not run):
 * a production Online host without ALLOW_PRODUCTION_LOAD, a k6 that is missing or cannot be built.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findK6, K6Missing, root } from '../scripts/load-k6.ts';
import { isProductionHost, planRun } from '../scripts/load-run.ts';

const reports = mkdtempSync(join(tmpdir(), 'load-runner-'));
after(() => rmSync(reports, { recursive: true, force: true }));

/** Runs scripts/load.ts with only the given variables (no .env influence beyond the repo's). */
function load(env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TENANT_|SO_|AUTH_|LOAD_|K6_|NS_API|ALLOW_|CHAT_SESSION|REPORTS_DIR)/.test(k),
    ),
  );
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'load.ts'), ...args], {
    cwd: root,
    env: { ...clean, REPORTS_DIR: reports, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const online = {
  TENANT_URL: 'https://online.superoffice.com/Cust12345',
  AUTH_SCHEME: 'basic',
  SO_USERNAME: 'someone',
  SO_PASSWORD: 'not-a-real-password',
};

describe('npm run load: safety and prerequisites', () => {
  test('refuses a production Online host without ALLOW_PRODUCTION_LOAD, exit 2, no secret in the message', () => {
    const res = load(online);
    assert.equal(res.status, 2, res.stderr);
    assert.match(
      res.stderr,
      /refusing to load-test https:\/\/online\.superoffice\.com: it is the production Online environment/,
    );
    assert.match(res.stderr, /ALLOW_PRODUCTION_LOAD=true/);
    assert.doesNotMatch(res.stdout + res.stderr, /not-a-real-password/);
  });

  test('tells production from Stage and SOD', () => {
    assert.equal(isProductionHost('https://online.superoffice.com/Cust1'), true);
    assert.equal(isProductionHost('https://sod2.online.superoffice.com/Cust1'), true);
    assert.equal(isProductionHost('https://qaonline.superoffice.com/Cust1'), false);
    assert.equal(isProductionHost('https://sod.superoffice.com/Cust1'), false);
    assert.equal(isProductionHost(undefined), false);
  });

  test('a K6_BIN that is not there stops the run with exit 2 and says what to do', () => {
    const res = load({ K6_BIN: join(reports, 'no-such-k6') });
    assert.equal(res.status, 2, res.stderr);
    assert.match(res.stderr, /K6_BIN=.*no-such-k6 is not an executable file: point it at a k6 binary, or unset it/);
  });

  test('a missing k6 whose build fails is a K6Missing error naming npm run k6:build and K6_BIN', () => {
    const built = join(reports, 'tools', 'k6');
    assert.throws(
      () =>
        findK6({
          k6Bin: undefined,
          built,
          buildCommand: ['bash', '-c', 'echo "k6 build: ERROR: go is not on PATH" >&2; exit 2'],
        }),
      (err: Error) =>
        err instanceof K6Missing &&
        /k6 is missing and could not be built/.test(err.message) &&
        /npm run k6:build/.test(err.message) &&
        /K6_BIN/.test(err.message),
    );
  });

  test('an unknown profile or option is exit 2 with the help', () => {
    const res = load({}, ['--profile', 'huge']);
    assert.equal(res.status, 2);
    assert.match(res.stderr, /--profile huge is not a profile: use one of smoke, load, stress, spike, soak/);
    assert.equal(load({}, ['--frobnicate']).status, 2);
  });

  test('every run is bounded in time and requests; absurd plans are refused', () => {
    const plan = planRun('smoke', {});
    assert.equal(plan.maxRequests, 130);
    assert.ok(plan.timeoutMs < 10 * 60_000);
    assert.throws(() => planRun('soak', { duration: '100h' }), /over the 21600 s limit/);
    assert.throws(() => planRun('soak', { rate: 100_000 }), /over the 5000000 limit/);
  });

  test('--help lists the profiles and exits 0', () => {
    const res = load({}, ['--help']);
    assert.equal(res.status, 0);
    assert.match(res.stdout, /--accept-baseline/);
    assert.match(res.stdout, /spike/);
  });
});
