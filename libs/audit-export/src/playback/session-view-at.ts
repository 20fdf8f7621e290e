// The pure parts only (not the dashboard's NestJS module and socket gateway, which its index loads).
import { dashboardChangeOf, UnreadableEventError } from '../../../dashboard/src/projection/dashboard-change-of-event';
import type { SessionView } from '../../../dashboard/src/protocol';
import { evolveSessionView } from '../../../dashboard/src/view/session-view-evolve';
import type { RecordedEvent } from '@vigil/event-store';

// Playback (issue 13, item 2, the browser part): the session view as staff saw it at a moment,
// rebuilt from the record with the dashboard's own evolve (libs/dashboard view/session-view-evolve.ts),
// so the tiles, trend, alarms and acknowledgements are exactly what the wall held then. An event
// counts from the moment it was recorded: that is when the wall could first show it.

export type ViewAt = { at: string; view: SessionView | undefined; ended: boolean };

export function sessionViewAt(events: readonly RecordedEvent[], at: string): ViewAt {
  const atMs = Date.parse(at);
  let view: SessionView | undefined;
  let ended = false;
  let position = 0;
  for (const event of events) {
    position++;
    if (Date.parse(event.recordedAt) > atMs) continue;
    let change: ReturnType<typeof dashboardChangeOf>;
    try {
      change = dashboardChangeOf(event);
    } catch (error) {
      // The projection skips an unreadable event the same way (docs/streams.md); so does its replay.
      if (error instanceof UnreadableEventError) continue;
      throw error;
    }
    if (!change) continue;
    if (change.change.type === 'SessionEnded') ended = true;
    view = evolveSessionView(view, { position, ...change });
  }
  return { at, view, ended };
}

/** The moments a playback can jump to: each alarm transition and acknowledgement, when it was recorded. */
export function alarmMoments(events: readonly RecordedEvent[]): { at: string; type: string; alertId: string }[] {
  return events
    .filter((event) => event.type.startsWith('Alert') && typeof event.data.alertId === 'string')
    .map((event) => ({ at: event.recordedAt, type: event.type, alertId: String(event.data.alertId) }));
}
