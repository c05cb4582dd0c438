import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ENGINE_NODE_OPTIONS } from './node-options.ts';

describe('the engine process options', () => {
  test('`npm run load` passes the same Node options as the main job and the proofs', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.equal(pkg.scripts.load, `tsx ${ENGINE_NODE_OPTIONS.join(' ')} scripts/load.ts`);
  });
});
