import type Database from 'better-sqlite3';
import { encodeCheckpointEntries, positionFromString, type CheckpointUpdate, type JsonValue, type ProcessorCheckpoint, type ProcessorCheckpointStore } from '@vigil/event-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS processor_checkpoints (processor TEXT PRIMARY KEY, position TEXT NOT NULL, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processor_entries (processor TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (processor, key));
`;

/**
 * Checkpoints in the event store's own SQLite file (docs/architecture.md "Processors"): one
 * transaction writes the position and the changed entries, and shares the file's durability.
 */
export class SqliteProcessorCheckpoints implements ProcessorCheckpointStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      checkpoint: db.prepare<[string], { position: string; version: string }>('SELECT position, version FROM processor_checkpoints WHERE processor = ?'),
      entries: db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM processor_entries WHERE processor = ?'),
      upsertCheckpoint: db.prepare('INSERT INTO processor_checkpoints (processor, position, version) VALUES (?, ?, ?) ON CONFLICT (processor) DO UPDATE SET position = excluded.position, version = excluded.version'),
      upsertEntry: db.prepare('INSERT INTO processor_entries (processor, key, value) VALUES (?, ?, ?) ON CONFLICT (processor, key) DO UPDATE SET value = excluded.value'),
      deleteEntry: db.prepare('DELETE FROM processor_entries WHERE processor = ? AND key = ?'),
      deleteCheckpoint: db.prepare('DELETE FROM processor_checkpoints WHERE processor = ?'),
      deleteEntries: db.prepare('DELETE FROM processor_entries WHERE processor = ?'),
    };
  }

  async load(processor: string): Promise<ProcessorCheckpoint | undefined> {
    const read = this.db.transaction(() => {
      const checkpoint = this.statements.checkpoint.get(processor);
      return checkpoint ? { checkpoint, entries: this.statements.entries.all(processor) } : undefined;
    });
    const found = read();
    if (!found) return undefined;
    return {
      position: positionFromString(found.checkpoint.position),
      version: found.checkpoint.version,
      entries: new Map(found.entries.map((row) => [row.key, JSON.parse(row.value) as JsonValue])),
    };
  }

  async save(processor: string, update: CheckpointUpdate): Promise<void> {
    const encoded = encodeCheckpointEntries(update.put);
    this.db.transaction(() => {
      for (const key of update.remove) this.statements.deleteEntry.run(processor, key);
      for (const [key, text] of encoded) this.statements.upsertEntry.run(processor, key, text);
      this.statements.upsertCheckpoint.run(processor, update.position, update.version);
    })();
  }

  async reset(processor: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteEntries.run(processor);
      this.statements.deleteCheckpoint.run(processor);
    })();
  }
}
