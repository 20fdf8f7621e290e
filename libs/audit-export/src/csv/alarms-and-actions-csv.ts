import type { SessionCommandEvent } from '@vigil/domain';
import type { RecordedEvent } from '@vigil/event-store';
import { stringify } from 'csv-stringify/sync';
import type { AuditedSession } from '../audited-session';

// The second CSV file: every alarm transition and every staff action, in the order they were
// recorded (log order), with when the fact happened and when it entered the record (docs/audit-export.md "CSV").

export const ALARMS_AND_ACTIONS_CSV_COLUMNS = ['at', 'recorded_at', 'event', 'by', 'alert_id', 'rule_id', 'priority', 'detail'] as const;

type Cells = (string | number | undefined)[];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function alarmRow(event: RecordedEvent): Cells {
  const d = event.data;
  const detail =
    event.type === 'AlertRaised' ? `${text(d.title) ?? ''}: ${text(d.measure) ?? ''} ${text(d.value) ?? ''} ${text(d.comparison) ?? ''} ${text(d.threshold) ?? ''} ${text(d.unit) ?? ''}`.trim()
    : event.type === 'AlertEscalated' ? `from ${text(d.previousPriority) ?? '?'}`
    : event.type === 'AlertCleared' ? text(d.reason)
    : event.type === 'AlertAcknowledged' && typeof d.audioPausedUntil === 'string' ? `audio paused until ${d.audioPausedUntil}`
    : undefined;
  return [text(d.at) ?? event.occurredAt, event.recordedAt, event.type, text(d.by) ?? text(event.metadata.causedBy), text(d.alertId), text(d.ruleId), text(d.priority), detail];
}

function staffDetail(event: SessionCommandEvent): string | undefined {
  switch (event.type) {
    case 'SessionStarted':
      return `room ${event.data.room}, patient ${event.data.patientPseudonym}, clinician ${event.data.clinician}`;
    case 'DeviceBound':
    case 'DeviceUnbound':
      return `${event.data.deviceKind} ${event.data.deviceId}`;
    case 'DoseAdministered':
      return `${event.data.drug ?? 'ketamine'} ${event.data.doseMg} mg ${event.data.route}${event.data.booster ? ' (booster)' : ''} given at ${event.data.administeredAt}`;
    case 'InterventionRecorded':
      return event.data.text;
    case 'SessionEnded':
      return event.data.reason;
    default: {
      const never: never = event;
      return never;
    }
  }
}

const staffBy = (event: SessionCommandEvent): string | undefined => ('by' in event.data ? event.data.by : event.data.clinician);

export function alarmsAndActionsCsv(session: AuditedSession): string {
  const rows = session.timeline.map((entry): Cells => {
    if (entry.kind === 'alarm') return alarmRow(entry.event);
    const { event, recordedAt } = entry.action;
    return [event.data.at, recordedAt, event.type, staffBy(event), undefined, undefined, undefined, staffDetail(event)];
  });
  return stringify([[...ALARMS_AND_ACTIONS_CSV_COLUMNS], ...rows]);
}
