/**
 * The pact files a verification replays: which there are, the interactions in them, and copies
 * without the interactions whose provider states this run cannot arrange (contracts/state-handlers.ts
 * `unarrangeableStates`). Those are never replayed, so they cannot fail: they are reported as not
 * run, with the reason, for a check that could not be set up says nothing about the tenant.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/** An interaction the verification left out, and why. */
export interface NotRun {
  description: string;
  reason: string;
}

interface PactInteraction {
  description: string;
  /** V3/V4 pacts. */
  providerStates?: Array<{ name: string }>;
  /** V2 pacts. */
  providerState?: string;
}

const interactionsOf = (file: string): PactInteraction[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { interactions?: PactInteraction[] }).interactions ?? [];

/** The provider states an interaction names, in either pact format. */
const statesOf = (i: PactInteraction): string[] =>
  i.providerStates?.map((s) => s.name) ?? (i.providerState ? [i.providerState] : []);

/** The interaction descriptions in these pact files. */
export function interactionsIn(files: readonly string[]): string[] {
  return files.flatMap((f) => interactionsOf(f).map((i) => i.description));
}

/** The `.json` files in a folder, sorted; none when the folder does not exist. */
export function pactFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => resolve(dir, f));
  } catch {
    return [];
  }
}

/** Why an interaction cannot be set up here, or undefined when every state it names can be. */
export function whyNotRun(states: readonly string[], cannot: ReadonlyMap<string, string>): string | undefined {
  const reasons = states.filter((s) => cannot.has(s)).map((s) => `provider state "${s}" ${cannot.get(s)!}`);
  return reasons.length ? reasons.join('; ') : undefined;
}

/**
 * The files to replay: the originals when every state can be arranged, else copies in a temporary
 * folder without the interactions that cannot be set up (a file left with none is left out).
 * `dispose()` removes the copies; the originals are never changed.
 */
export function arrangeablePacts(
  files: readonly string[],
  cannot: ReadonlyMap<string, string>,
): { files: string[]; notRun: NotRun[]; dispose(): void } {
  const notRun: NotRun[] = [];
  const kept = files.map((file) => {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: PactInteraction[] };
    const interactions = (pact.interactions ?? []).filter((i) => {
      const reason = whyNotRun(statesOf(i), cannot);
      if (reason) notRun.push({ description: i.description, reason });
      return !reason;
    });
    return { file, pact: { ...pact, interactions }, changed: interactions.length !== (pact.interactions ?? []).length };
  });
  if (!kept.some((k) => k.changed)) return { files: [...files], notRun, dispose: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pacts-arrangeable-'));
  const copies = kept
    .filter((k) => k.pact.interactions.length > 0)
    .map((k) => {
      const copy = join(dir, basename(k.file));
      writeFileSync(copy, JSON.stringify(k.pact));
      return copy;
    });
  return { files: copies, notRun, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
