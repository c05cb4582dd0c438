import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLoadFigures } from './load-figures.ts';

test('the main report reads the load figures and names the engine that ran @PUT-SLOW', () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-figures-'));
  mkdirSync(join(dir, 'load', 'latest'), { recursive: true });
  const figures = { runId: 'r1', nsApiSlowMs: 5000, p95: 12, engine: 'embedded', engineVersion: 'undici 7.30.2' };
  writeFileSync(join(dir, 'load', 'latest', 'summary.json'), JSON.stringify({ figures }));
  const read = readLoadFigures(dir, 5000);
  assert.deepEqual([read?.p95, read?.engine, read?.slowCount], [12, 'embedded (undici 7.30.2)', null]);
});
