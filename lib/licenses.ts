/**
 * The licence gate for dependencies: every package in package-lock.json must be under a licence
 * this MIT project can ship with. Copyleft that would bind the harness (AGPL, GPL, SSPL, BUSL)
 * fails; LGPL and permissive licences pass. A package whose lock entry names no licence fails too,
 * unless it is listed below with the licence its project states.
 */

/** Lock entries without a `license` field, checked by hand: name pattern -> the licence its repo states. */
const unlabelled: ReadonlyArray<[RegExp, string]> = [
  // Platform binaries of @pact-foundation/pact-cli (MIT, github.com/pact-foundation/pact-js-cli).
  [/^@pact-foundation\/pact-cli-[a-z0-9-]+$/, 'MIT'],
];

const refused = /\b(AGPL|SSPL|BUSL|BSL-1\.1|(?<!L)GPL)/i;

export interface LicenceProblem {
  name: string;
  version: string;
  license: string;
  why: string;
}

interface LockFile {
  packages?: Record<string, { version?: string; license?: unknown; link?: boolean }>;
}

/** Every package in the lock whose licence is refused or unknown (empty: all clear). */
export function licenceProblems(lock: LockFile): LicenceProblem[] {
  const problems: LicenceProblem[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.link) continue; // the project itself, workspace links
    const name = path.replace(/^.*node_modules\//, '');
    const version = entry.version ?? '?';
    const license = typeof entry.license === 'string' ? entry.license : JSON.stringify(entry.license ?? null);
    if (entry.license === undefined) {
      const known = unlabelled.find(([pattern]) => pattern.test(name));
      if (!known) problems.push({ name, version, license: 'none', why: 'its lock entry names no licence' });
      continue;
    }
    // An expression passes when one of its OR choices passes (`(MIT OR GPL-3.0)` may be taken as MIT).
    const choices = license.replace(/[()]/g, '').split(/\s+OR\s+/i);
    if (choices.every((choice) => refused.test(choice)))
      problems.push({ name, version, license, why: 'copyleft (AGPL, GPL, SSPL or BUSL) is not allowed here' });
  }
  return problems;
}
