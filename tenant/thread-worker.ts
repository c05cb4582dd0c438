/** The tenant thread's own side (tenant/thread.ts): starts the tenant, says where, stops on 'close'. */
import { parentPort, workerData } from 'node:worker_threads';
import { startTenant, type StartOptions } from './start.ts';

const port = parentPort!;
try {
  const tenant = await startTenant(workerData as StartOptions);
  port.on('message', (message) => {
    if (message === 'close') void tenant.close().finally(() => process.exit(0));
  });
  port.postMessage({ url: tenant.url, adminToken: tenant.adminToken });
} catch (err) {
  port.postMessage({ error: (err as Error).message, name: (err as Error).name });
}
