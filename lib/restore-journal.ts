/**
 * The restore journal for live tenants: before a check changes a session it did not create, it
 * records the session as read; before it relies on a session it created, it records the id.
 * Each entry is removed once the session is restored or deleted. Whatever a killed process left
 * behind (Ctrl-C, a crash) the main job replays on exit: PUT the recorded entity back, or DELETE
 * the created session, read it again, and name every id it could not put right.
 *
 * A session the harness is about to create has no id until POST answers, so it is first recorded
 * by a marker it carries (its CustomerAlias) and upgraded to its id once known. A marker entry
 * left by a process killed in between is resolved by reading the ids after the last one the run
 * knew (new ids follow) for a session carrying the marker; failing that it is named, never dropped.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatSessionClient, Entity } from './client.ts';

export interface JournalEntry {
  tenant: string;
  /** 0 for a session being created whose id is not known yet (see `marker`). */
  id: number;
  /** The CustomerAlias a session being created carries, while its id is unknown. */
  marker?: string;
  /** The highest id known before that creation: recovery looks for the marker after it. */
  afterId?: number;
  /** `restore`: put `entity` back; `delete`: the harness created it. */
  action: 'restore' | 'delete';
  /** The session as read (GET: with _Links, TableRight and FieldProperties, which PUT ignores). */
  entity?: Entity;
  at: string;
  by: string;
}

export interface Recovery {
  restored: number[];
  deleted: number[];
  failed: Array<{ id: number; reason: string }>;
}

const fileName = (tenant: string, key: number | string) =>
  `${tenant.replace(/[^A-Za-z0-9]+/g, '_')}-${String(key).replace(/[^A-Za-z0-9]+/g, '_')}.json`;

/** How many ids after `afterId` recovery reads when it looks for a marker. */
export const MARKER_PROBE = 40;

export class RestoreJournal {
  constructor(
    readonly dir: string,
    readonly tenant: string,
  ) {}

  /** `reports/.restore-journal` under the given reports dir. */
  static under(reportsDir: string, tenant: string): RestoreJournal {
    return new RestoreJournal(join(reportsDir, '.restore-journal'), tenant);
  }

  /** Records a session about to be changed, as it was read (first record wins). */
  borrowed(id: number, entity: Entity, by: string): void {
    if (this.pending().some((e) => e.id === id)) return;
    this.write({ tenant: this.tenant, id, action: 'restore', entity, at: new Date().toISOString(), by });
  }

  /** Records a session the harness created and must delete. */
  created(id: number, by: string): void {
    this.write({ tenant: this.tenant, id, action: 'delete', at: new Date().toISOString(), by });
  }

  /** Records a session about to be created (POST not sent yet): known only by its marker. */
  creating(marker: string, by: string, afterId?: number): void {
    const entry: JournalEntry = {
      tenant: this.tenant,
      id: 0,
      marker,
      action: 'delete',
      at: new Date().toISOString(),
      by,
    };
    if (afterId !== undefined) entry.afterId = afterId;
    this.write(entry, `m-${marker}`);
  }

  /** POST answered: the marker entry becomes an id entry (written first, so one always exists). */
  createdAs(id: number, marker: string, by: string): void {
    this.created(id, by);
    this.forget(marker);
  }

  /** The session is back as it was (or deleted): forget it. */
  done(id: number): void {
    rmSync(join(this.dir, fileName(this.tenant, id)), { force: true });
  }

  /** A marker entry whose session was never created (POST refused): forget it. */
  forget(marker: string): void {
    rmSync(join(this.dir, fileName(this.tenant, `m-${marker}`)), { force: true });
  }

  pending(): JournalEntry[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
    return files
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as JournalEntry)
      .filter((e) => e.tenant === this.tenant)
      .sort((a, b) => a.id - b.id);
  }

  /** Puts right every pending entry (or those one writer made) through the documented API; never throws. */
  async recover(client: ChatSessionClient, only?: { by: string }): Promise<Recovery> {
    const result: Recovery = { restored: [], deleted: [], failed: [] };
    for (const entry of this.pending().filter((e) => !only || e.by === only.by)) {
      if (entry.marker !== undefined) {
        await this.recoverMarker(client, entry, result);
        continue;
      }
      try {
        if (entry.action === 'delete') {
          const res = await client.delete(entry.id);
          if (res.status >= 300 && res.status !== 404) throw new Error(`DELETE answered ${res.status}`);
          result.deleted.push(entry.id);
        } else {
          const {
            _Links: _l,
            TableRight: _t,
            FieldProperties: _f,
            ...entity
          } = entry.entity as Entity & Record<string, unknown>;
          const put = await client.put(entry.id, entity);
          if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
          const after = await client.get(entry.id);
          if (JSON.stringify(after.body) !== JSON.stringify(entry.entity))
            throw new Error('read back differs from the recorded session');
          result.restored.push(entry.id);
        }
        this.done(entry.id);
      } catch (err) {
        result.failed.push({ id: entry.id, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return result;
  }

  /** Finds the session carrying the marker among the ids after `afterId` and deletes it. */
  private async recoverMarker(client: ChatSessionClient, entry: JournalEntry, result: Recovery): Promise<void> {
    const marker = entry.marker as string;
    const from = entry.afterId;
    try {
      if (from === undefined) throw new Error('no id was known before it, so there is nowhere to look');
      for (let id = from + 1; id <= from + MARKER_PROBE; id++) {
        const res = await client.get(id);
        if (res.status !== 200 || res.body?.CustomerAlias !== marker) continue;
        const del = await client.delete(id);
        if (del.status >= 300 && del.status !== 404) throw new Error(`DELETE ${id} answered ${del.status}`);
        result.deleted.push(id);
        this.forget(marker);
        return;
      }
      // Not there: the POST never reached the tenant, or the session has an id beyond the probe.
      throw new Error(`no session carries it among ids ${from + 1}..${from + MARKER_PROBE}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      result.failed.push({
        id: 0,
        reason: `a session with CustomerAlias "${marker}" may exist (its id was never learnt): ${why}; look for it and delete it by hand, then delete its entry in ${this.dir}`,
      });
    }
  }

  private write(entry: JournalEntry, key: number | string = entry.id): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, fileName(this.tenant, key));
    writeFileSync(`${path}.tmp`, JSON.stringify(entry));
    renameSync(`${path}.tmp`, path); // whole or not at all, even if the process is killed now
  }
}
