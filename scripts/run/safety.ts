/**
 * Live-tenant safety for the main job: replays the restore journal (lib/restore-journal.ts) so
 * sessions a killed stage changed are put back and sessions it created are deleted; whatever
 * cannot be put right is named, never hidden.
 */
import { ChatSessionClient } from '../../lib/client.ts';
import type { Config } from '../../lib/config.ts';
import { RestoreJournal, type Recovery } from '../../lib/restore-journal.ts';

export type { Recovery } from '../../lib/restore-journal.ts';

/** Null for the embedded tenant (thrown away after the run); the recovery for a live one. */
export async function recoverLiveTenant(config: Config): Promise<Recovery | null> {
  if (config.target !== 'live') return null;
  const journal = RestoreJournal.under(config.reportsDir, config.tenantUrl);
  if (journal.pending().length === 0) return { restored: [], deleted: [], failed: [] };
  const client = new ChatSessionClient({
    baseUrl: config.tenantUrl,
    auth: config.auth,
    appToken: config.appToken,
    timeoutMs: 15_000,
  });
  return journal.recover(client);
}

/** One line for the console and the report. */
export function describeRecovery(r: Recovery): string {
  const parts: string[] = [];
  if (r.restored.length) parts.push(`restored ${r.restored.join(', ')}`);
  if (r.deleted.length) parts.push(`deleted the harness's own ${r.deleted.join(', ')}`);
  // id 0: a session journalled before its POST answered, so only its marker is known (the reason names it).
  const named = (f: Recovery['failed'][number]) => (f.id ? `${f.id} (${f.reason})` : `id never learnt (${f.reason})`);
  if (r.failed.length) parts.push(`NOT restored: ${r.failed.map(named).join(', ')}`);
  return parts.length ? `live tenant sessions: ${parts.join('; ')}` : 'live tenant: nothing left to restore';
}
