/**
 * The main job against tenants that differ from the reference one, end to end (`npm start`):
 * every benign mode at once passes (exit 0) with their observations in the report; a breaking
 * mode exits 1 naming its clause and no more than two; a live tenant that does an assumed thing
 * differently (it serves calls without credentials: AUTH-NONE, assumed) passes with that
 * behaviour under "Observed behaviour", and fails with --strict. The pacts are written once and
 * the runs verify them (`--only verify,api`); the load stage is left out: its checks and their
 * deviation proofs are the load suite's own (load/), and it takes the longest. The embedded runs
 * go two at a time, then the two live ones: they do not share a tenant or a reports folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runConsumerTests } from '../contracts/run-consumer.ts';
import { startTenant } from '../tenant/start.ts';
import { startLiveRun } from './e2e-support.ts';
import { allBenign, clausesNamed } from './report/modes.ts';
import type { Verdict } from './report/write.ts';

const root = join(import.meta.dirname, '..');
/** The consumer tests write the same pacts every time: made once, copied into each run's reports. */
const pacts = mkdtempSync(join(tmpdir(), 'deviations-e2e-pacts-'));

interface Finished {
  code: number | null;
  out: string;
  reports: string;
}

/** `npm start -- --only verify,api args` against the embedded tenant, as CI runs it, with a private reports dir. */
function start(args: string[]): Promise<Finished> {
  const reports = mkdtempSync(join(tmpdir(), 'deviations-e2e-'));
  cpSync(join(pacts, 'pacts'), join(reports, 'pacts'), { recursive: true });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', REPORTS_DIR: reports };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--only', 'verify,api', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, reports })));
}

const runJson = (reports: string) =>
  JSON.parse(readFileSync(join(reports, 'run.json'), 'utf8')) as {
    verdict: Verdict;
    observed: Array<{ clause: string; agrees: boolean; observed: string; reference: string }>;
  };

describe('npm start against tenants that differ from the reference', { timeout: 600_000 }, () => {
  let benign: Finished;
  let dropped: Finished;
  let lenient: Finished;
  let strict: Finished;

  before(async () => {
    const consumer = await runConsumerTests({ pactDir: join(pacts, 'pacts'), reportsDir: pacts, stdio: 'pipe' });
    assert.equal(consumer.code, 0, consumer.output.slice(-2000));
    [benign, dropped] = await Promise.all([
      start(['--tenant-deviation', allBenign().name]),
      start(['--tenant-deviation', 'drop-property']),
    ]);
    const tenant = await startTenant({ seedSessions: 20, deviations: ['accept-anonymous'] });
    try {
      const finish = async (run: ReturnType<typeof startLiveRun>): Promise<Finished> => ({
        code: await run.exited,
        out: run.output(),
        reports: run.reports,
      });
      [lenient, strict] = await Promise.all([
        finish(startLiveRun(tenant, ['--only', 'api'])),
        finish(startLiveRun(tenant, ['--only', 'api', '--strict'])),
      ]);
    } finally {
      await tenant.close();
    }
  });

  test('every benign mode at once: exit 0, and what differs is reported as observed', () => {
    assert.equal(benign.code, 0, benign.out);
    assert.match(benign.out, /PASSED — /);
    const observed = runJson(benign.reports).observed.filter((o) => !o.agrees);
    for (const clause of ['ENTITY-SHAPE', 'ENTITY-LINKS', 'PUT-404', 'XFER-TARGET', 'TZ-CONVERT', 'ACCEPT-JSON'])
      assert.ok(
        observed.some((o) => o.clause === clause),
        `no observation for ${clause}: ${JSON.stringify(observed)}`,
      );
    assert.match(readFileSync(join(benign.reports, 'summary.md'), 'utf8'), /### Observed behaviour/);
  });

  test('a tenant that drops a property: exit 1, ENTITY-SHAPE and nothing else', () => {
    assert.equal(dropped.code, 1, dropped.out);
    assert.deepEqual(clausesNamed(runJson(dropped.reports).verdict), ['ENTITY-SHAPE']);
  });

  test('a live tenant serving calls without credentials: observed, since AUTH-NONE is assumed', () => {
    assert.equal(lenient.code, 0, lenient.out);
    const seen = runJson(lenient.reports).observed.find((o) => o.clause === 'AUTH-NONE' && !o.agrees);
    assert.ok(seen, 'AUTH-NONE is not under Observed behaviour');
    assert.match(
      readFileSync(join(lenient.reports, 'index.html'), 'utf8'),
      /data-observed="AUTH-NONE" data-agrees="false"/,
    );
  });

  test('the same live tenant with --strict: exit 1, AUTH-NONE failed', () => {
    assert.equal(strict.code, 1, strict.out);
    assert.deepEqual(clausesNamed(runJson(strict.reports).verdict), ['AUTH-NONE']);
  });
});
