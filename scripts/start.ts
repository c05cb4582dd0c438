/**
 * `npm start`: verify a tenant end to end and leave one report (scripts/run/main.ts has the
 * steps). Exit 0: all passed; 1: a check failed; 2: the run could not be made.
 */
import './run/signals.ts'; // first: Ctrl-C is ours from the start
import { main } from './run/main.ts';

process.exit(await main(process.argv.slice(2)));
