import type { RecordedEvent } from '@vigil/event-store';

// A session's record as an auditor replays it (issue 13, item 2): every event of its streams in log
// order, as NDJSON. Log positions stay inside the store (docs/event-store.md "Positions"); the
// stream and revision name each event, and its metadata carries the chain hashes for checking.

export type ReplayWindow = { from?: string; to?: string };

export class InvalidReplayWindowError extends Error {
  override readonly name = 'InvalidReplayWindowError';
  constructor(readonly field: 'from' | 'to', readonly value: string, reason: string) {
    super(`${field}: "${value}" ${reason}`);
  }
}

function instant(field: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new InvalidReplayWindowError(field, value, 'is not an ISO 8601 time');
  return ms;
}

/**
 * The events recorded within [from, to] (both optional, inclusive). The window is on the time each
 * event entered the record: that is when staff could first see it, so a replay of a window shows
 * what the room saw then, late readings included where they arrived.
 */
export function eventsInWindow(events: readonly RecordedEvent[], window: ReplayWindow): RecordedEvent[] {
  const from = instant('from', window.from);
  const to = instant('to', window.to);
  if (from !== undefined && to !== undefined && to < from) throw new InvalidReplayWindowError('to', window.to!, `is before from (${window.from})`);
  if (from === undefined && to === undefined) return [...events];
  return events.filter((event) => {
    const at = Date.parse(event.recordedAt);
    return (from === undefined || at >= from) && (to === undefined || at <= to);
  });
}

export type AuditEvent = Omit<RecordedEvent, 'position'>;

export function auditEventOf({ position: _position, ...event }: RecordedEvent): AuditEvent {
  return event;
}

export const ndjsonLine = (event: RecordedEvent): string => `${JSON.stringify(auditEventOf(event))}\n`;
