import { randomBytes } from 'node:crypto';

/** The server the PostgreSQL suites use: VIGIL_PG_URL, or the local test database. */
export const TEST_PG_URL = process.env.VIGIL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name per test run, so suites never share or leave tables (they drop it after). */
export function freshSchemaName(prefix = 'vigil_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
