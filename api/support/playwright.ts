/**
 * Starts the Playwright test runner on the suite's config as a child process and resolves with
 * its exit code (127 when it cannot start): one place that knows where the CLI and config are.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export function runPlaywright(args: readonly string[], env: NodeJS.ProcessEnv, stdio: StdioOptions): Promise<number> {
  const cli = join(root, 'node_modules/@playwright/test/cli.js');
  const config = join(root, 'playwright.config.ts');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'test', '--config', config, ...args], { cwd: root, stdio, env });
    child.on('error', () => resolve(127));
    child.on('close', (c) => resolve(c ?? 1));
  });
}
