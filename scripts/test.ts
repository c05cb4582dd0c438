/**
 * `npm test`: every test stage (scripts/run/tests.ts), judged by the JUnit each one writes, then
 * one closing line `N passed, N failed`. `npm test -- unit` (or any stage names) runs just those.
 */
import { onInterrupt } from './run/signals.ts';
import { killRunningStages } from './run/stage-process.ts';
import { runTests } from './run/tests.ts';

// The stages run in process groups of their own: a Ctrl-C here must reach them too.
onInterrupt(() => killRunningStages('SIGINT'));
process.exit(await runTests(process.argv.slice(2).filter((a) => !a.startsWith('-'))));
