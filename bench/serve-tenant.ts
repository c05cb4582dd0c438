/**
 * Child process for the bench: the embedded tenant on 127.0.0.1 (free port), one JSON line
 * `{"url":..., "adminToken":..., "pid":...}` on stdout when it listens. SIGTERM/SIGINT close it
 * and exit 0, so a `--cpu-prof` run writes its profile. Own process: its event loop is not the
 * load generator's. With an IPC channel it also reports what it took per PUT (the proofs' truth).
 */
import { startTenant } from '../tenant/start.ts';

// Explicit modes, so a .env with injected latency or faults cannot skew a measurement.
const tenant = await startTenant({
  logger: false,
  port: 0,
  seedSessions: 500,
  latency: {},
  faults: {},
  deviations: [],
});
// With an IPC channel (the load proofs): what the tenant itself took per PUT, from the request
// reaching its HTTP server to the answer handed to the socket, sent back on 'served' and cleared.
if (process.send) {
  let served: number[] = [];
  tenant.app.server.prependListener('request', (req, res) => {
    if (req.method !== 'PUT') return;
    const t0 = performance.now();
    res.once('finish', () => served.push(performance.now() - t0));
  });
  process.on('message', (message) => {
    if (message !== 'served') return;
    process.send?.({ served });
    served = [];
  });
}
console.log(JSON.stringify({ url: tenant.url, adminToken: tenant.adminToken, pid: process.pid }));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const bail = setTimeout(() => process.exit(0), 3000);
    void tenant.close().finally(() => {
      clearTimeout(bail);
      process.exit(0);
    });
  });
}
