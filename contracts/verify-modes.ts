/**
 * Runs the provider verification against one embedded tenant in several deviation modes and
 * writes the reports as JSON. A separate process only because Pact's verifier core prints its
 * own progress straight to stdout: the deviation self-test keeps that out of `npm test`'s output.
 *
 *   tsx contracts/verify-modes.ts <pactDir> <out.json> <modes as JSON: [[], ["test-op-200"], ...]>
 */
import { writeFileSync } from 'node:fs';
import { runConfig } from '../lib/run.ts';
import { startTenant } from '../tenant/start.ts';
import { setDeviations } from './target.ts';
import { verifyPacts, type VerificationReport } from './verify.ts';

export interface ModeReport {
  deviations: string[];
  report: VerificationReport;
}

/** Each mode in turn on one tenant (reset between modes). */
export async function verifyModes(pactDir: string, modes: readonly (readonly string[])[]): Promise<ModeReport[]> {
  const config = runConfig();
  const tenant = await startTenant();
  try {
    const target = { kind: 'embedded' as const, baseUrl: tenant.url, adminToken: tenant.adminToken };
    const out: ModeReport[] = [];
    for (const deviations of modes) {
      await setDeviations(target, deviations);
      out.push({ deviations: [...deviations], report: await verifyPacts({ config, target, pactDir }) });
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
  writeFileSync(outFile, JSON.stringify(await verifyModes(pactDir, JSON.parse(modes) as string[][])));
}
