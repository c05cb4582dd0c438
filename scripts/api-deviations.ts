/** `npm run api:deviations`: the API suite's proof against every tenant mode (api/support/deviation-proof.ts). */
import { main } from '../api/support/deviation-proof.ts';

process.exit(await main());
