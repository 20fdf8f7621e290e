// The replay's page cursor: an offset into the session's history, opaque to clients. The history of
// a session only grows at its end (its streams merged in log order, docs/streams.md), so an offset
// names the same event on every later read; it is no store position (those stay inside the store).

const PREFIX = 'o:';

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(readonly cursor: string) {
    super(`cursor: "${cursor}" is not a cursor this server issued`);
  }
}

export const encodeCursor = (offset: number): string => Buffer.from(`${PREFIX}${offset}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) throw new InvalidCursorError(cursor);
  return offset;
}
