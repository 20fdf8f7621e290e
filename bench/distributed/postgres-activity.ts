import { Client } from 'pg';

// What the pipeline asks of PostgreSQL, from its statistics views (pg_stat_user_tables and
// pg_stat_user_indexes, https://www.postgresql.org/docs/15/monitoring-stats.html): scans and
// writes on this run's own schema, so other work on a shared server does not count. An index scan
// is about one query (a stream read, a head lookup, a log page); counted per reading they show
// which reads the readings path repeats.

export type ActivityCounts = Map<string, number>;

export async function schemaActivity(pgUrl: string, schema: string): Promise<ActivityCounts> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const counts: ActivityCounts = new Map();
    const tables = await client.query<{ relname: string; seq_scan: string; n_tup_ins: string; n_tup_upd: string }>(
      'SELECT relname, seq_scan::text, n_tup_ins::text, n_tup_upd::text FROM pg_stat_user_tables WHERE schemaname = $1',
      [schema],
    );
    for (const row of tables.rows) {
      counts.set(`${row.relname}: rows inserted`, Number(row.n_tup_ins));
      counts.set(`${row.relname}: rows updated`, Number(row.n_tup_upd));
      counts.set(`${row.relname}: sequential scans`, Number(row.seq_scan));
    }
    const indexes = await client.query<{ relname: string; indexrelname: string; idx_scan: string }>(
      'SELECT relname, indexrelname, idx_scan::text FROM pg_stat_user_indexes WHERE schemaname = $1',
      [schema],
    );
    for (const row of indexes.rows) counts.set(`${row.relname}: scans of ${row.indexrelname}`, Number(row.idx_scan));
    return counts;
  } finally {
    await client.end();
  }
}

/** What changed between two readings of the counts, largest first, zeros left out. */
export function activityBetween(before: ActivityCounts, after: ActivityCounts): [string, number][] {
  return [...after]
    .map(([name, value]): [string, number] => [name, value - (before.get(name) ?? 0)])
    .filter(([, delta]) => delta > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** The server processes of the connections whose last statement named this schema: this run's backends. */
export async function backendsOf(pgUrl: string, schema: string): Promise<number[]> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query LIKE $1', [`%"${schema}".%`]);
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
