/**
 * Proof that the provider verification catches a tenant that breaks the contract: the consumer
 * tests write fresh pacts to a temporary folder, then the verification runs against the embedded
 * tenant as documented (everything passes) and in deviation modes, each of which must fail exactly
 * the interactions for the clause it breaks. Also checks no credential reaches a pact or a result.
 * (The verifications run in one child process, contracts/verify-modes.ts, whose chatty stdout goes
 * to a log file that failure messages point to.)
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
import { writeResults } from './results.ts';
import { runConsumerTests } from './run-consumer.ts';
import type { ModeReport } from './verify-modes.ts';
import type { VerificationReport } from './verify.ts';

const work = mkdtempSync(join(tmpdir(), 'pact-deviations-'));
const pactDir = join(work, 'pacts');
const config = loadConfig({ env: { REPORTS_DIR: work }, envFile: false });
let modeReports: ModeReport[] = [];

function verifyIn(deviations: string[]): VerificationReport {
  const found = modeReports.find((m) => m.deviations.join(',') === deviations.join(','));
  assert.ok(
    found,
    `no verification ran for ${deviations.join(',') || 'normal mode'} (see ${join(work, 'verifier.log')})`,
  );
  return found.report;
}

async function runModes(modes: string[][]): Promise<ModeReport[]> {
  const out = join(work, 'modes.json');
  const log = openSync(join(work, 'verifier.log'), 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, REPORTS_DIR: work };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'verify-modes.ts'), pactDir, out, JSON.stringify(modes)],
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

const failing = (report: VerificationReport) => report.interactions.filter((i) => !i.passed).map((i) => i.description);

/** Deviation -> the clause ID every failing interaction's description starts with. */
const targeted = [
  ['test-op-200', 'PATCH-409'],
  ['ignore-if-unmodified-since', 'PATCH-412'],
  ['patch-404-as-200', 'PATCH-404'],
  ['put-no-body-200', 'PUT-400'],
  ['pickup-not-queued-returns-entity', 'PICK-NULL'],
  ['transfer-not-owner-changes', 'XFER-NOTOWNER'],
  ['ignore-select', 'PUT-200 SELECT-FIELDS'],
] as const;

/** Deviations that break the entity shape: every interaction with a JSON entity body fails, naming the property. */
const shapeBreaking = [
  ['drop-property', 'CustomerEmail'],
  ['wrong-type', '$.Rating'],
  ['no-links', '_Links'],
] as const;

describe('provider verification against the embedded tenant', { timeout: 120_000 }, () => {
  before(async () => {
    const consumer = await runConsumerTests({ pactDir, reportsDir: work, stdio: 'pipe' });
    assert.equal(consumer.code, 0, `the consumer tests failed:\n${consumer.output.slice(-3000)}`);
    modeReports = await runModes([[], ...[...targeted, ...shapeBreaking].map(([deviation]) => [deviation])]);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('passes every interaction when the tenant behaves as documented', () => {
    const report = verifyIn([]);
    assert.deepEqual(failing(report), []);
    assert.equal(report.problems.length, 0, report.problems.join('\n'));
    assert.ok(report.passed >= 15, `expected at least 15 interactions, got ${report.passed}`);
  });

  for (const [deviation, clause] of targeted) {
    test(`fails only the ${clause} interaction when the tenant runs with ${deviation}`, () => {
      const report = verifyIn([deviation]);
      assert.ok(report.failed > 0, `${deviation} went unnoticed`);
      assert.deepEqual(
        failing(report).filter((d) => !d.startsWith(clause)),
        [],
        `${deviation} failed other interactions too`,
      );
    });
  }

  for (const [deviation, property] of shapeBreaking) {
    test(`fails the entity interactions, naming ${property}, when the tenant runs with ${deviation}`, () => {
      const report = verifyIn([deviation]);
      const put = report.interactions.find((i) => i.description.startsWith('PUT-200 ENTITY-LINKS'));
      assert.ok(put && !put.passed, `${deviation}: PUT-200 passed`);
      assert.ok(
        put.mismatches.some((m) => m.includes(property)),
        `${deviation}: mismatches do not name ${property}: ${put.mismatches.join('; ')}`,
      );
      assert.ok(report.failed >= 5, `${deviation}: only ${report.failed} interactions failed`);
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
