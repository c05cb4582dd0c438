/**
 * `npm run load`: the PUT ChatSession load test (load/runner/run.ts) from the command line.
 * Ctrl-C or SIGTERM stops it, deletes the scratch sessions it created, and exits 2.
 */
import { parseArgs } from 'node:util';
import { standaloneRun } from './run/run.ts';
import { runLoad } from '../load/runner/run.ts';
import { profileNames, profiles } from '../load/scenario/profiles.ts';

const help = `npm run load -- [options]

PUT ChatSession under load against the embedded tenant (no TENANT_URL) or TENANT_URL, judged
against the ${'NS_API_SLOW_MS'} line (5000 ms). Reports: reports/load/<run>/ and reports/load/latest/.

  --profile <name>     ${profileNames.join(', ')} (default: LOAD_PROFILE, else smoke)
${profileNames.map((p) => `                         ${p.padEnd(7)} ${profiles[p].description}`).join('\n')}
  --engine <name>      embedded (default: LOAD_ENGINE, else embedded) or k6 (K6_BIN or k6 on PATH)
  --runs <n>           run n times in a row (each run is one history entry)
  --compare            compare the (last) run with reports/load/baseline.json; exit 1 on a regression
  --accept-baseline    make the last --runs runs (default 5) of this profile and target the baseline
  --archive            write reports/load/put-chatsession.tar with your k6, for k6-operator (no run)
  --help               this text

Settings (.env or environment, see .env.example): LOAD_PROFILE, LOAD_RATE, LOAD_DURATION,
LOAD_MAX_VUS, LOAD_SESSIONS, LOAD_MAX_SLOW_SHARE, LOAD_ENGINE, K6_BIN, NS_API_SLOW_MS, TENANT_URL
and its credentials, ALLOW_PRODUCTION_LOAD. Exit codes: 0 passed, 1 a threshold or the comparison
failed, 2 could not run or interrupted.`;

const options = {
  profile: { type: 'string' },
  engine: { type: 'string' },
  runs: { type: 'string' },
  compare: { type: 'boolean', default: false },
  'accept-baseline': { type: 'boolean', default: false },
  archive: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;
let args: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
try {
  args = parseArgs({ options, strict: true }).values;
} catch (err) {
  console.error(`load: error: ${(err as Error).message}\n\n${help}`);
  process.exit(2);
}
if (args.help) {
  console.log(help);
  process.exit(0);
}
if (args.engine !== undefined && args.engine !== 'embedded' && args.engine !== 'k6') {
  console.error(`load: error: --engine ${args.engine} is not an engine: use embedded or k6`);
  process.exit(2);
}
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (!stop.signal.aborted) console.log(`load: ${signal}: stopping, then deleting what this run created`);
    stop.abort();
  });
const { run, close } = await standaloneRun();
let code: number;
try {
  code = await runLoad(run, {
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    ...(args.engine !== undefined ? { engine: args.engine } : {}),
    ...(args.runs !== undefined ? { runs: Number(args.runs) } : {}),
    compare: args.compare,
    acceptBaseline: args['accept-baseline'],
    archive: args.archive,
    signal: stop.signal,
  });
} finally {
  await close();
}
process.exit(code);
