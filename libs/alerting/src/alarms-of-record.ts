import { readStoredEvent } from '@vigil/domain';
import type { RecordedEvent } from '@vigil/event-store';
import { ActiveAlarms } from './active-alarms';

/**
 * The alarms a session's stored `alarms-<id>` stream shows active, with their acknowledgements:
 * what an alerting instance that does not watch the session decides an acknowledgement by
 * (docs/distributed.md "Alerting"). Unreadable events are skipped, as the engine skips them.
 */
export function activeAlarmsOfRecord(events: readonly RecordedEvent[]): ActiveAlarms {
  const active = new ActiveAlarms();
  for (const event of events) {
    let read: ReturnType<typeof readStoredEvent>;
    try {
      read = readStoredEvent(event);
    } catch {
      continue;
    }
    switch (read.type) {
      case 'AlertRaised':
      case 'AlertEscalated':
      case 'AlertCleared': {
        const { sessionId, at, ...data } = read.data;
        active.apply([{ type: read.type, sessionId, at, data } as Parameters<ActiveAlarms['apply']>[0][number]]);
        break;
      }
      case 'AlertAcknowledged':
        active.acknowledged(read.data.alertId, read.data.by, event.occurredAt);
        break;
      default:
        break;
    }
  }
  return active;
}
