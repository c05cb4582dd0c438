/** `npm run soak`: the embedded tenant under the stress profile, memory sampled (load/runner/soak.ts). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { configOrExit } from '../lib/config.ts';
import { soak } from '../load/runner/soak.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
process.exit(await soak(configOrExit(), gc));
