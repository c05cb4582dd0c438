/**
 * `npm run bench`: the benchmark in bench/ (bench/main.ts says what it measures).
 *
 *   npx tsx scripts/bench.ts [--suite-log <npm test output>] [--only 1,3]
 */
import { parseArgs } from 'node:util';
import { bench } from '../bench/main.ts';

const usage = 'usage: npx tsx scripts/bench.ts [--suite-log <file with npm test output>] [--only 1,2,3,4,5,6]';
let values: { 'suite-log'?: string; only?: string; help?: boolean };
try {
  values = parseArgs({
    options: { 'suite-log': { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' } },
  }).values;
} catch (err) {
  console.error(`bench: ${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const only = new Set((values.only ?? '1,2,3,4,5,6').split(',').map(Number));
process.exit(await bench(only, values['suite-log']));
