/**
 * Secrets never reach a report, a pact file, a trace or a log: every stage runs with sentinel
 * credentials (password, ticket, token, app token, admin token, broker token), then every byte
 * under reports/ and all console output is searched for them and their encoded forms.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const common = {
  SO_APP_TOKEN: 'SENTINEL-APP-9c1d',
  TENANT_ADMIN_TOKEN: 'SENTINEL-ADMIN-4e2b',
  PACT_BROKER_TOKEN: 'SENTINEL-BROKER-1a5e',
};

/** A secret and the forms it travels in (Basic header, URL, JSON). */
function forms(secret: string, username?: string): string[] {
  const list = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
  if (username) list.push(Buffer.from(`${username}:${secret}`).toString('base64'));
  return list;
}

/** A port nobody listens on now. */
async function freePort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return String(port);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const runs = [
  {
    name: 'basic',
    stages: [],
    vars: { AUTH_SCHEME: 'basic', SO_USERNAME: 'tje0', SO_PASSWORD: 'SENTINEL-PW-7f3a' },
    secret: 'SENTINEL-PW-7f3a',
    user: 'tje0',
  },
  {
    name: 'soticket',
    stages: ['--only', 'contracts,verify,api'],
    vars: { AUTH_SCHEME: 'soticket', SO_TICKET: 'SENTINEL-TICKET-2b8e' },
    secret: 'SENTINEL-TICKET-2b8e',
  },
  {
    name: 'bearer',
    stages: ['--only', 'contracts,verify,load'],
    vars: { AUTH_SCHEME: 'bearer', SO_TOKEN: 'SENTINEL-TOKEN-6d0c' },
    secret: 'SENTINEL-TOKEN-6d0c',
  },
] as const;

describe('sentinel credentials leave no trace', () => {
  for (const run of runs) {
    test(`${run.name}: every byte under reports/ and the console output, zero hits`, { timeout: 300_000 }, async () => {
      const reports = mkdtempSync(join(tmpdir(), `sentinel-${run.name}-`));
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        REPORTS_DIR: reports,
        ...common,
        ...run.vars,
      };
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...run.stages], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 280_000,
      });
      const console = `${result.stdout}${result.stderr}`;
      assert.equal(
        result.status,
        0,
        `the run must pass with the sentinel credentials, or the scan proves little:\n${console.slice(-3000)}`,
      );
      const needles = [
        ...forms(run.secret, 'user' in run ? run.user : undefined),
        ...Object.values(common).flatMap((s) => forms(s)),
      ];
      const written = files(reports);
      assert.ok(written.length > 10, `expected the run's reports, found ${written.length} files`);
      const hits: string[] = [];
      for (const file of written) {
        const bytes = readFileSync(file);
        for (const needle of needles)
          if (bytes.includes(needle)) hits.push(`${file.slice(reports.length + 1)}: ${needle}`);
      }
      for (const needle of needles) if (console.includes(needle)) hits.push(`console: ${needle}`);
      assert.deepEqual(hits, [], `${written.length} files scanned`);
    });
  }
});

describe('passwords in URLs', () => {
  const scan = (reports: string, console: string, needle: string) => [
    ...files(reports).filter((f) => readFileSync(f).includes(needle)),
    ...(console.includes(needle) ? ['console'] : []),
  ];

  test('a TENANT_URL with user info is refused (exit 2) and its password is written nowhere', () => {
    const reports = mkdtempSync(join(tmpdir(), 'userinfo-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', REPORTS_DIR: reports };
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...env, TENANT_URL: 'http://agent:SENTINEL-URLPW-3c9d@127.0.0.1:9', AUTH_SCHEME: 'basic' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const console = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 2, console);
    assert.match(console, /TENANT_URL="http:\/\/\*\*\*@127\.0\.0\.1:9" must not carry user info/);
    assert.deepEqual(scan(reports, console, 'SENTINEL-URLPW-3c9d'), []);
  });

  test('a broker URL with user info that cannot be reached: exit 2, the password masked everywhere', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'broker-'));
    const closed = await freePort(); // nobody listens there: the publish fails
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--only', 'contracts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        REPORTS_DIR: reports,
        PACT_BROKER_BASE_URL: `http://ci:SENTINEL-BROKERPW-8a1f@127.0.0.1:${closed}`,
        PACT_BROKER_TOKEN: 'SENTINEL-BROKER-1a5e',
        // The pact-broker CLI's own setting: one retry, not its default 8 (63 s of back-off).
        PACT_BROKER_HTTP_RETRIES: '1',
      },
      encoding: 'utf8',
      timeout: 240_000,
    });
    const console = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 2, console.slice(-3000));
    assert.match(console, /INCOMPLETE/);
    for (const needle of forms('SENTINEL-BROKERPW-8a1f', 'ci')) assert.deepEqual(scan(reports, console, needle), []);
  });
});
