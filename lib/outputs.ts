/**
 * The reports folder (REPORTS_DIR) belongs to the harness: it deletes and rewrites folders there on
 * every run. So it only ever does that in a folder it wrote itself, known by a marker file, and
 * refuses a folder that holds anything else rather than delete a user's files.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectReports = resolve(import.meta.dirname, '..', 'reports');

/** The marker file: its presence says "the harness writes here". */
export const MARKER = '.chatsession-harness';

/** What a reports folder from before the marker existed holds, so an old one is adopted. */
const writtenByEarlierRuns = new Set([
  '.gitkeep',
  '.restore-journal',
  'bench',
  'contracts',
  'index.html',
  'junit.xml',
  'load',
  'logs',
  'pact-verification',
  'pacts',
  'playwright',
  'run.json',
  'summary.md',
  'test-times.json',
  'unit',
]);

/** REPORTS_DIR is a folder the harness did not write; nothing was changed in it. */
export class ForeignReportsDir extends Error {
  override name = 'ForeignReportsDir';
  constructor(
    readonly dir: string,
    readonly foreign: readonly string[],
  ) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, ... (${foreign.length} in all)` : '');
    super(
      `REPORTS_DIR=${dir} holds files the harness did not write (${shown}); it deletes and rewrites folders ` +
        'in its reports folder, so it will not use this one. Name a new or empty folder, or the default `reports`.',
    );
  }
}

/**
 * Makes `dir` the harness's reports folder: creates it and its marker, or adopts an empty one, the
 * project's own `reports/`, or an earlier run's. Throws ForeignReportsDir, changing nothing, otherwise.
 */
export function claimReportsDir(dir: string): void {
  if (existsSync(join(dir, MARKER))) return;
  const entries = (existsSync(dir) ? readdirSync(dir) : []).filter((name) => name !== '.gitkeep').sort();
  // An earlier run's folder: the main job's run.json beside nothing but the harness's own names
  // (or the project's own reports/, which is output only). A lone playwright/ proves nothing.
  const earlier =
    resolve(dir) === projectReports ||
    (entries.includes('run.json') && entries.every((n) => writtenByEarlierRuns.has(n)));
  if (entries.length && !earlier) throw new ForeignReportsDir(dir, entries);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'This folder is written by the ChatSession harness; it deletes and rewrites it.\n');
}

/** Removes `paths` (relative to a reports folder), after making sure the folder is the harness's. */
export function removeOutputs(reportsDir: string, paths: readonly string[]): void {
  claimReportsDir(reportsDir);
  for (const path of paths) rmSync(join(reportsDir, path), { recursive: true, force: true });
}
