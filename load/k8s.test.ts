/**
 * load/k8s/testrun.yaml is a valid k6-operator TestRun for the archive `npm run load -- --archive`
 * writes, and the archive itself is a bundle k6 accepts (`k6 inspect`, a dry run: nothing is sent).
 * The manifest is YAML in JSON flow style, so it is parsed here without a YAML library.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../lib/config.ts';
import { findK6, root } from '../scripts/load-k6.ts';
import { readSettings } from './lib/settings.ts';

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
    .join('\n'),
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

  test('its -e settings are ones the script reads and accepts; credentials come from a Secret, not the file', () => {
    const env = Object.fromEntries(
      [...(manifest.spec.arguments ?? '').matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    const settings = readSettings(env);
    assert.equal(settings.pool, 'scratch', 'a live tenant gets scratch sessions, never its real ones');
    assert.equal(settings.profile, 'load');
    assert.ok(
      manifest.spec.runner?.envFrom?.some((e) => e.secretRef?.name),
      'LOAD_HEADERS comes from a Secret',
    );
    assert.doesNotMatch(text.replace(/^#.*$/gm, ''), /Authorization|Basic |Bearer |SoTicket /);
  });

  test('npm run load -- --archive writes the bundle the manifest names, and k6 accepts it', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'load.ts'), '--archive'], {
      cwd: root,
      env: { ...process.env, REPORTS_DIR: reports },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(res.status, 0, res.stderr);
    const tar = join(reports, 'load', manifest.spec.script.configMap.file);
    assert.ok(existsSync(tar));
    const inspect = spawnSync(findK6({ k6Bin: loadConfig({ envFile: false }).k6Bin }), ['inspect', tar], {
      encoding: 'utf8',
    });
    assert.equal(inspect.status, 0, inspect.stderr);
    const options = JSON.parse(inspect.stdout) as { scenarios: Record<string, { executor: string }> };
    assert.match(options.scenarios.put_chatsession?.executor ?? '', /arrival-rate/);
  });
});
