import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startTenant } from '../../../tenant/start.ts';
import { ciEnvironment, startLiveRun, startSync, untilRunCreatesASession } from './e2e-support.ts';

const root = join(import.meta.dirname, '..', '..', '..');

const start = startSync;

/** `start`, without blocking this process: a tenant started here keeps answering meanwhile. */
function startAsync(args: string[], vars: Record<string, string>): Promise<{ code: number; out: string }> {
  const { env } = ciEnvironment(vars, 'start-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', ...args],
      { cwd: root, env, encoding: 'utf8', timeout: 240_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start exit codes', () => {
  test('--help documents every option and exits 0', () => {
    const { code, out } = start(['--help']);
    assert.equal(code, 0);
    for (const option of ['--only', '--skip', '--profile', '--tenant-deviation', '--help'])
      assert.match(out, new RegExp(option));
  });

  test('an unknown option exits 2 naming it', () => {
    const { code, out } = start(['--fast']);
    assert.equal(code, 2);
    assert.match(out, /error: Unknown option '--fast'/);
  });

  test('an unknown stage exits 2 naming it', () => {
    const { code, out } = start(['--only', 'api,perf']);
    assert.equal(code, 2);
    assert.match(out, /--only names unknown stage\(s\): perf/);
  });

  test('leaving out every test stage exits 2: nothing would be verified, so nothing passes', () => {
    for (const args of [
      ['--skip', 'contracts,verify,api,load'],
      ['--only', 'config,tenant'],
    ]) {
      const { code, out } = start(args);
      assert.equal(code, 2, out);
      assert.match(out, /leaves no test stage to run, so nothing about the tenant would be verified/);
      assert.doesNotMatch(out, /PASSED/);
    }
  });

  test('a bad configuration exits 2 naming the variable, before any request', () => {
    const { code, out } = start([], { TENANT_URL: 'https://tenant.example' });
    assert.equal(code, 2);
    assert.match(out, /AUTH_SCHEME is missing: it is required when TENANT_URL is set/);
  });

  test('an unreachable tenant exits 2 with the reason and leaves a report marked incomplete', async () => {
    const port = await closedPort();
    const { code, out, reports } = start([], {
      TENANT_URL: `http://127.0.0.1:${port}`,
      AUTH_SCHEME: 'bearer',
      SO_TOKEN: 'sentinel-token-5150',
    });
    assert.equal(code, 2);
    assert.match(out, new RegExp(`127\\.0\\.0\\.1:${port} is unreachable: ECONNREFUSED`));
    const summary = readFileSync(join(reports, 'summary.md'), 'utf8');
    assert.match(summary, /^## ChatSession API verification: INCOMPLETE/);
    assert.match(summary, /Pact consumer tests \| ⏭️ not-run/);
    assert.doesNotMatch(out + summary + readFileSync(join(reports, 'index.html'), 'utf8'), /sentinel-token-5150/);
  });

  // The title is kept whole: README.md cites it.
  const reusedPortTitle =
    'a tenant already on TENANT_PORT is never the one tested: exit 1 naming PATCH-409, nothing written there';
  test(reusedPortTitle, async () => {
    // Issue 14.1: Playwright's reuseExistingServer once ran the suite against this other tenant (exit 0).
    const other = await startTenant({});
    const before = other.control.state().sessions;
    try {
      const port = new URL(other.url).port;
      const { code, out } = await startAsync(['--only', 'api', '--tenant-deviation', 'test-op-200'], {
        TENANT_PORT: port,
      });
      assert.equal(code, 1, out);
      assert.match(out, /FAILED — 1 clause failed: PATCH-409/);
      assert.equal(other.control.state().sessions, before, 'the run wrote sessions into a tenant it did not start');
    } finally {
      await other.close();
    }
  });

  test('the embedded tenant in deviation mode test-op-200 fails, and the report names PATCH-409', () => {
    const { code, out, reports } = start(['--only', 'contracts,verify', '--tenant-deviation', 'test-op-200']);
    assert.equal(code, 1, out);
    assert.match(out, /FAILED — 1 clause failed: PATCH-409/);
    assert.match(
      readFileSync(join(reports, 'summary.md'), 'utf8'),
      /- `PATCH-409` 409 when a test operation detects a conflict/,
    );
  });
});

describe('npm start on bad configuration of every kind', () => {
  const cases = [
    [
      { TENANT_URL: 'ftp://tenant.example', AUTH_SCHEME: 'basic', SO_USERNAME: 'u', SO_PASSWORD: 'p' },
      /TENANT_URL="ftp:\/\/tenant\.example" must start with http:\/\/ or https:\/\//,
    ],
    [
      { TENANT_URL: 'https://tenant.example', AUTH_SCHEME: 'kerberos' },
      /AUTH_SCHEME="kerberos" must be one of basic, soticket, bearer, xsrf/,
    ],
    [
      { TENANT_URL: 'https://tenant.example', AUTH_SCHEME: 'bearer' },
      /SO_TOKEN is missing: it is required when AUTH_SCHEME=bearer/,
    ],
    [{ NS_API_SLOW_MS: 'fast' }, /NS_API_SLOW_MS="fast" must be integer/],
    [{ LOAD_PROFILE: 'huge' }, /LOAD_PROFILE="huge" must be one of smoke, load, stress, spike, soak/],
    [{ TENANT_DEVIATIONS: 'no-such-mode' }, /the embedded tenant cannot start: .*TENANT_DEVIATIONS/],
  ] as const;
  for (const [vars, message] of cases) {
    test(`exits 2 for ${JSON.stringify(vars)}, naming the variable`, () => {
      const { code, out } = start([], vars);
      assert.equal(code, 2, out);
      assert.match(out, message);
    });
  }
});

test(
  'a tenant that goes away mid-run: exit 2, the stage and reason named, report incomplete, never passed',
  { timeout: 240_000 },
  async () => {
    const tenant = await startTenant({ seedSessions: 60 });
    const run = startLiveRun(tenant, ['--only', 'api,load']);
    assert.ok(await untilRunCreatesASession(tenant, 60), run.output());
    tenant.app.server.closeAllConnections();
    await tenant.close();
    const code = await run.exited;
    const out = run.output();
    assert.equal(code, 2, out);
    assert.match(out, /\[\d\/\d\] (api|load): error: the tenant stopped answering \(ECONNREFUSED\) during this stage/);
    const summary = readFileSync(join(run.reports, 'summary.md'), 'utf8');
    assert.match(summary, /^## ChatSession API verification: INCOMPLETE/);
    assert.match(summary, /PUT load vs NsApiSlow \| ⏭️ not-run \| not run: the tenant stopped answering/);
    assert.doesNotMatch(summary, /PASSED/);
  },
);

describe('REPORTS_DIR', () => {
  test('a folder the harness did not write is refused (exit 2) and every file in it is kept', () => {
    const mine = mkdtempSync(join(tmpdir(), 'mine-'));
    for (const sub of ['playwright', 'pacts', join('load', 'latest')]) {
      mkdirSync(join(mine, sub), { recursive: true });
      writeFileSync(join(mine, sub, 'notes.txt'), `my ${sub} notes`);
    }
    const { code, out } = start(['--only', 'contracts'], { REPORTS_DIR: mine });
    assert.equal(code, 2, out);
    assert.match(out, /REPORTS_DIR=.* holds files the harness did not write \(load, pacts, playwright\)/);
    for (const sub of ['playwright', 'pacts', join('load', 'latest')])
      assert.equal(readFileSync(join(mine, sub, 'notes.txt'), 'utf8'), `my ${sub} notes`);
    assert.deepEqual(readdirSync(mine).sort(), ['load', 'pacts', 'playwright']);
  });
});
