/**
 * `npm run deviations`: the whole main job (`npm start`) against the embedded tenant in every
 * mode of its registry, one run after another, each with its own reports folder, judged by what
 * npm start itself says (its exit code and reports/run.json's verdict): normal and every benign
 * mode must exit 0; every breaking mode must exit 1 naming its clause first and at most two
 * clauses. Prints the table `mode | kind | exit | clauses named` and writes it to
 * reports/deviations.md. Not part of `npm test` (about a minute per mode).
 *
 *   npm run deviations [-- --only a;b,c] [-- --skip load]   (other options go to npm start)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configOrExit } from '../../lib/run.ts';
import { allBenign, clausesNamed, maxFailedClauses, modeOf, tenantModes, type TenantMode } from '../report/modes.ts';
import type { Verdict } from '../report/write.ts';

/** Runs it; resolves with the exit code. */
export async function main(): Promise<number> {
  const root = join(import.meta.dirname, '..', '..');
  const config = configOrExit();
  if (config.target === 'live') {
    console.error('deviations runs the embedded tenant in its modes: unset TENANT_URL');
    return 2;
  }
  const argv = process.argv.slice(2);
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(';').filter(Boolean) : undefined;
  const passOn = onlyAt >= 0 ? [...argv.slice(0, onlyAt), ...argv.slice(onlyAt + 2)] : argv;
  const modes: TenantMode[] = only
    ? only.map(modeOf)
    : [{ name: 'normal', kind: 'normal' }, ...tenantModes(), allBenign()];

  interface Row {
    mode: TenantMode;
    exit: number;
    verdict: string;
    clauses: string[];
    seconds: number;
    ok: boolean;
    why: string;
  }

  function judge(mode: TenantMode, exit: number, verdict: Verdict | undefined): Pick<Row, 'ok' | 'why' | 'clauses'> {
    const clauses = verdict ? clausesNamed(verdict) : [];
    if (mode.kind !== 'breaking')
      return { clauses, ok: exit === 0, why: exit === 0 ? 'passed' : `exit ${exit}: ${verdict?.line ?? 'no verdict'}` };
    if (exit !== 1) return { clauses, ok: false, why: `exit ${exit}, not 1: ${verdict?.line ?? 'no verdict'}` };
    if (clauses[0] !== mode.clause) return { clauses, ok: false, why: `names ${clauses[0] ?? 'nothing'} first` };
    if (clauses.length > maxFailedClauses) return { clauses, ok: false, why: `names ${clauses.length} clauses` };
    return { clauses, ok: true, why: 'caught' };
  }

  function runStart(mode: TenantMode, reports: string): Promise<number> {
    const args = ['--import', 'tsx', 'scripts/start.ts', ...passOn];
    if (mode.kind !== 'normal') args.push('--tenant-deviation', mode.name);
    const env = { ...process.env, REPORTS_DIR: reports, CI: 'true' };
    return new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'ignore'] });
      child.on('error', () => resolve(127));
      child.on('close', (code) => resolve(code ?? 1));
    });
  }

  const rows: Row[] = [];
  for (const [i, mode] of modes.entries()) {
    const reports = mkdtempSync(join(tmpdir(), 'deviations-'));
    const label = mode.label ?? mode.name;
    process.stdout.write(`[${i + 1}/${modes.length}] ${label} ... `);
    const started = Date.now();
    const exit = await runStart(mode, reports);
    const runFile = join(reports, 'run.json');
    const verdict = existsSync(runFile)
      ? (JSON.parse(readFileSync(runFile, 'utf8')) as { verdict?: Verdict }).verdict
      : undefined;
    const seconds = (Date.now() - started) / 1000;
    const row = { mode, exit, verdict: verdict?.line ?? '(no run.json)', seconds, ...judge(mode, exit, verdict) };
    rows.push(row);
    console.log(`exit ${exit} in ${seconds.toFixed(0)}s: ${row.ok ? 'ok' : `NOT OK (${row.why})`}`);
    rmSync(reports, { recursive: true, force: true });
  }

  const table = [
    '| mode | kind | exit | clauses named | as required |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.mode.label ?? r.mode.name} | ${r.mode.kind}${r.mode.clause ? ` (${r.mode.clause})` : ''} | ` +
        `${r.exit} | ${r.clauses.join(', ') || '–'} | ${r.ok ? 'yes' : `NO: ${r.why}`} |`,
    ),
  ].join('\n');
  const bad = rows.filter((r) => !r.ok);
  const total = rows.reduce((s, r) => s + r.seconds, 0);
  console.log(`\n${table}\n`);
  console.log(`${rows.length} runs of npm start ${passOn.join(' ')} in ${(total / 60).toFixed(1)} min`);
  mkdirSync(config.reportsDir, { recursive: true });
  writeFileSync(
    join(config.reportsDir, 'deviations.md'),
    `# npm start against every tenant mode\n\n${new Date().toISOString()}, npm start ${passOn.join(' ')}\n\n${table}\n`,
  );
  console.log(`${rows.length - bad.length} passed, ${bad.length} failed`);
  return bad.length ? 1 : 0;
}
