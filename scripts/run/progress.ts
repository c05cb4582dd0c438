/**
 * Progress for long runs, with stages that run at the same time: on a terminal, one live line
 * (every running stage with its elapsed time and latest count) redrawn each second; on CI or a
 * pipe, plain lines at the start, every 15 s, and at the end of each stage.
 */
export interface Progress {
  /** A stage starts; its line is ended by the handle it returns. */
  begin(index: number, total: number, stage: string, what: string): StageProgress;
  /** A line that must be seen (warnings, failures), printed above the live line. */
  say(line: string): void;
}

export interface StageProgress {
  /** A notable line from the stage (e.g. a test result count), shown as its live detail. */
  detail(text: string): void;
  end(line: string): void;
}

interface Running {
  label: string;
  detail: string;
  started: number;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stdout,
  interactive = stream.isTTY === true && !process.env.CI,
): Progress {
  const running = new Set<Running>();
  const elapsed = (r: Running) => `${((Date.now() - r.started) / 1000).toFixed(0)}s`;
  const clear = () => {
    if (interactive) stream.write('\r\x1b[2K');
  };
  const draw = () => {
    if (!interactive || running.size === 0) return;
    const parts = [...running].map((r) => `${r.label} … ${elapsed(r)}${r.detail ? `  ${r.detail}` : ''}`);
    stream.write(`\r\x1b[2K${parts.join('  |  ').slice(0, (stream.columns || 100) - 1)}`);
  };
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (timer || !interactive) return;
    timer = setInterval(draw, 1000);
    timer.unref();
  };
  return {
    begin(index, total, stage, what) {
      const r: Running = { label: `[${index}/${total}] ${stage}`, detail: '', started: Date.now() };
      running.add(r);
      let quiet: NodeJS.Timeout | undefined;
      if (interactive) {
        tick();
        draw();
      } else {
        stream.write(`${r.label}: ${what}\n`);
        quiet = setInterval(
          () => stream.write(`${r.label}: still running, ${elapsed(r)}${r.detail ? ` (${r.detail})` : ''}\n`),
          15_000,
        );
        quiet.unref();
      }
      return {
        detail(text) {
          r.detail = text.trim().slice(0, 80);
        },
        end(line) {
          if (quiet) clearInterval(quiet);
          running.delete(r);
          if (running.size === 0 && timer) {
            clearInterval(timer);
            timer = undefined;
          }
          clear();
          stream.write(`${r.label}: ${line} (${elapsed(r)})\n`);
          draw();
        },
      };
    },
    say(line) {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
  };
}
