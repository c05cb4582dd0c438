import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRedactor } from '../../lib/redact.ts';
import { runStageProcess } from './stage-process.ts';

test('a secret the stage prints in two chunks is masked in its log, its output and its lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stage-'));
  const script = join(dir, 'split.mjs');
  // Two writes 100 ms apart arrive as two chunks; the secret straddles them, on stdout and stderr.
  writeFileSync(
    script,
    `process.stdout.write('token SENTINEL-');
     process.stderr.write('err SENTINEL-');
     setTimeout(() => { process.stdout.write('PW-7f3a ok\\n'); process.stderr.write('PW-7f3a\\n'); }, 100);`,
  );
  const lines: string[] = [];
  const logFile = join(dir, 'stage.log');
  const run = await runStageProcess([script], {
    logFile,
    env: process.env,
    redact: createRedactor(['SENTINEL-PW-7f3a']),
    cwd: process.cwd(),
    onLine: (line) => lines.push(line),
  });
  assert.equal(run.code, 0);
  const log = readFileSync(logFile, 'utf8');
  for (const text of [log, run.output, lines.join('\n')]) {
    assert.doesNotMatch(text, /7f3a/);
    assert.match(text, /token \*\*\* ok/);
    assert.match(text, /err \*\*\*/);
  }
});
