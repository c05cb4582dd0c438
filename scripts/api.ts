/**
 * `npm run api`: the Playwright API suite as a stage, with clause coverage and a secret scan
 * (api/support/stage.ts), against the main job's Run when it started this stage, otherwise one
 * opened here (the embedded tenant started, or TENANT_URL).
 */
import { main } from '../api/support/stage.ts';
import { standaloneRun } from './run/run.ts';

const open = await standaloneRun();
const code = await main(open.run);
await open.close();
process.exit(code);
