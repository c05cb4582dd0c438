/**
 * Runs one stage's entry point as a child process: output to `reports/logs/<stage>.log` (through
 * the redactor), progress to the console, and a kill of the whole process group on interrupt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from '../../lib/redact.ts';

export interface StageProcessResult {
  code: number;
  /** The redacted output, kept in memory for summary parsing (bounded). */
  output: string;
  interrupted: boolean;
}

const running = new Set<ChildProcess>();
const MAX_KEPT = 2 * 1024 * 1024;

/** Kills every running stage process group (Ctrl-C, fatal error). */
export function killRunningStages(signal: NodeJS.Signals = 'SIGINT'): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export function runStageProcess(
  args: readonly string[],
  options: { logFile: string; env: NodeJS.ProcessEnv; redact: Redactor; cwd: string; onLine?: (line: string) => void },
): Promise<StageProcessResult> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    let output = '';
    let pending = '';
    const take = (chunk: Buffer) => {
      const text = options.redact(chunk.toString());
      log.write(text);
      if (output.length < MAX_KEPT) output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    let interrupted = false;
    child.on('exit', (_code, signal) => {
      if (signal) interrupted = true;
    });
    child.on('error', (err) => {
      running.delete(child);
      log.end(`\n${err.message}\n`);
      resolve({ code: 2, output: `${output}\n${err.message}`, interrupted });
    });
    child.on('close', (code) => {
      running.delete(child);
      if (pending) options.onLine?.(pending);
      log.end(() => resolve({ code: code ?? 2, output, interrupted }));
    });
  });
}
