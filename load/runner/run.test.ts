/**
 * `npm run load` refuses what it must not do and says why, with exit code 2 (could not run): a
 * production Online host without ALLOW_PRODUCTION_LOAD, the k6 engine with no k6, a bad option;
 * every run is bounded; and a whole run through the CLI writes the one report format.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findK6, K6Missing, root } from './k6.ts';
import { hostOf, isProductionHost, planRun } from './plan.ts';

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
    env: { ...clean, PATH: '/usr/bin:/bin', REPORTS_DIR: reports, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('npm run load: safety, prerequisites, bounds', () => {
  test('refuses a production Online host without ALLOW_PRODUCTION_LOAD, exit 2, no secret in the message', () => {
    const res = load({
      TENANT_URL: 'https://online.superoffice.com/Cust12345',
      AUTH_SCHEME: 'basic',
      SO_USERNAME: 'someone',
      SO_PASSWORD: 'not-a-real-password',
    });
    assert.equal(res.status, 2, res.stderr);
    assert.match(res.stdout, /refusing to load-test https:\/\/online\.superoffice\.com: it is the production Online/);
    assert.doesNotMatch(res.stdout + res.stderr, /not-a-real-password/);
  });

  test('tells production from Stage and SOD; hostOf never keeps credentials or paths', () => {
    assert.equal(isProductionHost('https://sod2.online.superoffice.com/Cust1'), true);
    assert.equal(isProductionHost('https://qaonline.superoffice.com/Cust1'), false);
    assert.equal(isProductionHost(undefined), false);
    assert.equal(
      hostOf('https://user:secret@Online.SuperOffice.com/Cust123/api?x=1'),
      'https://online.superoffice.com',
    );
  });

  test('the k6 engine with no k6 is exit 2 naming how to install it; K6_BIN or PATH is used when there', () => {
    const res = load({ LOAD_ENGINE: 'k6' });
    assert.equal(res.status, 2, res.stderr);
    assert.match(res.stdout, /the k6 engine needs a k6 program and there is none[^\n]*brew install k6/);
    assert.throws(
      () => findK6(join(reports, 'nope'), ''),
      (e: Error) => e instanceof K6Missing && /K6_BIN=.*nope is not an executable/.test(e.message),
    );
    const fake = join(reports, 'k6');
    writeFileSync(fake, '#!/bin/sh\necho "k6 v1.8.1 (fake)"\n');
    chmodSync(fake, 0o755);
    assert.equal(findK6(undefined, `/nowhere:${reports}`), fake);
  });

  test('an unknown profile, engine or option is exit 2', () => {
    assert.match(load({}, ['--profile', 'huge']).stdout, /--profile huge is not a profile/);
    assert.equal(load({}, ['--engine', 'jmeter']).status, 2);
    assert.equal(load({}, ['--frobnicate']).status, 2);
  });

  test('every run is bounded in time and requests; absurd plans are refused', () => {
    const plan = planRun('smoke', {});
    assert.deepEqual([plan.requests, plan.maxRequests], [100, 130]);
    assert.ok(plan.timeoutMs < 10 * 60_000);
    assert.throws(() => planRun('soak', { duration: '100h' }), /over the 21600 s limit/);
    assert.throws(() => planRun('soak', { rate: 100_000 }), /over the 5000000 limit/);
  });

  test('a short run writes summary.json naming the engine, junit.xml and the history, and exits 0', () => {
    const res = load({ LOAD_DURATION: '2s', LOAD_RATE: '10' });
    assert.equal(res.status, 0, res.stdout + res.stderr);
    const summary = JSON.parse(readFileSync(join(reports, 'load', 'latest', 'summary.json'), 'utf8')) as {
      figures: { engine: string; engineVersion: string; requests: number; passed: boolean };
    };
    assert.deepEqual(
      [summary.figures.engine, summary.figures.requests, summary.figures.passed],
      ['embedded', 20, true],
    );
    assert.match(summary.figures.engineVersion, /^undici \d/);
    assert.equal(readFileSync(join(reports, 'load', 'latest', 'junit.xml'), 'utf8').match(/<testcase /g)?.length, 6);
    assert.equal(
      readFileSync(join(reports, 'load', 'history.jsonl'), 'utf8')
        .trim()
        .split('\n').length,
      1,
    );
  });

  test('--help lists the profiles and engines and exits 0', () => {
    const res = load({}, ['--help']);
    assert.equal(res.status, 0);
    assert.match(res.stdout, /--accept-baseline/);
    assert.match(res.stdout, /--engine <name>/);
  });
});
