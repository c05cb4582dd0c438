/**
 * Runs the provider verification against one embedded tenant in several deviation modes and
 * writes the reports as JSON. A separate process only because Pact's verifier core prints its
 * own progress straight to stdout: the deviation self-test keeps that out of `npm test`'s output.
 * A mode with `env` verifies the same tenant as a partner's live tenant (TENANT_URL set to it,
 * the rest of the configuration from `env`), arranged through the documented API only.
 *
 *   tsx contracts/verify-modes.ts <pactDir> <out.json> <modes as JSON: [[], ["test-op-200"],
 *     {"deviations": [], "env": {"AUTH_SCHEME": "xsrf", ...}}, ...]>
 */
import { writeFileSync } from 'node:fs';
import { readConfig, runConfig } from '../lib/run.ts';
import { startTenant } from '../tenant/start.ts';
import { setDeviations } from './target.ts';
import { verifyPacts, type VerificationReport } from './verify.ts';

/** The tenant's deviation modes, and, to verify it as a live tenant, the configuration to do so with. */
export type Mode = readonly string[] | { deviations: readonly string[]; env: Readonly<Record<string, string>> };

export interface ModeReport {
  deviations: string[];
  /** Set when the tenant was verified as a live one, with this configuration (TENANT_URL aside). */
  env?: Record<string, string>;
  report: VerificationReport;
}

/** Each mode in turn on one tenant (reset between modes). */
export async function verifyModes(pactDir: string, modes: readonly Mode[]): Promise<ModeReport[]> {
  const configFor = (env?: Readonly<Record<string, string>>) =>
    env ? readConfig({ env: { REPORTS_DIR: process.env.REPORTS_DIR, ...env }, envFile: false }) : runConfig();
  const config = configFor();
  const tenant = await startTenant();
  try {
    const embedded = { kind: 'embedded' as const, baseUrl: tenant.url, adminToken: tenant.adminToken };
    const out: ModeReport[] = [];
    for (const mode of modes) {
      const { deviations, env } = 'env' in mode ? mode : { deviations: mode, env: undefined };
      await setDeviations(embedded, deviations);
      const report = env
        ? await verifyPacts({
            config: configFor({ ...env, TENANT_URL: tenant.url }),
            target: { kind: 'live', baseUrl: tenant.url },
            pactDir,
          })
        : await verifyPacts({ config, target: embedded, pactDir });
      out.push({ deviations: [...deviations], ...(env ? { env: { ...env } } : {}), report });
    }
    return out;
  } finally {
    await tenant.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [pactDir, outFile, modes] = process.argv.slice(2);
  if (!pactDir || !outFile || !modes)
    throw new Error('usage: tsx contracts/verify-modes.ts <pactDir> <out.json> <modes JSON>');
  writeFileSync(outFile, JSON.stringify(await verifyModes(pactDir, JSON.parse(modes) as Mode[])));
}
