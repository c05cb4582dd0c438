/**
 * Child process for the bench: the embedded tenant on 127.0.0.1 (free port), one JSON line
 * `{"url":..., "adminToken":..., "pid":...}` on stdout when it listens. SIGTERM/SIGINT close it
 * and exit 0, so a `--cpu-prof` run writes its profile. Own process: its event loop is not the
 * load generator's.
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
