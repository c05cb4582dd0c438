/**
 * Progress for long runs: on a terminal, one live line (stage, count, elapsed) redrawn each
 * second; on CI or a pipe, plain lines at the start, every 15 s, and at the end of each stage.
 */
export interface Progress {
  start(index: number, total: number, stage: string, what: string): void;
  /** A notable line from the stage (e.g. a test result count), shown as the live detail. */
  detail(text: string): void;
  end(line: string): void;
  /** A line that must be seen (warnings, failures), printed above the live line. */
  say(line: string): void;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stdout,
  interactive = stream.isTTY === true && !process.env.CI,
): Progress {
  let timer: NodeJS.Timeout | undefined;
  let label = '';
  let detail = '';
  let started = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  const clear = () => {
    if (interactive) stream.write('\r\x1b[2K');
  };
  const draw = () => {
    if (!interactive) return;
    const text = `${label} … ${elapsed()}${detail ? `  ${detail}` : ''}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 100) - 1)}`);
  };
  return {
    start(index, total, stage, what) {
      label = `[${index}/${total}] ${stage}`;
      detail = '';
      started = Date.now();
      if (interactive) {
        timer = setInterval(draw, 1000);
        draw();
      } else {
        stream.write(`${label}: ${what}\n`);
        timer = setInterval(
          () => stream.write(`${label}: still running, ${elapsed()}${detail ? ` (${detail})` : ''}\n`),
          15_000,
        );
      }
      timer.unref();
    },
    detail(text) {
      detail = text.trim().slice(0, 80);
      draw();
    },
    end(line) {
      if (timer) clearInterval(timer);
      clear();
      stream.write(`${label}: ${line} (${elapsed()})\n`);
    },
    say(line) {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
  };
}
