/**
 * load/k8s/testrun.yaml is a k6-operator TestRun for the archive `npm run load -- --archive`
 * writes: its shape, and its -e settings validated by lib/env.schema.json (the one validator of
 * every setting) and read by the k6 adapter. Without a k6, --archive is refused with exit 2 and how
 * to install one. The manifest is YAML in JSON flow style, so it is parsed without a YAML library.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../lib/config.ts';
import { root } from '../runner/k6.ts';
import { readSettings } from './settings.ts';

interface TestRun {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments?: string;
    runner?: {
      image?: string;
      env?: Array<{ name: string; value?: string }>;
      envFrom?: Array<{ secretRef?: { name: string } }>;
    };
  };
}

const text = readFileSync(join(root, 'load', 'k8s', 'testrun.yaml'), 'utf8');
const manifest = JSON.parse(
  text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    // Prettier writes the flow style with single quotes and trailing commas; the values hold neither.
    .replace(/'/g, '"')
    .replace(/,(\s*[}\]])/g, '$1'),
) as TestRun;
const reports = mkdtempSync(join(tmpdir(), 'load-archive-'));
after(() => rmSync(reports, { recursive: true, force: true }));

describe('load/k8s/testrun.yaml (k6-operator)', () => {
  test('is a TestRun with parallelism and the archive in a ConfigMap', () => {
    assert.equal(manifest.apiVersion, 'k6.io/v1alpha1');
    assert.equal(manifest.kind, 'TestRun');
    assert.match(manifest.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    assert.ok(Number.isInteger(manifest.spec.parallelism) && manifest.spec.parallelism >= 1);
    assert.deepEqual(manifest.spec.script.configMap, { name: 'put-chatsession', file: 'put-chatsession.tar' });
  });

  test('its -e settings pass lib/env.schema.json and the k6 adapter reads them; credentials come from a Secret', () => {
    const env = Object.fromEntries(
      [...(manifest.spec.arguments ?? '').matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    const user = Object.fromEntries(
      Object.entries(env).filter(([k]) =>
        /^(LOAD_(PROFILE|RATE|DURATION|MAX_VUS|SESSIONS|MAX_SLOW_SHARE)|NS_API_SLOW_MS)$/.test(k),
      ),
    );
    assert.equal(Object.keys(user).length, 7);
    const config = loadConfig({ env: user, envFile: false });
    const settings = readSettings(env);
    assert.deepEqual([settings.profile, settings.profileSettings.rate, config.load.rate], ['load', 200, 200]);
    assert.equal(settings.pool.kind, 'scratch', 'a live tenant gets scratch sessions, never its real ones');
    assert.ok(
      manifest.spec.runner?.envFrom?.some((e) => e.secretRef?.name),
      'LOAD_HEADERS comes from a Secret',
    );
    assert.doesNotMatch(text.replace(/^#.*$/gm, ''), /Authorization|Basic |Bearer |SoTicket /);
  });

  test('--archive without a k6 is exit 2 and says how to install k6 or set K6_BIN', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'load.ts'), '--archive'], {
      cwd: root,
      env: { PATH: '/usr/bin:/bin', HOME: process.env.HOME, REPORTS_DIR: reports },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(res.status, 2, res.stdout + res.stderr);
    assert.match(res.stdout, /the k6 engine needs a k6 program and there is none/);
    for (const channel of [
      /apt or rpm repository/,
      /Homebrew/,
      /grafana\/k6 container image/,
      /github\.com\/grafana\/k6\/releases/,
      /K6_BIN=/,
    ])
      assert.match(res.stdout, channel);
  });
});
