/**
 * Runs one stage's entry point as a child process: output to `reports/logs/<stage>.log` (through
 * the redactor), progress to the console, and a kill of the whole process group on interrupt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createStreamRedactor, type Redactor } from '../../lib/redact.ts';

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
    // Redacted on whole lines, per stream: a secret split across two chunks is still masked.
    const streams = [child.stdout, child.stderr].map((stream) => {
      const redactor = createStreamRedactor(options.redact);
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => emit(redactor.push(chunk)));
      return redactor;
    });
    const emit = (text: string) => {
      if (!text) return;
      log.write(text);
      if (output.length < MAX_KEPT) output += text;
      for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) options.onLine?.(line);
    };
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
      for (const redactor of streams) emit(redactor.end());
      log.end(() => resolve({ code: code ?? 2, output, interrupted }));
    });
  });
}
