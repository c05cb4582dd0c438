/**
 * `npm run contracts`: the Pact consumer tests. Empties reports/pacts, runs contracts/*.pact.ts
 * (node:test, spec output plus reports/contracts/junit.xml), lists the pact files written and,
 * only when PACT_BROKER_BASE_URL is set, publishes them. Exits with the tests' status.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configOrExit } from '../lib/run.ts';
import { claimReportsDir } from '../lib/outputs.ts';
import { publishPacts } from '../contracts/broker.ts';
import { pactDir } from '../contracts/consumer.ts';
import { runConsumerTests } from '../contracts/run-consumer.ts';
import { interactionsIn, pactFiles } from '../contracts/verify.ts';

const config = configOrExit();
claimReportsDir(config.reportsDir); // before anything is written there (lib/outputs.ts)
const dir = pactDir(config);
mkdirSync(join(config.reportsDir, 'contracts'), { recursive: true });
console.log(`=== Pact consumer tests -> ${relative(process.cwd(), dir) || dir}`);
const { code } = await runConsumerTests({
  pactDir: dir,
  reportsDir: config.reportsDir,
  junit: join(config.reportsDir, 'contracts', 'junit.xml'),
});
const files = pactFiles(dir);
for (const file of files)
  console.log(`pact file: ${relative(process.cwd(), file)} (${interactionsIn([file]).length} interactions)`);
if (code !== 0) {
  console.error('the consumer tests failed: see the failing tests above (no pacts are published)');
  process.exit(code);
}
if (files.length === 0) {
  console.error('the consumer tests passed but wrote no pact file');
  process.exit(1);
}
// A broker that cannot be reached or refuses means the run could not be made: 2, not a failed check.
process.exit(publishPacts(config, dir) === 0 ? 0 : 2);
