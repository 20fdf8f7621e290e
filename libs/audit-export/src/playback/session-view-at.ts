// The pure parts only (not the dashboard's NestJS module and socket gateway, which its index loads).
import { dashboardChangeOf, UnreadableEventError } from '../../../dashboard/src/projection/dashboard-change-of-event';
import { viewAtMoment, type PlaybackView, type RecordedChange } from '../../../dashboard/src/view/playback-fold';
import type { RecordedEvent } from '@vigil/event-store';

// Playback (issue 13, item 2, the browser part): the session view as staff saw it at a moment,
// rebuilt from the record with the dashboard's own evolve (libs/dashboard view/playback-fold.ts),
// so the tiles, trend, alarms and acknowledgements are exactly what the wall held then. The page
// folds the same changes through the same file (docs/audit-export.md "Playback").

export type ViewAt = { at: string } & PlaybackView;

/** What the wall takes from each of a session's events, in log order, with the time it was recorded. */
export function recordedChangesOf(events: readonly RecordedEvent[]): RecordedChange[] {
  const changes: RecordedChange[] = [];
  let position = 0;
  for (const event of events) {
    position++;
    let change: ReturnType<typeof dashboardChangeOf>;
    try {
      change = dashboardChangeOf(event);
    } catch (error) {
      // The projection skips an unreadable event the same way (docs/streams.md); so does its replay.
      if (error instanceof UnreadableEventError) continue;
      throw error;
    }
    if (change) changes.push({ position, ...change, recordedAt: event.recordedAt });
  }
  return changes;
}

export function sessionViewAt(events: readonly RecordedEvent[], at: string): ViewAt {
  return { at, ...viewAtMoment(recordedChangesOf(events), Date.parse(at)) };
}

export type AlarmMoment = { at: string; type: string; alertId: string; ruleId?: string; priority?: string };

/** The moments a playback can jump to: each alarm transition and acknowledgement, when it was recorded, with the alarm's rule and priority. */
export function alarmMoments(events: readonly RecordedEvent[]): AlarmMoment[] {
  const raised = new Map<string, { ruleId?: string; priority?: string }>();
  const moments: AlarmMoment[] = [];
  for (const event of events) {
    const alertId = event.data.alertId;
    if (!event.type.startsWith('Alert') || typeof alertId !== 'string') continue;
    if (event.type === 'AlertRaised') raised.set(alertId, { ...stringField(event.data, 'ruleId'), ...stringField(event.data, 'priority') });
    moments.push({ at: event.recordedAt, type: event.type, alertId, ...raised.get(alertId) });
  }
  return moments;
}

function stringField<K extends string>(data: Record<string, unknown>, key: K): Partial<Record<K, string>> {
  const value = data[key];
  return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}
