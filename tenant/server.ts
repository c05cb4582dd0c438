/**
 * `npm run tenant`: the embedded tenant on the configured loopback host and port, with the URL
 * and the seed users' local demo credentials printed, until SIGINT or SIGTERM.
 */
import { configOrExit } from '../lib/run.ts';
import { buildTenant } from './app.ts';
import { optionsFromConfig, TenantOptionsError } from './options.ts';
import { embeddedUsers } from './users.ts';

const config = configOrExit();
let options;
try {
  options = optionsFromConfig(config);
} catch (err) {
  if (!(err instanceof TenantOptionsError)) throw err;
  console.error(`error: ${err.message}\nFix it in .env or the environment (see .env.example), then run again.`);
  process.exit(2);
}
const tenant = await buildTenant({ ...options, logger: false });
const { host, port } = config.embedded;
try {
  await tenant.listen({ host, port });
} catch (err) {
  console.error(
    `error: the tenant cannot listen on ${host}:${port}: ${(err as Error).message}. ` +
      'Set TENANT_PORT to a free port (0 picks one).',
  );
  process.exit(1);
}
const address = tenant.server.address();
const listening = typeof address === 'object' && address ? address.port : port;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${listening}`;
console.log(`embedded ChatSession tenant listening on ${url} (${options.seedSessions ?? 500} seeded sessions)`);
console.log('local demo users (username / password, ticket, bearer token):');
for (const u of embeddedUsers)
  console.log(`  ${u.username} / ${u.password}  AssociateId ${u.associateId}  SoTicket ${u.ticket}  Bearer ${u.token}`);
console.log(`admin API: ${url}/_admin/state with header X-Admin-Token (TENANT_ADMIN_TOKEN)`);
if (options.deviations?.length) console.log(`deviations on: ${options.deviations.join(', ')}`);
console.log(`try: curl -u tje0:Tje0 ${url}/api/v1/ChatSession/1`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the tenant`);
    tenant.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`error while stopping: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  });
}
