/**
 * Runs the consumer tests (`contracts/*.pact.ts`) in a child node:test run, so pact files are
 * written fresh: the pact folder is emptied first. Used by `npm run contracts` and by the
 * deviation self-test, which writes its pacts to a temporary REPORTS_DIR.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { removeOutputs } from '../lib/outputs.ts';
import { isAbsolute, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

export function consumerTestFiles(): string[] {
  return readdirSync(join(root, 'contracts'))
    .filter((f) => f.endsWith('.pact.ts'))
    .sort()
    .map((f) => join('contracts', f));
}

export interface ConsumerRun {
  /** The folder the pacts go to (emptied first). */
  pactDir: string;
  /** REPORTS_DIR for the child (the pacts land in `<reportsDir>/pacts`). */
  reportsDir: string;
  /** Also write node:test's JUnit report here. */
  junit?: string;
  /** `inherit` shows the tests' output; `pipe` collects it. */
  stdio?: 'inherit' | 'pipe';
}

/**
 * Pact files of an earlier run must not survive into this one: under the reports folder the pact
 * folder is the harness's own and is removed (lib/outputs.ts refuses a folder it did not write);
 * elsewhere only the `.json` files in it are.
 */
function emptyPactDir(pactDir: string, reportsDir: string): void {
  const inside = relative(reportsDir, pactDir);
  if (inside && !inside.startsWith('..') && !isAbsolute(inside)) removeOutputs(reportsDir, [inside]);
  else if (existsSync(pactDir))
    for (const f of readdirSync(pactDir).filter((f) => f.endsWith('.json'))) rmSync(join(pactDir, f));
  mkdirSync(pactDir, { recursive: true });
}

/** Runs the consumer tests one file at a time (they share one pact file); resolves with the exit code and output. */
export function runConsumerTests(run: ConsumerRun): Promise<{ code: number; output: string }> {
  emptyPactDir(run.pactDir, run.reportsDir);
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
  if (run.junit) reporters.push('--test-reporter=junit', `--test-reporter-destination=${run.junit}`);
  const env: NodeJS.ProcessEnv = { ...process.env, REPORTS_DIR: run.reportsDir };
  delete env.NODE_TEST_CONTEXT; // a node:test parent would otherwise swallow the child's own run
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', ...reporters, ...consumerTestFiles()],
    {
      cwd: root,
      env,
      stdio: ['ignore', run.stdio === 'pipe' ? 'pipe' : 'inherit', run.stdio === 'pipe' ? 'pipe' : 'inherit'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('error', (err) => resolve({ code: 127, output: `${output}\n${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
