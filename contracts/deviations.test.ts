/**
 * Proof that the provider verification tells a correct tenant from a broken one: the consumer
 * tests write fresh pacts to a temporary folder, then the verification runs against the embedded
 * tenant in every mode of its registry, each judged with the main job's clause matrix and verdict
 * (scripts/report/modes.ts) on the JUnit the verify stage writes. Normal, each benign mode and all
 * of them at once must pass; a breaking mode whose clause an interaction names must fail naming that
 * clause first and at most two clauses; one the pacts do not cover must not fail anything. Also
 * checks no credential reaches a pact or a result. (The verifications run in one child process,
 * contracts/verify-modes.ts, whose chatty stdout goes to a log file that failure messages point to.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { authSecrets } from '../lib/auth.ts';
import { loadConfig } from '../lib/config.ts';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { createRedactor } from '../lib/redact.ts';
import { clauseIdsIn, loadClauses } from '../scripts/run/clauses.ts';
import { parseJUnit } from '../scripts/run/junit.ts';
import { allBenign, judgeMode, tenantModes, type TenantMode } from '../scripts/report/modes.ts';
import { toJUnit, writeResults } from './results.ts';
import { attributableClauses } from './judge.ts';
import { runConsumerTests } from './run-consumer.ts';
import type { ModeReport } from './verify-modes.ts';
import { interactionsIn, pactFiles, type VerificationReport } from './verify.ts';

const work = mkdtempSync(join(tmpdir(), 'pact-deviations-'));
const pactDir = join(work, 'pacts');
const config = loadConfig({ env: { REPORTS_DIR: work }, envFile: false });
const modes: TenantMode[] = [{ name: 'normal', kind: 'normal' }, allBenign(), ...tenantModes()];
let modeReports: ModeReport[] = [];

function reportIn(mode: TenantMode): VerificationReport {
  const deviations = mode.kind === 'normal' ? '' : mode.name;
  const found = modeReports.find((m) => m.deviations.join(',') === deviations);
  assert.ok(found, `no verification ran for ${mode.name} (see ${join(work, 'verifier.log')})`);
  return found.report;
}

async function runModes(list: string[][]): Promise<ModeReport[]> {
  const out = join(work, 'modes.json');
  const log = openSync(join(work, 'verifier.log'), 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, REPORTS_DIR: work };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'verify-modes.ts'), pactDir, out, JSON.stringify(list)],
    { env, stdio: ['ignore', log, log] },
  );
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  assert.equal(
    code,
    0,
    `the verification runs failed:\n${readFileSync(join(work, 'verifier.log'), 'utf8').slice(-3000)}`,
  );
  return JSON.parse(readFileSync(out, 'utf8')) as ModeReport[];
}

/** The verify stage's checks as the main job reads them: through the JUnit it writes. */
function judged(mode: TenantMode) {
  const report = reportIn(mode);
  const checks = parseJUnit(toJUnit(report));
  const status = report.failed ? ('failed' as const) : ('passed' as const);
  const stage = { id: 'verify' as const, title: 'Pact provider verification', status, detail: '', checks, seconds: 0 };
  return { report, judgement: judgeMode(mode, [{ ...stage, links: [] }]) };
}

describe('provider verification against the embedded tenant in every mode', { timeout: 240_000 }, () => {
  let covered: Set<string>;
  before(async () => {
    const consumer = await runConsumerTests({ pactDir, reportsDir: work, stdio: 'pipe' });
    assert.equal(consumer.code, 0, `the consumer tests failed:\n${consumer.output.slice(-3000)}`);
    const ids = loadClauses().map((c) => c.id);
    // the clauses an interaction names, and those every interaction judges without naming them
    covered = new Set([
      ...interactionsIn(pactFiles(pactDir)).flatMap((d) => clauseIdsIn(d, ids)),
      ...attributableClauses,
    ]);
    modeReports = await runModes(modes.map((m) => (m.kind === 'normal' ? [] : m.name.split(','))));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('passes every interaction when the tenant behaves as documented', () => {
    const { report, judgement } = judged(modes[0]!);
    assert.equal(report.problems.length, 0, report.problems.join('\n'));
    assert.ok(report.passed >= 19, `expected at least 19 interactions, got ${report.passed}`);
    assert.equal(judgement.ok, true, judgement.why);
  });

  for (const mode of modes.slice(1)) {
    const what =
      mode.kind === 'benign'
        ? 'passes'
        : `fails naming ${mode.clause} first and at most two clauses, or nothing if no interaction covers it`;
    test(`${what} when the tenant runs in ${mode.label ?? mode.name}`, () => {
      const { report, judgement } = judged(mode);
      assert.equal(report.problems.length, 0, report.problems.join('\n'));
      const failing = report.interactions.filter((i) => !i.passed).map((i) => `${i.description}: ${i.mismatches[0]}`);
      if (mode.kind === 'breaking' && !covered.has(mode.clause!)) {
        assert.equal(
          judgement.verdict.word,
          'PASSED',
          `no interaction covers ${mode.clause}, yet: ${failing.join('; ')}`,
        );
        return;
      }
      assert.equal(judgement.ok, true, `${judgement.why}\n  ${failing.join('\n  ')}`);
    });
  }

  test('no credential reaches a pact file or a verification result', () => {
    const results = join(work, 'pact-verification');
    for (const [i, { report }] of modeReports.entries())
      writeResults(join(results, String(i)), report, createRedactor(config.secrets));
    const written = [
      ...readdirSync(pactDir).map((f) => join(pactDir, f)),
      ...readdirSync(results, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name)),
    ];
    assert.ok(written.length > 3);
    const secrets = [
      ...new Set(
        embeddedUsers.flatMap((u) => [
          ...authSecrets({ scheme: 'basic', username: u.username, password: u.password }),
          u.ticket,
          u.token,
          u.xsrfToken,
        ]),
      ),
    ];
    for (const file of written) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `${file} contains a credential of the seed users`);
      assert.doesNotMatch(
        text,
        /Authorization"?\s*:\s*"?(Basic|SoTicket|Bearer) (?!cGFjdC1jb25zdW1lcjpwbGFjZWhvbGRlcg==)/,
      );
    }
  });
});
