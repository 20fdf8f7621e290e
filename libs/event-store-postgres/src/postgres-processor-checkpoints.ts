import { encodeCheckpointEntries, positionFromString, type CheckpointUpdate, type JsonValue, type ProcessorCheckpoint, type ProcessorCheckpointStore } from '@vigil/event-store';
import type { Pool } from 'pg';
import { quoteSchema } from './schema';

/**
 * Checkpoints in the event store's own PostgreSQL schema (docs/architecture.md "Processors"): one
 * transaction writes the position and the changed entries. Its tables are created on first use,
 * under an advisory lock, so a store opened by an older version gains them without a migration.
 */
export class PostgresProcessorCheckpoints implements ProcessorCheckpointStore {
  private ready?: Promise<void>;
  private readonly checkpoints: string;
  private readonly entries: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.checkpoints = `${quoteSchema(schema)}.processor_checkpoints`;
    this.entries = `${quoteSchema(schema)}.processor_entries`;
  }

  async load(processor: string): Promise<ProcessorCheckpoint | undefined> {
    await this.ensureTables();
    const client = await this.pool.connect();
    try {
      // One snapshot of both tables: a save committing meanwhile is seen whole or not at all.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const checkpoint = await client.query<{ position: string; version: string }>(`SELECT position, version FROM ${this.checkpoints} WHERE processor = $1`, [processor]);
      const entries = await client.query<{ key: string; value: string }>(`SELECT key, value FROM ${this.entries} WHERE processor = $1`, [processor]);
      await client.query('COMMIT');
      const row = checkpoint.rows[0];
      if (!row) return undefined;
      return { position: positionFromString(row.position), version: row.version, entries: new Map(entries.rows.map((entry) => [entry.key, JSON.parse(entry.value) as JsonValue])) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async save(processor: string, update: CheckpointUpdate): Promise<void> {
    const encoded = encodeCheckpointEntries(update.put);
    await this.ensureTables();
    await this.inTransaction(async (query) => {
      if (update.remove.length > 0) await query(`DELETE FROM ${this.entries} WHERE processor = $1 AND key = ANY($2::text[])`, [processor, update.remove]);
      if (encoded.length > 0) {
        await query(
          `INSERT INTO ${this.entries} (processor, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t(k, v)
           ON CONFLICT (processor, key) DO UPDATE SET value = excluded.value`,
          [processor, encoded.map(([key]) => key), encoded.map(([, text]) => text)],
        );
      }
      await query(
        `INSERT INTO ${this.checkpoints} (processor, position, version) VALUES ($1, $2, $3)
         ON CONFLICT (processor) DO UPDATE SET position = excluded.position, version = excluded.version`,
        [processor, update.position, update.version],
      );
    });
  }

  async reset(processor: string): Promise<void> {
    await this.ensureTables();
    await this.inTransaction(async (query) => {
      await query(`DELETE FROM ${this.entries} WHERE processor = $1`, [processor]);
      await query(`DELETE FROM ${this.checkpoints} WHERE processor = $1`, [processor]);
    });
  }

  private ensureTables(): Promise<void> {
    this.ready ??= this.inTransaction(async (query) => {
      await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vigil-processor-checkpoints:${this.schema}`]);
      await query(`CREATE TABLE IF NOT EXISTS ${this.checkpoints} (processor text PRIMARY KEY, position text NOT NULL, version text NOT NULL)`);
      await query(`CREATE TABLE IF NOT EXISTS ${this.entries} (processor text NOT NULL, key text NOT NULL, value text NOT NULL, PRIMARY KEY (processor, key))`);
    }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async inTransaction(work: (query: (text: string, values?: unknown[]) => Promise<unknown>) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work((text, values) => client.query(text, values));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
