import type { ExpectedRevision } from './event-store.port';
import type { JsonObject } from './events';

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, but the stream is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The same event id was appended to this stream before with other content: a retry must not change a fact. */
export class EventIdConflictError extends Error {
  constructor(
    readonly eventId: string,
    readonly stream: string,
    readonly originalStream: string,
    /** What is stored under that id, so a caller can tell a re-routed retry from a changed fact. */
    readonly original?: { type: string; data: JsonObject; occurredAt: string },
  ) {
    super(`event ${eventId} was already appended to ${originalStream} with different content; refusing to append it again`);
    this.name = 'EventIdConflictError';
  }
}

export class InvalidAppendError extends Error {
  constructor(readonly stream: string, reason: string) {
    super(`stream ${stream}: ${reason}`);
    this.name = 'InvalidAppendError';
  }
}

/** A stored row that no longer parses: an edit behind the store's back. */
export class CorruptEventError extends Error {
  constructor(readonly stream: string, readonly revision: number, reason: string) {
    super(`stream ${stream} revision ${revision}: ${reason}`);
    this.name = 'CorruptEventError';
  }
}

export type StoreUnavailableReason = 'disk-full' | 'read-only' | 'io-error';

/**
 * The store cannot commit (disk full, read-only file system, I/O error): an outage to show to staff
 * and to answer with 503, not a bug. Nothing of the failed append is durable; earlier appends are.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly reason: StoreUnavailableReason,
    readonly detail: string,
  ) {
    super(`the event store cannot record: ${STORE_UNAVAILABLE_TEXT[reason]} (${detail})`);
    this.name = 'StoreUnavailableError';
  }
}

export const STORE_UNAVAILABLE_TEXT: Readonly<Record<StoreUnavailableReason, string>> = {
  'disk-full': 'disk full',
  'read-only': 'the file system is read-only',
  'io-error': 'I/O error',
};

/** Whether appends are being committed; `since` is when the current failure began. */
export type StoreWriteStatus = { ok: true } | { ok: false; reason: StoreUnavailableReason; message: string; since: string };

/** A store written in an older format (docs/event-store.md "Format versions"): it needs migrating first. */
/**
 * A store written by another version of Vigil: refused rather than misread. `remedy` says what to
 * do, naming the command that copies the store into the current format where there is one.
 */
export class StoreFormatError extends Error {
  constructor(readonly where: string, readonly found: number, readonly expected: number, remedy: string) {
    super(`${where} holds events in store format ${found}; this version reads format ${expected}. ${remedy}`);
    this.name = 'StoreFormatError';
  }
}
