/**
 * wrk (Debian's package) as the section 1 load generator: a C event loop with LuaJIT, a small
 * fraction of a Node generator's CPU per request, so on two cores it takes the least from the server measured.
 * Installed with apt-get when missing and the bench runs as root; otherwise the caller falls back
 * to the embedded engine. A Lua `done` hook prints the figures as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exited, start } from './procs.ts';

export interface GeneratorResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number;
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/**
 * wrk on the PATH, installing it once (root + apt-get) if missing. Returns false with a reason
 * printed when it cannot.
 */
export function ensureWrk(log: (line: string) => void): boolean {
  if (has('wrk')) return true;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    log(
      'wrk is not installed and cannot be installed here (needs root and apt-get): ' +
        'section 1 uses the embedded engine instead (apt-get install -y wrk to use wrk)',
    );
    return false;
  }
  log('wrk is not installed: installing the Debian package once (apt-get install -y wrk) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { env, stdio: 'ignore', timeout: 180_000 });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { env, stdio: 'ignore', timeout: 180_000 });
    result = spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { env, stdio: 'ignore', timeout: 180_000 });
  }
  if (result.status === 0 && has('wrk')) return true;
  log('apt-get install wrk failed: section 1 uses the embedded engine instead');
  return false;
}

/** The Lua script: PUT the body file to ids first..first+sessions-1 in turn, with the auth header. */
export function wrkScript(
  bodyFile: string,
  headers: Record<string, string>,
  firstId: number,
  sessions: number,
): string {
  const lua = (s: string) => JSON.stringify(s); // a JSON string literal is a valid Lua string literal for these values
  return [
    `local f = assert(io.open(${lua(bodyFile)}, "rb")); local body = f:read("*a"); f:close()`,
    'wrk.method = "PUT"',
    'wrk.body = body',
    ...Object.entries({ ...headers, 'Content-Type': 'application/json', Accept: 'application/json' }).map(
      ([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`,
    ),
    'local n = 0',
    'request = function() n = n + 1; ' +
      `return wrk.format(nil, "/api/v1/ChatSession/" .. (${firstId} + n % ${sessions})) end`,
    'done = function(s, lat, req)',
    '  local e = s.errors',
    '  io.write(string.format(\'BENCH {"requests":%d,"us":%d,"p50":%d,"p99":%d,"errors":%d}\\n\', ' +
      's.requests, s.duration, lat:percentile(50), lat:percentile(99), ' +
      'e.connect + e.read + e.write + e.status + e.timeout))',
    'end',
    '',
  ].join('\n');
}

/** Parses the `BENCH {...}` line the Lua done hook writes. */
export function parseWrk(output: string): GeneratorResult {
  const line = /^BENCH (\{.*\})$/m.exec(output)?.[1];
  if (!line) throw new Error(`wrk wrote no figures: ${output.slice(-400)}`);
  const r = JSON.parse(line) as { requests: number; us: number; p50: number; p99: number; errors: number };
  const seconds = r.us / 1e6;
  return {
    requests: r.requests,
    seconds,
    rps: r.requests / seconds,
    p50Ms: r.p50 / 1000,
    p99Ms: r.p99 / 1000,
    errors: r.errors,
  };
}

export interface WrkRun {
  url: string;
  connections: number;
  seconds: number;
  scriptDir: string;
  bodyFile: string;
  headers: Record<string, string>;
  cpu?: number;
}

/** One bounded wrk run (one thread: the second core is the server's). */
export async function runWrk(run: WrkRun): Promise<GeneratorResult> {
  const script = join(run.scriptDir, 'put.lua');
  writeFileSync(script, wrkScript(run.bodyFile, run.headers, 400, 50));
  const proc = start(
    'wrk',
    ['-t1', `-c${run.connections}`, `-d${run.seconds}s`, '--timeout', '10s', '-s', script, run.url],
    { cpu: run.cpu },
  );
  const { code, timedOut } = await exited(proc, (run.seconds + 20) * 1000);
  if (code !== 0 || timedOut)
    throw new Error(`wrk ${timedOut ? 'ran past its bound' : `exited ${code}`}: ${proc.output().slice(-400)}`);
  return parseWrk(proc.output());
}
