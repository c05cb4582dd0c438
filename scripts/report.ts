/**
 * `npm run report`: re-renders reports/index.html, summary.md and junit.xml from the last run's
 * reports/run.json (e.g. after a stage was re-run by hand). The main job writes them itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configOrExit } from '../lib/run.ts';
import { createRedactor } from '../lib/redact.ts';
import { writeReport, type RunRecord } from './report/write.ts';

const config = configOrExit();
const path = join(config.reportsDir, 'run.json');
if (!existsSync(path)) {
  console.error(`error: ${path} does not exist: run \`npm start\` first (it records the run the report is made from)`);
  process.exit(2);
}
const run = JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
const paths = writeReport(config.reportsDir, run, createRedactor(config.secrets));
console.log(`report: ${paths.html}\n${paths.verdictLine}`);
