/**
 * `npm run verify:provider`: replays reports/pacts against the tenant under test (the embedded
 * one unless TENANT_URL is set), writes reports/pact-verification/{junit.xml,results.json,
 * summary.txt} and ends with `N passed, N failed` (interactions). Exit 0 only when all passed.
 */
import { join, relative } from 'node:path';
import { createRedactor } from '../lib/redact.ts';
import { brokerVerifierOptions } from '../contracts/broker.ts';
import { summaryLine, writeResults } from '../contracts/results.ts';
import { verifyPacts } from '../contracts/verify.ts';
import { standaloneRun } from './run/run.ts';

// The main job's Run when it started this stage; otherwise one opened here (reports folder claimed).
const open = await standaloneRun();
const { config, tenant } = open.run;
const redact = createRedactor(config.secrets);
const broker = brokerVerifierOptions(config);
const where = tenant.kind === 'live' ? tenant.baseUrl : 'the embedded tenant';
const source = broker ? `pacts from ${config.pact.brokerUrl}` : 'reports/pacts';
console.log(`=== Pact provider verification: ${source} against ${where}`);

try {
  const report = await verifyPacts({ config, target: tenant, broker });
  await open.close();
  console.log('');
  for (const i of report.interactions) {
    console.log(
      redact(`${i.passed ? '✔' : '✖'} ${i.description}${i.passed ? '' : `\n    ${i.mismatches.join('\n    ')}`}`),
    );
  }
  for (const n of report.notRun) console.log(redact(`- ${n.description}\n    not run: ${n.reason}`));
  for (const p of report.problems) console.log(redact(`✖ ${p}`));
  if (report.leftBehind.length)
    console.error(`could not delete the sessions created for provider states: ${report.leftBehind.join(', ')}`);
  const out = writeResults(join(config.reportsDir, 'pact-verification'), report, redact);
  console.log(`results: ${relative(process.cwd(), out.junit)}, ${relative(process.cwd(), out.json)}`);
  console.log(summaryLine(report));
  process.exit(report.failed === 0 && report.problems.length === 0 ? 0 : 1);
} catch (err) {
  console.error(redact(`error: ${err instanceof Error ? err.message : String(err)}`));
  console.log('0 passed, 1 failed');
  process.exit(1);
}
