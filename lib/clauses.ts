/**
 * The one clause parser: the clause list (reference/CLAUSES.md) as data, and the clause IDs a
 * check's title names, as bare words or `@` tags. Every check in the harness names its clause IDs;
 * the main report maps clause -> checks and the API suite's coverage maps clause -> tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `documented`: a page or a published definition promises it. `assumed`: the pages are silent and
 * the reference tenant's behaviour is a default. `mixed`: a page promises part of it ("a non-integer
 * id is refused") and the rest is the reference tenant's choice ("tenant: 400").
 */
export type ClauseKind = 'documented' | 'assumed' | 'mixed';

export interface Clause {
  id: string;
  text: string;
  source: string;
  kind: ClauseKind;
  /** What the reference tenant does where the pages are silent: the text's "(tenant: ...)" part. */
  tenant?: string;
  section: string;
}

export const clausesFile = join(import.meta.dirname, '..', 'reference', 'CLAUSES.md');

/** What a clause ID looks like (`PUT-200`, `CT-JSONPATCH`): capitals and digits, one or more hyphenated parts. */
const clauseId = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+';
/** A bare ID has no capital, digit or hyphen right before or after it (so it is not part of a longer ID). */
const word = new RegExp(`(?<![A-Z0-9-])(${clauseId})(?![A-Z0-9-])`, 'g');
const tag = new RegExp(`@(${clauseId})(?![A-Z0-9-])`, 'g');
const tableRow = new RegExp(`^\\|\\s*(${clauseId})\\s*\\|\\s*(.+?)\\s*\\|\\s*(.+?)\\s*\\|\\s*$`);

/** `PUT page / assumed` is mixed, `assumed` assumed, anything without "assumed" documented. */
export function kindOf(source: string): ClauseKind {
  const parts = source.split('/').map((p) => /assumed/i.test(p));
  if (parts.every(Boolean)) return 'assumed';
  return parts.some(Boolean) ? 'mixed' : 'documented';
}

/** Parses the `| ID | Clause | Source |` tables of CLAUSES.md, in document order. */
export function parseClauses(markdown: string): Clause[] {
  const clauses: Clause[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    const row = tableRow.exec(line);
    if (!row) continue;
    const [, id, text, source] = row as unknown as [string, string, string, string];
    const tenant = /\(tenant: ([^)]+)\)/.exec(text)?.[1];
    clauses.push({ id, text, source, kind: kindOf(source), ...(tenant ? { tenant } : {}), section });
  }
  return clauses;
}

export function loadClauses(path = clausesFile): Clause[] {
  return parseClauses(readFileSync(path, 'utf8'));
}

/**
 * The known clause IDs named in a title, in `ids` order: as `@PATCH-409` tags or as bare words
 * (`PATCH-409 a failed ...`).
 */
export function clauseIdsIn(title: string, ids: readonly string[]): string[] {
  const named = new Set([...title.matchAll(word)].map((m) => m[1]!));
  return ids.filter((id) => named.has(id));
}

/** Every `@` tag in a title shaped like a clause ID, known or not (an unknown one is a typo to report). */
export function clauseTagsIn(title: string): string[] {
  return [...new Set([...title.matchAll(tag)].map((m) => m[1]!))];
}
