import { StoreUnavailableError } from '@vigil/event-store';
import { storeUnavailableFrom } from './sqlite-write-failure';

const sqliteError = (code: string) => Object.assign(new Error(`${code} happened`), { code });

describe('SQLite errors that mean "cannot record now"', () => {
  it.each([
    ['SQLITE_FULL', 'disk-full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_IOERR', 'io-error'],
    ['SQLITE_IOERR_WRITE', 'io-error'],
    ['SQLITE_IOERR_FSYNC', 'io-error'],
    ['SQLITE_CANTOPEN', 'io-error'],
  ])('%s is StoreUnavailableError(%s)', (code, reason) => {
    const error = storeUnavailableFrom(sqliteError(code));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ reason, detail: `${code}: ${code} happened` });
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'SQLITE_ERROR'])('%s is not: it is a bug or a conflict, not an outage', (code) => {
    expect(storeUnavailableFrom(sqliteError(code))).toBeUndefined();
    expect(storeUnavailableFrom(new Error('plain'))).toBeUndefined();
  });
});
