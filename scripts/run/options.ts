/**
 * The main job's command line: `npm start -- [options]`. A bad option is a UsageError (exit 2,
 * naming it); the options become environment overrides, so they pass the one validator of
 * lib/env.schema.json like any other setting.
 */
import { parseArgs } from 'node:util';
import { profileNames } from '../../load/scenario/profiles.ts';
import { stageIds, testStageIds, type StageId } from './stages.ts';

export const help = `npm start -- [options]

Verifies the tenant under test (the embedded reference tenant unless TENANT_URL is set) against
the documented ChatSession API and writes reports/index.html, reports/summary.md, reports/junit.xml.

Options:
  --only <stages>        comma list of stages to run: ${stageIds.join(', ')}
                         (config and tenant always run first)
  --skip <stages>        comma list of stages to leave out
  --profile <name>       load profile: ${profileNames.join(', ')} (default smoke)
  --tenant-deviation <m> embedded tenant only: run it in deviation mode <m> (comma list), to see
                         the harness catch a broken tenant (names: tenant/README.md)
  --strict               live tenant: fail checks of assumed behaviour (where the pages are silent)
                         instead of reporting what the tenant does as observed (= STRICT=true)
  --help                 this text

Exit codes: 0 every check passed; 1 a check failed; 2 the run could not be made (bad
configuration, tenant unreachable, credentials refused, k6 missing, interrupted).
Configuration: .env or the environment, every variable documented in .env.example.`;

/** A command line the job cannot run: the message names what is wrong, the hint what to do. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface JobOptions {
  help: boolean;
  /** The stages to run, in order (config and tenant always). */
  selected: StageId[];
  /** Environment overrides from the options: TENANT_DEVIATIONS, LOAD_PROFILE, STRICT. */
  overrides: Record<string, string>;
  deviation: string | undefined;
}

const spec = {
  only: { type: 'string' },
  skip: { type: 'string' },
  profile: { type: 'string' },
  'tenant-deviation': { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export function parseOptions(argv: readonly string[]): JobOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof spec }>>['values'];
  try {
    values = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message, 'see `npm start -- --help`');
  }
  const only = stageList(values.only, '--only');
  const skip = stageList(values.skip, '--skip') ?? [];
  const wanted = (id: StageId) =>
    (id === 'config' || id === 'tenant' || !only || only.includes(id)) && !skip.includes(id);
  const selected = stageIds.filter(wanted);
  if (!values.help && !selected.some((id) => testStageIds.includes(id)))
    throw new UsageError(
      `${only ? '--only' : '--skip'} leaves no test stage to run, so nothing about the tenant would be verified`,
      `run at least one of ${testStageIds.join(', ')}`,
    );
  const profile = values.profile;
  if (profile !== undefined && !(profileNames as readonly string[]).includes(profile))
    throw new UsageError(`--profile "${profile}" is not a load profile`, `use one of ${profileNames.join(', ')}`);
  const deviation = values['tenant-deviation'];
  const overrides: Record<string, string> = {};
  if (deviation) overrides.TENANT_DEVIATIONS = deviation;
  if (profile) overrides.LOAD_PROFILE = profile;
  if (values.strict) overrides.STRICT = 'true';
  return { help: values.help === true, selected, overrides, deviation };
}

function stageList(text: string | undefined, option: string): StageId[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(stageIds as readonly string[]).includes(n));
  if (bad.length)
    throw new UsageError(`${option} names unknown stage(s): ${bad.join(', ')}`, `use some of: ${stageIds.join(', ')}`);
  return names as StageId[];
}
