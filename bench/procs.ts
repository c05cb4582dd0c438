/**
 * Child processes for the bench: each in its own process group (so a stop takes its children too),
 * optionally pinned to a CPU with taskset, always stopped on the way out (stopAll() runs on exit,
 * SIGINT and SIGTERM). Plus /proc sampling of a process's CPU time and memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

/** Ends the child's whole process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 4000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    live.delete(child);
    return;
  }
  const pid = child.pid;
  const gone = new Promise<void>((resolve) => child.once('close', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
  live.delete(child);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every child still running (synchronously: also usable from an 'exit' handler). */
export function stopAll(): void {
  for (const child of live) if (child.pid !== undefined && child.exitCode === null) signalGroup(child.pid, 'SIGKILL');
  live.clear();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}: stopping every process it started`);
      stopAll();
      process.exit(130);
    });
  }
}

/** Whether `taskset` can pin processes here (Linux, util-linux, 2+ CPUs allowed). */
export const canPin = existsSync('/usr/bin/taskset') && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

export interface StartOptions {
  /** CPU to pin to (taskset -c), if pinning is possible. */
  cpu?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Open Node's IPC channel to the child (`process.send` there, `child.send` here). */
  ipc?: boolean;
}

export interface Started {
  child: ChildProcess;
  pid: number;
  /** Everything written so far to stdout and stderr. */
  output(): string;
}

/** Spawns `cmd args` in its own process group (taskset keeps the pid: it execs the command). */
export function start(cmd: string, args: readonly string[], options: StartOptions = {}): Started {
  hookExit();
  const pinned = options.cpu !== undefined && canPin;
  const [file, argv] = pinned ? ['taskset', ['-c', String(options.cpu), cmd, ...args]] : [cmd, [...args]];
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000); // the tail is what explains a failure
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('close', () => live.delete(child));
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  return { child, pid: child.pid, output: () => out };
}

/** Resolves with the first stdout line that parses as JSON; rejects on exit or after `timeoutMs`. */
export function readyLine<T>(started: Started, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => done(new Error(`no ready line within ${timeoutMs / 1000} s; output: ${started.output().slice(-500)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        try {
          const parsed = JSON.parse(line) as T;
          if (parsed && typeof parsed === 'object') return done(undefined, parsed);
        } catch {
          // not the ready line
        }
      }
    };
    const onClose = (code: number | null) =>
      done(new Error(`exited (${code}) before it was ready: ${started.output().slice(-800)}`));
    function done(err: Error | undefined, value?: T) {
      clearTimeout(timer);
      started.child.stdout?.off('data', onData);
      started.child.off('close', onClose);
      if (err) reject(err);
      else resolve(value as T);
    }
    started.child.stdout?.on('data', onData);
    started.child.on('close', onClose);
  });
}

/** Waits for the child to exit, killing its group after `timeoutMs`. Resolves with the exit code. */
export function exited(started: Started, timeoutMs: number): Promise<{ code: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve({ code: started.child.exitCode, timedOut: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stop(started.child, 5000);
    }, timeoutMs);
    started.child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), timedOut });
    });
  });
}

export interface ProcSample {
  /** ms since the epoch. */
  t: number;
  /** user + system CPU time of the whole process (all threads), ms. */
  cpuMs: number;
  rssKb: number;
  /** Peak RSS so far (VmHWM), KiB. */
  hwmKb: number;
}

const clockTicks = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** Parses /proc/<pid>/stat (utime, stime) and /proc/<pid>/status (VmRSS, VmHWM) texts. */
export function parseProc(stat: string, status: string, t: number): ProcSample {
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime are fields 14 and 15
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { t, cpuMs: (ticks * 1000) / clockTicks, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** One sample of a running process, or undefined when it is gone. */
export function sampleProc(pid: number): ProcSample | undefined {
  try {
    return parseProc(
      readFileSync(`/proc/${pid}/stat`, 'utf8'),
      readFileSync(`/proc/${pid}/status`, 'utf8'),
      Date.now(),
    );
  } catch {
    return undefined;
  }
}
