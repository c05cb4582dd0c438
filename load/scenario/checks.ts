/**
 * The checks on every PUT answer: PUT-200 (status 200) and ENTITY-SHAPE (the body matches
 * ChatSessionEntityWithLinks). The validator is a parameter: the embedded engine passes the one
 * schemas/index.ts compiles, k6 the standalone one generated from the same schema files. Properties
 * the pages do not document are allowed (the pages allow more), and recorded as an observation.
 */

/** An ajv validate function: true when `data` matches; `errors` says why not. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; message?: string; keyword: string }> | null;
}

export const checkNames = {
  status: 'PUT-200 status is 200',
  shape: 'ENTITY-SHAPE body matches ChatSessionEntityWithLinks',
} as const;

export type CheckOutcome =
  { status: 'ok'; extra: readonly string[] } | { status: 'failed'; why: string } | { status: 'shape'; why: string };

export interface CheckOptions {
  validate: Validator;
  /** Top-level property names the schema documents; others are observations, not failures. */
  documented?: ReadonlySet<string>;
}

/** Judges one answer; never throws (a body that is not JSON is an ENTITY-SHAPE failure). */
export function checkPut(status: number, body: string, options: CheckOptions): CheckOutcome {
  if (status !== 200) return { status: 'failed', why: status === 0 ? 'no answer' : `answered ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 'shape', why: `the body is not JSON: ${body.slice(0, 80)}` };
  }
  if (!options.validate(parsed)) {
    const errors = (options.validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
    return { status: 'shape', why: errors.join('; ') };
  }
  const documented = options.documented;
  const extra =
    documented && parsed && typeof parsed === 'object' ? Object.keys(parsed).filter((k) => !documented.has(k)) : [];
  return { status: 'ok', extra };
}

/** Tallies the checks the way both engines report them (and the HTML shows them). */
export class CheckTally {
  statusPasses = 0;
  statusFails = 0;
  shapePasses = 0;
  shapeFails = 0;
  /** Up to three reasons per kind, for the log and the report. */
  readonly samples: string[] = [];
  /** Undocumented top-level properties seen in valid bodies, with how many bodies carried each. */
  readonly extra = new Map<string, number>();

  /** Counts one answer; `where` names it in a sample (a number n reads `PUT #n`). */
  add(outcome: CheckOutcome, where: string | number): void {
    const name = () => (typeof where === 'number' ? `PUT #${where}` : where);
    if (outcome.status === 'failed') {
      this.statusFails++;
      if (this.statusFails <= 3) this.samples.push(`PUT-200: ${name()} ${outcome.why}`);
      return;
    }
    this.statusPasses++;
    if (outcome.status === 'shape') {
      this.shapeFails++;
      if (this.shapeFails <= 3) this.samples.push(`ENTITY-SHAPE: ${name()} ${outcome.why}`);
      return;
    }
    this.shapePasses++;
    for (const name of outcome.extra) this.extra.set(name, (this.extra.get(name) ?? 0) + 1);
  }

  results(): Array<{ name: string; passes: number; fails: number }> {
    return [
      { name: checkNames.status, passes: this.statusPasses, fails: this.statusFails },
      { name: checkNames.shape, passes: this.shapePasses, fails: this.shapeFails },
    ];
  }

  /** One sentence per undocumented property, for the report's observations. */
  observations(): string[] {
    return [...this.extra].map(
      ([name, n]) => `ENTITY-SHAPE: ${n} PUT answer(s) carried the property "${name}", which the pages do not document`,
    );
  }
}
