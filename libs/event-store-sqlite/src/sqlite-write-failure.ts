import { StoreUnavailableError, type StoreUnavailableReason } from '@vigil/event-store';

/**
 * SQLite result codes that mean "this store cannot commit now" (https://www.sqlite.org/rescode.html):
 * SQLITE_FULL, SQLITE_READONLY*, SQLITE_IOERR* and SQLITE_CANTOPEN. better-sqlite3 puts the
 * extended code on `error.code`.
 */
export function storeUnavailableFrom(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  const reason: StoreUnavailableReason | undefined = code.startsWith('SQLITE_FULL')
    ? 'disk-full'
    : code.startsWith('SQLITE_READONLY')
      ? 'read-only'
      : code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')
        ? 'io-error'
        : undefined;
  return reason && new StoreUnavailableError(reason, `${code}: ${(error as Error).message}`);
}
