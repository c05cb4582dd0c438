import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const load = (env: Record<string, string>) => loadConfig({ env, envFile: false });
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  assert.fail('expected a ConfigError');
};
/** A live tenant with Basic auth for user u (no password): each test adds or changes what it is about. */
const live = (more: Record<string, string> = {}) => ({
  TENANT_URL: 'https://t.example',
  AUTH_SCHEME: 'basic',
  SO_USERNAME: 'u',
  ...more,
});

describe('loadConfig', () => {
  test('with no variable set uses the embedded tenant and the docs user tje0', () => {
    const config = load({});
    assert.equal(config.target, 'embedded');
    assert.deepEqual(config.auth, { scheme: 'basic', username: 'tje0', password: 'Tje0' });
    assert.equal(config.nsApiSlowMs, 5000);
    assert.equal(config.load.profile, 'smoke');
  });

  test('returns a frozen config', () => {
    const config = load({});
    assert.equal(Object.isFrozen(config), true);
    assert.equal(Object.isFrozen(config.load), true);
  });

  test('reads a live tenant with basic auth and coerces numbers', () => {
    const config = load(
      live({
        TENANT_URL: 'https://sod.superoffice.com/Cust1234/',
        SO_PASSWORD: 'p4ss',
        NS_API_SLOW_MS: '3000',
        CHAT_SESSION_ID: '77',
      }),
    );
    assert.equal(config.target, 'live');
    assert.equal(config.tenantUrl, 'https://sod.superoffice.com/Cust1234');
    assert.equal(config.nsApiSlowMs, 3000);
    assert.equal(config.chatSessionId, 77);
  });

  test('lists secrets, including the Basic header form of the password', () => {
    const config = load(live({ SO_PASSWORD: 'p4ss', SO_APP_TOKEN: 'app-123' }));
    assert.ok(config.secrets.includes('p4ss'));
    assert.ok(config.secrets.includes(Buffer.from('u:p4ss').toString('base64')));
    assert.ok(config.secrets.includes('app-123'));
  });

  test('a missing AUTH_SCHEME with TENANT_URL names the variable and gives an example', () => {
    assert.deepEqual(problems({ TENANT_URL: 'https://t.example' }), [
      'AUTH_SCHEME is missing: it is required when TENANT_URL is set. ' +
        'How to authenticate to the live tenant. Example: AUTH_SCHEME=basic',
    ]);
  });

  const badUrl = String.raw`^TENANT_URL="sod\.superoffice\.com" must start with http:\/\/ or https:\/\/\. .*`;
  const badUrlExample = String.raw` Example: TENANT_URL=https:\/\/sod\.superoffice\.com\/Cust12345$`;
  for (const [title, env, first] of [
    [
      'an unknown auth scheme lists the schemes there are',
      { TENANT_URL: 'https://t.example', AUTH_SCHEME: 'ntlm' },
      /^AUTH_SCHEME="ntlm" must be one of basic, soticket, bearer, xsrf\. .* Example: AUTH_SCHEME=basic$/,
    ],
    [
      'a malformed URL is named with its value and an example',
      { TENANT_URL: 'sod.superoffice.com', AUTH_SCHEME: 'bearer', SO_TOKEN: 't' },
      new RegExp(badUrl + badUrlExample),
    ],
    [
      'a URL ending in /api/v1 is refused',
      { TENANT_URL: 'https://t.example/api/v1', AUTH_SCHEME: 'bearer', SO_TOKEN: 't' },
      /^TENANT_URL="https:\/\/t\.example\/api\/v1" must be the tenant base URL without \/api\/v1/,
    ],
    [
      'a non-integer threshold is refused',
      { NS_API_SLOW_MS: '5s' },
      /^NS_API_SLOW_MS="5s" must be integer\. .* Example: NS_API_SLOW_MS=5000$/,
    ],
    ['an out-of-range share is refused', { LOAD_MAX_SLOW_SHARE: '2' }, /^LOAD_MAX_SLOW_SHARE="2" must be <= 1/],
    [
      'a broker URL without its token names PACT_BROKER_TOKEN',
      { PACT_BROKER_BASE_URL: 'https://broker.example' },
      /^PACT_BROKER_TOKEN is missing: it is required when PACT_BROKER_BASE_URL is set/,
    ],
  ] as const) {
    test(title, () => {
      assert.match(problems(env)[0] ?? '', first);
    });
  }

  for (const [scheme, missing] of [
    ['basic', 'SO_PASSWORD'],
    ['soticket', 'SO_TICKET'],
    ['bearer', 'SO_TOKEN'],
    ['xsrf', 'SO_XSRF_TOKEN'],
  ] as const) {
    test(`AUTH_SCHEME=${scheme} without ${missing} names ${missing}`, () => {
      const found = problems(live({ AUTH_SCHEME: scheme }));
      assert.ok(
        found.some((p) => p.startsWith(`${missing} is missing: it is required when AUTH_SCHEME=${scheme}`)),
        found.join('\n'),
      );
    });
  }

  test('never prints a secret value in a problem', () => {
    const found = problems({ TENANT_ADMIN_TOKEN: 'short' }).join('\n');
    assert.match(found, /^TENANT_ADMIN_TOKEN=\(value hidden\) must NOT have fewer than 8 characters/);
    assert.doesNotMatch(found, /short"/);
  });

  test('reads .env, lets the environment win, and names unknown variables with a suggestion', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'NS_API_SLOW_MS=4000\nLOAD_PROFILE=load\n');
    const config = loadConfig({ env: { LOAD_PROFILE: 'stress' }, envFile });
    assert.equal(config.nsApiSlowMs, 4000);
    assert.equal(config.load.profile, 'stress');
    writeFileSync(envFile, 'TENANT_ULR=https://t.example\n');
    assert.throws(
      () => loadConfig({ env: {}, envFile }),
      (err: ConfigError) =>
        err.problems[0] ===
        `TENANT_ULR (in ${envFile}) is not a variable this harness reads (did you mean TENANT_URL?)`,
    );
  });

  test('a TENANT_URL with user info is refused without echoing the password', () => {
    const found = problems({
      TENANT_URL: 'https://agent:hunter22@sod.superoffice.com/Cust1',
      AUTH_SCHEME: 'bearer',
      SO_TOKEN: 't',
    });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^TENANT_URL=.* must not carry user info \(user:password@\)/);
    assert.doesNotMatch(found.join('\n'), /hunter22|agent/);
  });

  test('a broker URL with user info is accepted and its password is a secret', () => {
    const config = load({ PACT_BROKER_BASE_URL: 'https://ci:br0ker-pw@broker.example', PACT_BROKER_TOKEN: 'tok-123' });
    assert.ok(config.secrets.includes('br0ker-pw'));
    assert.ok(config.secrets.includes(Buffer.from('ci:br0ker-pw').toString('base64')));
  });

  test('plain http to a host other than loopback warns, and refuses Basic credentials', () => {
    const insecure = live({ TENANT_URL: 'http://crm.example.com/SuperOffice' });
    const found = problems({ ...insecure, SO_PASSWORD: 'p4ss' });
    assert.match(found[0] ?? '', /^TENANT_URL="http:\/\/crm\.example\.com\/SuperOffice" sends Basic credentials/);
    assert.match(found[0] ?? '', /ALLOW_INSECURE_HTTP=true/);
    const allowed = load({ ...insecure, SO_PASSWORD: 'p4ss', ALLOW_INSECURE_HTTP: 'true' });
    assert.match(allowed.warnings.join('\n'), /plain http to crm\.example\.com/);
    const bearer = load({ TENANT_URL: 'http://crm.example.com', AUTH_SCHEME: 'bearer', SO_TOKEN: 'tok' });
    assert.match(bearer.warnings.join('\n'), /plain http to crm\.example\.com/);
    for (const host of ['127.0.0.1:3777', 'localhost', '[::1]:8080', '127.0.0.5'])
      assert.deepEqual(load({ ...insecure, TENANT_URL: `http://${host}`, SO_PASSWORD: 'p' }).warnings, [], host);
  });

  test('a typo of a variable in the environment is named with the near name', () => {
    const found = problems(live({ SO_PASWORD: 'x' }));
    assert.ok(
      found.some((p) =>
        /^SO_PASSWORD is missing: .*The environment has SO_PASWORD: did you mean SO_PASSWORD\?/.test(p),
      ),
      found.join('\n'),
    );
    assert.deepEqual(problems({ NS_API_SLOW: '3000' }), [
      'NS_API_SLOW (in the environment) is not a variable this harness reads (did you mean NS_API_SLOW_MS?)',
    ]);
    assert.doesNotMatch(found.join('\n'), /"x"/);
  });

  test('variables of other programs in the environment are left alone', () => {
    assert.equal(
      load({ PATH: '/usr/bin', HOME: '/root', CI: 'true', LOAD_AVG: '1', NODE_ENV: 'test' }).target,
      'embedded',
    );
  });

  test('with AUTH_SCHEME but no TENANT_URL uses the embedded user for that scheme', () => {
    assert.deepEqual(load({ AUTH_SCHEME: 'bearer' }).auth, { scheme: 'bearer', token: 'tje0-bearer-token' });
  });
});

test('.env.example documents exactly the variables the schema defines', async () => {
  const { readFileSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(new URL('./env.schema.json', import.meta.url), 'utf8')) as {
    properties: Record<string, unknown>;
  };
  const documented = [
    ...readFileSync(new URL('../.env.example', import.meta.url), 'utf8').matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm),
  ].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), Object.keys(schema.properties).sort());
});
