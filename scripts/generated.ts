/**
 * Writes generated files, or with `--check` (run by `npm run lint`) fails when one is stale, so
 * nothing derived from the schemas can drift from them.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Exit code: 1 when checking and a file differs, else 0. */
export function writeOrCheck(
  files: ReadonlyArray<readonly [string, string]>,
  regenerate: string,
  check = process.argv.includes('--check'),
): number {
  let stale = 0;
  for (const [path, text] of files) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current === text) continue;
    if (check) {
      console.error(`${path} is stale: run \`${regenerate}\` and commit the result`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  return stale ? 1 : 0;
}
