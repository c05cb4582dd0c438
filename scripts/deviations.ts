/** `npm run deviations`: npm start against every tenant mode, one after another (scripts/run/deviations.ts). */
import { main } from './run/deviations.ts';

process.exit(await main());
