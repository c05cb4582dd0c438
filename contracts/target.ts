/**
 * The embedded tenant between verifications: its deviation modes, switched through its admin API
 * (tenant/admin-client.ts) so one tenant serves every mode of the deviation self-test.
 */
import { adminClient } from '../tenant/admin-client.ts';
import type { VerifyTarget } from './verify.ts';

/** Switches the embedded tenant's deviation modes (and resets its data) through the admin API. */
export async function setDeviations(
  target: Extract<VerifyTarget, { kind: 'embedded' }>,
  deviations: readonly string[],
): Promise<void> {
  const admin = adminClient(target.baseUrl, target.adminToken);
  try {
    await admin.reset();
    await admin.setDeviations(deviations);
  } catch (err) {
    const modes = deviations.join(', ') || '(none)';
    throw new Error(`the embedded tenant refused the deviations ${modes}: ${(err as Error).message}`, { cause: err });
  }
}
