/**
 * `npm run bench`: the benchmark in bench/ (bench/main.ts says what it measures).
 *
 *   npx tsx scripts/bench.ts [--only 1,5] [--no-start]
 */
import { parseArgs } from 'node:util';
import { bench } from '../bench/main.ts';

const usage = `usage: npm run bench -- [--only 1,2,3,4,5,6] [--no-start]
  --only      the sections to run (default all): 1 tenant throughput, 2-4 and 6 the load generator,
              5 wall times of npm start and npm test
  --no-start  section 5 without timing npm start (two runs against the embedded tenant)`;
let values: { only?: string; 'no-start'?: boolean; help?: boolean };
try {
  values = parseArgs({
    options: { only: { type: 'string' }, 'no-start': { type: 'boolean' }, help: { type: 'boolean' } },
  }).values;
} catch (err) {
  console.error(`bench: ${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const asked = (values.only ?? '1,2,3,4,5,6').split(',').map((s) => s.trim());
const unknown = asked.filter((s) => !/^[1-6]$/.test(s));
if (unknown.length) {
  console.error(`bench: --only names no such section: ${unknown.join(', ')} (sections are 1 to 6)\n${usage}`);
  process.exit(2);
}
process.exit(await bench({ only: new Set(asked.map(Number)), start: !values['no-start'] }));
