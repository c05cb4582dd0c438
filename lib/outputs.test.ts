import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { claimReportsDir, ForeignReportsDir, MARKER, removeOutputs } from './outputs.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'outputs-'));

describe('the reports folder is the harness own', () => {
  test('a new folder is created and marked', () => {
    const dir = join(fresh(), 'reports', 'deep');
    claimReportsDir(dir);
    assert.ok(existsSync(join(dir, MARKER)));
  });

  test('an empty folder, or an earlier run of the main job, is adopted', () => {
    const empty = fresh();
    writeFileSync(join(empty, '.gitkeep'), '');
    claimReportsDir(empty);
    assert.ok(existsSync(join(empty, MARKER)));
    const dir = fresh();
    mkdirSync(join(dir, 'playwright'));
    writeFileSync(join(dir, 'run.json'), '{}');
    writeFileSync(join(dir, '.gitkeep'), '');
    claimReportsDir(dir);
    assert.ok(existsSync(join(dir, MARKER)));
  });

  test('a folder with anything else is refused, and nothing in it is touched', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'playwright'));
    writeFileSync(join(dir, 'playwright', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'thesis.docx'), 'mine');
    const lone = fresh(); // a user's folder that happens to hold a playwright/ of their own
    mkdirSync(join(lone, 'playwright'));
    assert.throws(() => claimReportsDir(lone), /holds files the harness did not write \(playwright\)/);
    assert.throws(
      () => removeOutputs(dir, ['playwright', 'pacts']),
      (err: ForeignReportsDir) => err instanceof ForeignReportsDir && /thesis\.docx/.test(err.message),
    );
    assert.deepEqual(readdirSync(dir).sort(), ['playwright', 'thesis.docx']);
    assert.deepEqual(readdirSync(join(dir, 'playwright')), ['notes.txt']);
  });

  test('in a marked folder the harness removes its own outputs', () => {
    const dir = fresh();
    claimReportsDir(dir);
    mkdirSync(join(dir, 'pacts'));
    writeFileSync(join(dir, 'pacts', 'a.json'), '{}');
    removeOutputs(dir, ['pacts', 'load/latest']);
    assert.deepEqual(readdirSync(dir), [MARKER]);
  });
});
