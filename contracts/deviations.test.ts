/**
 * Proof that the provider verification tells a correct tenant from a broken one: the consumer
 * tests write fresh pacts to a temporary folder, then the verification runs against the embedded
 * tenant in every mode of its registry, each judged with the main job's clause matrix and verdict
 * (scripts/report/modes.ts) on the JUnit the verify stage writes. Normal, each benign mode and all
 * of them at once must pass; a breaking mode whose clause an interaction names must fail naming that
 * clause first and at most two clauses; one the pacts do not cover must not fail anything. Also
 * checks no credential reaches a pact or a result. The same tenant verified as a live one shows that
 * a check the configuration cannot set up (no second user; AUTH_SCHEME=xsrf, which has none) is not
 * run, with the reason, and never failed. (The verifications run in four child processes at once,
 * contracts/verify-modes.ts with a tenant each, whose chatty stdout goes to log files that failure
 * messages point to.)
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
import { clauseIdsIn, loadClauses } from '../lib/clauses.ts';
import { parseJUnit } from '../lib/junit-checks.ts';
import { allBenign, judgeMode, modeOf, tenantModes, type TenantMode } from '../scripts/report/modes.ts';
import { toJUnit, writeResults } from './results.ts';
import { attributableClauses } from './judge.ts';
import { runConsumerTests } from './run-consumer.ts';
import type { Mode, ModeReport } from './verify-modes.ts';
import { interactionsIn, pactFiles } from './pact-files.ts';
import type { VerificationReport } from './verify.ts';

const work = mkdtempSync(join(tmpdir(), 'pact-deviations-'));
const pactDir = join(work, 'pacts');
const config = loadConfig({ env: { REPORTS_DIR: work }, envFile: false });
const modes: TenantMode[] = [{ name: 'normal', kind: 'normal' }, allBenign(), ...tenantModes()];
let modeReports: ModeReport[] = [];

const [caller, other] = embeddedUsers;
const basic = { AUTH_SCHEME: 'basic', SO_USERNAME: caller!.username, SO_PASSWORD: caller!.password };
const secondUser = { SECOND_USERNAME: other!.username, SECOND_PASSWORD: other!.password };
/** The embedded tenant verified as a partner's live tenant (TENANT_URL), with these settings. */
const liveRuns = {
  'xsrf, no second user': {
    deviations: [],
    env: { AUTH_SCHEME: 'xsrf', SO_XSRF_TOKEN: caller!.xsrfToken, TRANSFER_TO_ASSOCIATE: 'kari' },
  },
  'basic, no second user': { deviations: [], env: { ...basic, TRANSFER_TO_ASSOCIATE: 'kari' } },
  'basic, a second user': { deviations: [], env: { ...basic, ...secondUser, TRANSFER_TO_ASSOCIATE: 'kari' } },
  'basic, a second user, transfer-not-owner-changes': {
    deviations: ['transfer-not-owner-changes'],
    env: { ...basic, ...secondUser, TRANSFER_TO_ASSOCIATE: 'kari' },
  },
} as const satisfies Record<string, Mode>;

function reportIn(mode: TenantMode): VerificationReport {
  const deviations = mode.kind === 'normal' ? '' : mode.name;
  const found = modeReports.find((m) => !m.env && m.deviations.join(',') === deviations);
  assert.ok(found, `no verification ran for ${mode.name} (see ${join(work, 'verifier-*.log')})`);
  return found.report;
}

function liveReport(run: keyof typeof liveRuns): VerificationReport {
  const { env, deviations } = liveRuns[run];
  const found = modeReports.find(
    (m) => JSON.stringify(m.env) === JSON.stringify(env) && m.deviations.join(',') === deviations.join(','),
  );
  assert.ok(found, `no verification ran for ${run} (see ${join(work, 'verifier-*.log')})`);
  return found.report;
}

/** One child process verifying `list` in turn on a tenant of its own; `name` tells its files apart. */
async function runModesIn(name: string, list: readonly Mode[]): Promise<ModeReport[]> {
  const out = join(work, `${name}.json`);
  const logFile = join(work, `${name}.log`);
  const log = openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, REPORTS_DIR: work };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'verify-modes.ts'), pactDir, out, JSON.stringify(list)],
    { env, stdio: ['ignore', log, log] },
  );
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  assert.equal(code, 0, `the verification runs failed:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
  return JSON.parse(readFileSync(out, 'utf8')) as ModeReport[];
}

/**
 * The modes shared out between four child processes, each with its own tenant, at the same time:
 * a verification mostly waits on the tenant and Pact's core (64 s one after another, 2 cores).
 */
async function runModes(list: readonly Mode[], processes = 4): Promise<ModeReport[]> {
  const shares = Array.from({ length: processes }, (_, p) => list.filter((_, i) => i % processes === p));
  const reports = await Promise.all(shares.map((share, p) => runModesIn(`verifier-${p + 1}`, share)));
  return reports.flat();
}

/** The verify stage's checks as the main job reads them: through the JUnit it writes. */
function judged(mode: TenantMode, report = reportIn(mode)) {
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
    modeReports = await runModes([
      ...modes.map((m) => (m.kind === 'normal' ? [] : m.name.split(','))),
      ...Object.values(liveRuns),
    ]);
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

  for (const [run, why] of [
    ['xsrf, no second user', /needs a second user, and AUTH_SCHEME=xsrf has none/],
    ['basic, no second user', /needs a second user: set SECOND_USERNAME\/SECOND_PASSWORD \(AUTH_SCHEME=basic\)/],
  ] as const)
    test(`as a live tenant (${run}) it passes, XFER-NOTOWNER not run with the reason, never failed`, () => {
      const { report, judgement } = judged({ name: 'normal', kind: 'normal' }, liveReport(run));
      assert.equal(judgement.verdict.word, 'PASSED', judgement.verdict.line);
      assert.match(judgement.verdict.line, /; 1 check not run \(see Not run\)$/);
      assert.deepEqual(
        report.interactions.filter((i) => !i.passed).map((i) => i.description),
        [],
      );
      assert.deepEqual(
        report.notRun.map((n) => n.description.split(' ')[0]),
        ['XFER-NOTOWNER'],
      );
      const [check] = parseJUnit(toJUnit(report)).filter((c) => c.name.startsWith('XFER-NOTOWNER'));
      assert.equal(check?.status, 'skipped');
      assert.match(check?.message ?? '', why);
      assert.match(check?.message ?? '', /provider state "chat session \{id\} belongs to another user"/);
    });

  test('as a live tenant with a second user it runs XFER-NOTOWNER and passes', () => {
    const { report, judgement } = judged({ name: 'normal', kind: 'normal' }, liveReport('basic, a second user'));
    assert.equal(judgement.ok, true, judgement.why);
    assert.deepEqual(report.notRun, []);
    assert.equal(report.interactions.find((i) => i.description.startsWith('XFER-NOTOWNER'))?.passed, true);
  });

  test('as a live tenant with a second user it still fails XFER-NOTOWNER when the tenant breaks it', () => {
    const mode = modeOf('transfer-not-owner-changes');
    const { judgement } = judged(mode, liveReport('basic, a second user, transfer-not-owner-changes'));
    assert.equal(judgement.ok, true, judgement.why);
    assert.equal(judgement.failedClauses[0], 'XFER-NOTOWNER');
  });

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
