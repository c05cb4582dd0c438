/**
 * Proof that the API suite catches deviations: runs it against the embedded tenant once normally
 * and once per deviation mode (TENANT_DEVIATIONS=<mode>, each on a free port through Playwright's
 * webServer), prints mode -> failing tests, writes reports/playwright/deviations.json, and exits 1
 * when the normal run fails, when a mode makes no test fail (a survivor), or when the reports of
 * these failing runs hold a secret. `--only a,b` runs just those modes.
 * Playwright restarts a worker after every failing test, so a mode that breaks every answer
 * would take minutes: each mode stops after MAX_FAILURES failing tests (`--all` lists them all).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { configOrExit } from '../lib/config.ts';
import { readReport, testRows, type TestRow } from '../api/support/results.ts';
import { knownSecrets, scanDir } from '../api/support/secrets.ts';
import { deviationClauses, deviationNames, type DeviationName } from '../tenant/deviations.ts';

const root = join(import.meta.dirname, '..');
const config = configOrExit();
if (config.target === 'live') {
  console.error('api-deviations runs against the embedded tenant only: unset TENANT_URL');
  process.exit(2);
}
const out = join(config.reportsDir, 'playwright', 'deviations');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : undefined;
const MAX_FAILURES = 10;
const all = process.argv.includes('--all');
const modes = ['normal', ...deviationNames].filter((m) => !only || m === 'normal' || only.includes(m));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, config.embedded.host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function runMode(mode: string): Promise<{ rows: TestRow[]; code: number; seconds: number }> {
  const started = Date.now();
  const file = join(out, `${mode}.json`);
  const env = {
    ...process.env,
    TENANT_PORT: String(await freePort()),
    TENANT_DEVIATIONS: mode === 'normal' ? '' : mode,
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  };
  const args = [
    join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    '--config',
    join(root, 'playwright.config.ts'),
    '--reporter=json',
    `--output=${join(out, 'test-results', mode)}`,
    ...(all ? [] : [`--max-failures=${MAX_FAILURES}`]),
  ];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', () => resolve(127));
    child.on('close', (c) => {
      if (c !== 0 && c !== 1) process.stderr.write(stderr);
      resolve(c ?? 1);
    });
  });
  let rows: TestRow[] = [];
  try {
    rows = testRows(readReport(file));
  } catch {
    rows = [];
  }
  return { rows, code, seconds: (Date.now() - started) / 1000 };
}

interface ModeResult {
  mode: string;
  clause?: string;
  exit: number;
  tests: number;
  failing: string[];
  seconds: number;
}

const results: ModeResult[] = [];
for (const [i, mode] of modes.entries()) {
  process.stdout.write(`[${i + 1}/${modes.length}] ${mode} ... `);
  const { rows, code, seconds } = await runMode(mode);
  const failing = rows.filter((r) => r.outcome === 'failed').map((r) => r.title);
  const clause = mode === 'normal' ? undefined : deviationClauses[mode as DeviationName];
  results.push({ mode, ...(clause ? { clause } : {}), exit: code, tests: rows.length, failing, seconds });
  const stopped = !all && failing.length >= MAX_FAILURES ? ` (stopped at ${MAX_FAILURES})` : '';
  console.log(`${failing.length} of ${rows.length} failing${stopped} (${seconds.toFixed(1)}s)`);
}

// a mode is caught by tests that fail in it but not in the normal run, so a failure the normal
// run already has never hides a survivor
const normal = results.find((r) => r.mode === 'normal');
const baseline = new Set(normal?.failing ?? []);
const caughtBy = (r: ModeResult) => r.failing.filter((t) => !baseline.has(t));

console.log('\nmode -> failing tests');
for (const r of results) {
  const verdict =
    r.mode === 'normal'
      ? r.failing.length === 0 && r.exit === 0 && r.tests > 0
        ? 'ok'
        : 'NORMAL RUN FAILS'
      : caughtBy(r).length > 0
        ? 'caught'
        : 'SURVIVOR';
  console.log(`\n${r.mode}${r.clause ? ` (breaks ${r.clause})` : ''}: ${verdict}, ${r.failing.length} failing`);
  for (const t of r.failing)
    console.log(`    ${baseline.has(t) && r.mode !== 'normal' ? '(fails in normal too) ' : ''}${t}`);
}

const survivors = results.filter((r) => r.mode !== 'normal' && caughtBy(r).length === 0).map((r) => r.mode);
const hits = scanDir(out, knownSecrets(config));
writeFileSync(
  join(config.reportsDir, 'playwright', 'deviations.json'),
  `${JSON.stringify({ modes: results, survivors, secretHits: hits }, null, 2)}\n`,
);

const problems: string[] = [];
if (!normal || normal.exit !== 0 || normal.failing.length > 0 || normal.tests === 0)
  problems.push(
    `the normal run must pass (exit ${normal?.exit}, ${normal?.failing.length} failing of ${normal?.tests})`,
  );
if (survivors.length) problems.push(`survivors (no test failed): ${survivors.join(', ')}`);
for (const h of hits)
  problems.push(
    `secret found in the deviation runs' reports: ${h.label} in ${h.file}${h.entry ? ` (entry ${h.entry})` : ''}`,
  );
console.log(
  `\n${results.length - 1} deviation modes, ${results.length - 1 - survivors.length} caught, ${survivors.length} survivors; secret scan of failing runs: ${hits.length} hits; written to ${join(config.reportsDir, 'playwright', 'deviations.json')}`,
);
// The closing line npm test reads: each caught mode (and a clean normal run) is a pass.
const normalOk = !problems.some((p) => p.startsWith('the normal run'));
console.log(
  `${results.length - 1 - survivors.length + (normalOk ? 1 : 0)} passed, ${survivors.length + (normalOk ? 0 : 1)} failed`,
);
if (problems.length) {
  console.error(`api-deviations: FAILED\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('api-deviations: OK');
