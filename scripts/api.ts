/**
 * `npm run api`: the Playwright API suite as a stage, with clause coverage and a secret scan
 * (api/support/stage.ts).
 */
import { main } from '../api/support/stage.ts';

process.exit(await main());
