/**
 * The clause list (reference/CLAUSES.md) as data, and the clause IDs named in a check's title.
 * Every check in the harness names its clause IDs; the main report maps clause -> checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Clause {
  id: string;
  text: string;
  source: string;
  /** The pages are silent and the tenant's behaviour is a default (`assumed` in CLAUSES.md). */
  assumed: boolean;
  section: string;
}

export const clausesFile = join(import.meta.dirname, '..', '..', 'reference', 'CLAUSES.md');

/** Parses the `| ID | Clause | Source |` tables of CLAUSES.md, in document order. */
export function parseClauses(markdown: string): Clause[] {
  const clauses: Clause[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    const row = /^\|\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (row) clauses.push({ id: row[1]!, text: row[2]!, source: row[3]!, assumed: /assumed/i.test(row[3]!), section });
  }
  return clauses;
}

export function loadClauses(path = clausesFile): Clause[] {
  return parseClauses(readFileSync(path, 'utf8'));
}

/** The known clause IDs named in a title, as `@PATCH-409` tags or bare words (`PATCH-409 a failed ...`). */
export function clauseIdsIn(title: string, ids: readonly string[]): string[] {
  return ids.filter((id) => new RegExp(`(?<![A-Z0-9-])${id.replace(/-/g, '\\-')}(?![A-Z0-9-])`).test(title));
}
