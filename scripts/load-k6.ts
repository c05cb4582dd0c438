/**
 * Finding, building and running k6 for the load suite. The k6 script's settings go in two parts:
 * plain ones as `-e NAME=value` (visible on the command line, safe to log) and the secret one
 * (LOAD_HEADERS: the auth and SO-AppToken headers) only in the child process environment, which
 * k6 exposes as __ENV but never puts in an archive or a log.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultK6 = join(root, '.tools', 'k6');
export const script = join(root, 'load', 'put-chatsession.ts');

/** k6 could not be found or built: exit 2 with this message. */
export class K6Missing extends Error {
  override name = 'K6Missing';
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FindOptions {
  /** K6_BIN from the config. */
  k6Bin: string | undefined;
  /** Where the built k6 is expected (default .tools/k6). */
  built?: string;
  /** The build command to run when nothing is there (default `bash scripts/k6-build.sh`). */
  buildCommand?: readonly string[];
}

/**
 * The k6 to run: K6_BIN when set (it must exist), else .tools/k6, built first by
 * scripts/k6-build.sh when missing. Throws K6Missing saying what to do.
 */
export function findK6(options: FindOptions): string {
  if (options.k6Bin) {
    if (!executable(options.k6Bin))
      throw new K6Missing(
        `K6_BIN=${options.k6Bin} is not an executable file: point it at a k6 binary, or unset it to use .tools/k6 (npm run k6:build).`,
      );
    return options.k6Bin;
  }
  const built = options.built ?? defaultK6;
  if (executable(built)) return built;
  const [cmd, ...args] = options.buildCommand ?? ['bash', join(root, 'scripts', 'k6-build.sh')];
  console.log(`load: no k6 at ${built}; building it (${[cmd, ...args].join(' ')})`);
  const result = spawnSync(cmd as string, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 || !executable(built)) {
    throw new K6Missing(
      `k6 is missing and could not be built (${[cmd, ...args].join(' ')} exited ${result.status ?? result.error?.message}). ` +
        'Run `npm run k6:build` and read its message (it needs Go), or set K6_BIN to an existing k6 (v0.57 or newer runs TypeScript).',
    );
  }
  return built;
}

/** `k6 v1.8.1 (go1.26.8, linux/amd64)` -> `v1.8.1`; `unknown` if it does not say. */
export function k6Version(bin: string): string {
  const out = spawnSync(bin, ['version'], { encoding: 'utf8' });
  return /k6 (v\d+\.\d+\.\d+\S*)/.exec(out.stdout ?? '')?.[1] ?? 'unknown';
}

export function gitRevision(): string {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (rev.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return `${rev.stdout.trim()}${dirty.stdout?.trim() ? '-dirty' : ''}`;
}

/** Plain settings for `-e`; the secret headers separately, for the child environment only. */
export interface K6Inputs {
  plain: Record<string, string | number | undefined>;
  headers: Record<string, string>;
}

export function k6Args(command: 'run' | 'archive', inputs: K6Inputs, extra: readonly string[] = []): string[] {
  const env = Object.entries(inputs.plain)
    .filter(([, v]) => v !== undefined && v !== '')
    .flatMap(([k, v]) => ['-e', `${k}=${String(v)}`]);
  return [command, ...env, ...extra, script];
}

export interface RunK6Options {
  /** Kill k6 (SIGINT, then SIGKILL 15 s later) when it runs longer than this. */
  timeoutMs: number;
  /** k6 writes to the terminal (default true, with its progress bar); false collects the output (tests). */
  echo?: boolean;
}

export interface K6Result {
  code: number;
  output: string;
  timedOut: boolean;
}

/** Runs k6 with the secret headers in its environment, never on its command line. */
export function runK6(
  bin: string,
  args: readonly string[],
  headers: Record<string, string>,
  options: RunK6Options,
): Promise<K6Result> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOAD_HEADERS: JSON.stringify(headers),
      K6_NO_USAGE_REPORT: 'true',
    };
    // Echoing: k6 gets the terminal itself, so its live progress bar shows. Otherwise collect.
    const echo = options.echo !== false;
    const child = spawn(bin, args, {
      cwd: root,
      env,
      stdio: echo ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`load: k6 ran past its bound of ${Math.round(options.timeoutMs / 1000)} s: stopping it`);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, options.timeoutMs);
    const stop = () => child.kill('SIGINT');
    process.once('SIGINT', stop);
    child.on('error', (err) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      resolve({ code: 127, output: `${output}\n${err.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      resolve({ code: code ?? (signal ? 128 : 1), output, timedOut });
    });
  });
}

export const k6ExitCodes: Record<number, string> = {
  0: 'passed',
  99: 'a threshold failed',
  105: 'k6 could not start its REST API or outputs',
  107: 'the script threw (see the message above: tenant down, credentials refused, a bad setting)',
  108: 'the test was aborted',
};

export const exists = existsSync;
