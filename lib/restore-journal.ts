/**
 * The restore journal for live tenants: before a check changes a session it did not create, it
 * records the session as read; before it relies on a session it created, it records the id.
 * Each entry is removed once the session is restored or deleted. Whatever a killed process left
 * behind (Ctrl-C, a crash) the main job replays on exit: PUT the recorded entity back, or DELETE
 * the created session, read it again, and name every id it could not put right.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatSessionClient, Entity } from './client.ts';

export interface JournalEntry {
  tenant: string;
  id: number;
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

const fileName = (tenant: string, id: number) => `${tenant.replace(/[^A-Za-z0-9]+/g, '_')}-${id}.json`;

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

  /** The session is back as it was (or deleted): forget it. */
  done(id: number): void {
    rmSync(join(this.dir, fileName(this.tenant, id)), { force: true });
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

  /** Puts right every pending entry through the documented API; never throws. */
  async recover(client: ChatSessionClient): Promise<Recovery> {
    const result: Recovery = { restored: [], deleted: [], failed: [] };
    for (const entry of this.pending()) {
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

  private write(entry: JournalEntry): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, fileName(this.tenant, entry.id));
    writeFileSync(`${path}.tmp`, JSON.stringify(entry));
    renameSync(`${path}.tmp`, path); // whole or not at all, even if the process is killed now
  }
}
