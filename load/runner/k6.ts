/**
 * The k6 engine: an unmodified k6 the user has (K6_BIN, or `k6` on PATH), started as an external
 * program on load/k6/put-chatsession.ts. k6 is AGPL-3.0, so the harness never downloads, builds or
 * bundles it. Plain settings go as `-e NAME=value` (safe to log); the secret one (LOAD_HEADERS,
 * the auth and SO-AppToken headers) only in k6's environment, never on its command line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const k6Script = join(root, 'load', 'k6', 'put-chatsession.ts');

/** No k6 to run: exit 2 with this message. */
export class K6Missing extends Error {
  override name = 'K6Missing';
}

const install =
  'k6 is AGPL-3.0, so this project does not bundle it. Install it from Grafana: their apt or rpm ' +
  'repository, Homebrew (`brew install k6`), the grafana/k6 container image, or a binary from ' +
  'github.com/grafana/k6/releases (see grafana.com/docs/k6/latest/set-up/install-k6/); then put it ' +
  'on PATH or set K6_BIN=/path/to/k6. Without k6, use the embedded engine (LOAD_ENGINE=embedded, the default).';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The k6 to run: K6_BIN when set (it must be executable), else the first `k6` on PATH. */
export function findK6(k6Bin: string | undefined, path = process.env.PATH ?? ''): string {
  if (k6Bin) {
    if (!executable(k6Bin)) throw new K6Missing(`K6_BIN=${k6Bin} is not an executable file. ${install}`);
    return k6Bin;
  }
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'k6');
    if (executable(candidate)) return candidate;
  }
  throw new K6Missing(
    `the k6 engine needs a k6 program and there is none (K6_BIN is unset, no k6 on PATH). ${install}`,
  );
}

/** `k6 v1.8.1 (go1.26.8, linux/amd64)` -> `v1.8.1`; `unknown` if it does not say. */
export function k6Version(bin: string): string {
  const out = spawnSync(bin, ['version'], { encoding: 'utf8' });
  return /k6 (v\d+\.\d+\.\d+\S*)/.exec(out.stdout ?? '')?.[1] ?? 'unknown';
}

/** Plain settings for `-e`; the secret headers separately, for the child's environment only. */
export interface K6Inputs {
  plain: Record<string, string | number | undefined>;
  headers: Record<string, string>;
}

export function k6Args(command: 'run' | 'archive', inputs: K6Inputs, extra: readonly string[] = []): string[] {
  const env = Object.entries(inputs.plain)
    .filter(([, v]) => v !== undefined && v !== '')
    .flatMap(([k, v]) => ['-e', `${k}=${String(v)}`]);
  return [command, ...env, ...extra, k6Script];
}

export interface K6Result {
  code: number;
  output: string;
  timedOut: boolean;
}

/** Runs k6 with the secret headers in its environment; stops it (SIGINT, then SIGKILL) past the bound or on `signal`. */
export function runK6(
  bin: string,
  args: readonly string[],
  headers: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal; echo?: (line: string) => void },
): Promise<K6Result> {
  return new Promise((resolve) => {
    const env = { ...process.env, LOAD_HEADERS: JSON.stringify(headers), K6_NO_USAGE_REPORT: 'true' };
    const child = spawn(bin, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (output.length > 1_000_000) output = output.slice(-500_000);
      for (const line of text.split('\n')) if (line.trim()) options.echo?.(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const stop = () => {
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', stop, { once: true });
    const done = (code: number) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      resolve({ code, output, timedOut });
    };
    child.on('error', (err) => {
      output += `\n${err.message}`;
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

export const k6ExitCodes: Record<number, string> = {
  0: 'passed',
  99: 'a threshold failed',
  105: 'k6 could not start its REST API or outputs',
  107: 'the script threw (see the message above: tenant down, credentials refused, a bad setting)',
  108: 'the test was aborted',
};
