/**
 * The `schemathesis` test stage: Schemathesis (an independent, property-based API tester from
 * PyPI) against the embedded tenant, driven only by the OpenAPI document the tenant serves at
 * `/openapi.json`. Default checks (all of them), the four documented operations, the examples,
 * coverage and fuzzing phases, bounded by examples per operation, a time budget and a seed. Prints
 * Schemathesis's own summary, then `N passed, N failed` over operations (an operation fails when any
 * check failed on it).
 * No Python or no PyPI: the stage says so and fails; it never passes without running.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { embeddedUsers } from '../../lib/embedded-users.ts';
import { operations } from '../../schemas/openapi.ts';
import { startTenant } from '../../tenant/start.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, '.tools', 'schemathesis', 'bin', 'schemathesis');
const reportDir = join(root, 'reports', 'schemathesis');

/** The bounds: test cases per operation and phase, seconds for the whole run, the seed. */
export const bounds = { maxExamples: 10, maxTimeSeconds: 40, seed: 1 } as const;

/** The documented operations (one of the four reference pages stands behind each). */
export const documentedOperations = operations
  .filter((o) => o.documentedBy.endsWith(' page'))
  .map((o) => o.operationId);

/**
 * Values whose validity depends on the tenant's state, which no schema can say: who its
 * associates are (toAssociate), which zone codes it knows (SO-TimeZone: FACTS.md names NO and
 * US-NY), a date after every change (If-Unmodified-Since, so a valid request is not refused with
 * the documented 412), and selections that keep ChatSessionId, so the stateful phase can pass an
 * id from one answer to the next call (with it nulled by `$select`, Schemathesis 4.32.5 sends
 * `null` as an int32 path id). Everything else is generated from the document.
 */
export function configToml(): string {
  const list = (values: readonly string[]) => `{ values = [${values.map((v) => JSON.stringify(v)).join(', ')}] }`;
  const selections = ['ChatSessionId', 'chatsessionid,Status,user/associateid', 'ChatSessionId,CustomerName,WhenIdle'];
  return [
    '[dictionaries]',
    `associates = ${list(embeddedUsers.flatMap((u) => [u.username, String(u.associateId)]))}`,
    `zones = ${list(['UTC', 'NO', 'US-NY', 'Europe/Oslo', '+02:00', 'NO, includeTZOffset'])}`,
    `selections = ${list(selections)}`,
    '',
    '[parameters]',
    '"path.toAssociate" = { dictionary = "associates" }',
    '"header.SO-TimeZone" = { dictionary = "zones" }',
    '"query.$select" = { dictionary = "selections" }',
    '"header.If-Unmodified-Since" = "Fri, 31 Dec 9999 23:59:59 GMT"',
    '',
    // Fuzzing feeds values from earlier answers into later requests; with `$select` those answers hold
    // a null ChatSessionId, which Schemathesis 4.32.5 then sends as an int32 path id (a tool quirk).
    '[phases.fuzzing.extra-data-sources]',
    'responses = false',
    '',
    '[auth]',
    // Read from the environment, so the password is on no command line.
    'basic = { username = "${SCHEMATHESIS_USER}", password = "${SCHEMATHESIS_PASSWORD}" }',
    '',
  ].join('\n');
}

/** Per operation from Schemathesis's JUnit report: its test case name and whether it failed. */
export function junitOutcomes(xml: string): Array<{ name: string; failed: boolean }> {
  return [...xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: m[1] ?? '',
    failed: /<(failure|error)\b/.test(m[3] ?? ''),
  }));
}

function notRun(reason: string): never {
  console.log(`schemathesis: NOT RUN: ${reason}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

async function main(): Promise<void> {
  const install = spawnSync('bash', [join(root, 'scripts', 'schemathesis', 'install.sh')], { stdio: 'inherit' });
  if (install.status !== 0)
    notRun(
      `the install failed (exit ${install.status ?? install.signal}); see the lines above. ` +
        'Python >= 3.11 and PyPI are needed.',
    );

  const tenant = await startTenant({ port: 0 });
  const work = mkdtempSync(join(tmpdir(), 'schemathesis-'));
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(work, 'schemathesis.toml'), configToml());
  const user = embeddedUsers[0]!;
  const args = [
    '--config-file',
    join(work, 'schemathesis.toml'),
    'run',
    `${tenant.url}/openapi.json`,
    ...documentedOperations.flatMap((id) => ['--include-operation-id', id]),
    // No stateful phase: among the four documented operations none creates or deletes, and 4.32.5's
    // stateful phase draws parameters past the dictionaries above and writes int32 ids as `-1242.0`.
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(bounds.maxExamples),
    '--max-time',
    String(bounds.maxTimeSeconds),
    '--seed',
    String(bounds.seed),
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    join(reportDir, 'junit.xml'),
  ];
  console.log(`schemathesis: ${bin} ${args.join(' ')}`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(bin, args, {
      cwd: work,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, SCHEMATHESIS_USER: user.username, SCHEMATHESIS_PASSWORD: user.password },
    });
    child.on('error', () => resolve(127));
    child.on('close', (c) => resolve(c ?? 1));
  });
  await tenant.close();
  rmSync(work, { recursive: true, force: true });

  let outcomes: ReturnType<typeof junitOutcomes> = [];
  try {
    outcomes = junitOutcomes(readFileSync(join(reportDir, 'junit.xml'), 'utf8'));
  } catch {
    notRun(`Schemathesis exited ${code} and wrote no report`);
  }
  const failed = outcomes.filter((o) => o.failed);
  for (const o of failed) console.log(`schemathesis: FAILED ${o.name}`);
  const untested = documentedOperations.length - outcomes.filter((o) => !/stateful/i.test(o.name)).length;
  if (untested > 0) console.log(`schemathesis: ${untested} documented operation(s) without a result`);
  const broken = code !== 0 && failed.length === 0 ? 1 : 0;
  if (broken) console.log(`schemathesis: exited ${code} with no failed operation in its report`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length + Math.max(untested, 0) + broken} failed`);
  process.exit(failed.length + Math.max(untested, 0) + broken === 0 ? 0 : 1);
}

// Run as the stage (`tsx scripts/schemathesis/run.ts`), not when a test imports the helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
