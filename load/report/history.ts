/**
 * reports/load/history.jsonl (one RunFigures per line, appended after each run) and
 * reports/load/baseline.json (the accepted runs a new run is compared with).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Baseline } from './compare.ts';
import type { RunFigures } from './figures.ts';

export function readHistory(file: string): RunFigures[] {
  if (!existsSync(file)) return [];
  const runs: RunFigures[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        runs.push(JSON.parse(line) as RunFigures);
      } catch {
        console.warn(`load: ${file} line ${i + 1} is not JSON; skipped`);
      }
    });
  return runs;
}

/** Appends one run; the thresholds list stays (it is small) so the trend can colour failures. */
export function appendHistory(file: string, figures: RunFigures): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(figures)}\n`);
}

export function readBaseline(file: string): Baseline | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Baseline;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
