import { isStoredSessionEventType, readStoredEvent, type Confirmation, type DoseRoute, type Drug } from '@vigil/domain';

// The session's stored events, sorted into what a report reads (docs/clinical-documentation.md).
// Pure: the events come in (see ../read-session-events.ts for where they are read), nothing is
// read from the clock or the store here.

/** The fields of a stored event a report reads; `RecordedEvent` from the event store fits. */
export type ReportEvent = {
  readonly stream: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  readonly revision: number;
};

export type DoseRecord = {
  administeredAt: string;
  /** When the dose was recorded (the command's time); later than `administeredAt` for a dose recorded afterwards. */
  recordedAt?: string;
  route: DoseRoute;
  doseMg: number;
  drug: Drug;
  booster: boolean;
  by: string;
  confirmation?: Confirmation;
  warnings?: string[];
};
export type OximetryRecord = { t: number; spo2: number | null; pulseRate: number | null; valid: boolean };
export type BloodPressureRecord = { t: number; measuredAt: string; systolic: number; diastolic: number };
export type InterventionRecord = { at: string; by: string; text: string };
export type AlarmRecord = {
  alertId: string;
  ruleId: string;
  title: string;
  priority: string;
  kind: string;
  phase: string;
  raisedAt: string;
  value?: number;
  threshold?: number;
  unit?: string;
  escalatedAt?: string;
  escalatedTo?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  clearedAt?: string;
  clearReason?: string;
};

export type SessionRecord = {
  sessionId: string;
  room: string;
  patientPseudonym: string;
  clinician: string;
  startedAt: string;
  ended?: { at: string; by: string; reason?: string; confirmation?: Confirmation; warnings?: string[] };
  doses: DoseRecord[];
  /** Sorted by measurement time. */
  oximetry: OximetryRecord[];
  bloodPressure: BloodPressureRecord[];
  interventions: InterventionRecord[];
  alarms: AlarmRecord[];
};

/**
 * Folds the session's events into a session record, each read through its schema (libs/domain
 * stored-events.ts): a malformed event stops the report naming its stream, revision and field
 * rather than printing a blank. Event types a session's record does not hold are ignored. Throws
 * when the record has no SessionStarted.
 */
export function sessionRecordOf(events: readonly ReportEvent[]): SessionRecord {
  let record: SessionRecord | undefined;
  const alarms = new Map<string, AlarmRecord>();
  const oximetry: OximetryRecord[] = [];
  const bloodPressure: BloodPressureRecord[] = [];
  for (const stored of events) {
    if (!isStoredSessionEventType(stored.type)) continue;
    const event = readStoredEvent(stored);
    switch (event.type) {
      case 'SessionStarted': {
        const { sessionId, room, patientPseudonym, clinician, at } = event.data;
        record = { sessionId, room, patientPseudonym, clinician, startedAt: at, doses: [], oximetry, bloodPressure, interventions: [], alarms: [] };
        break;
      }
      case 'DoseAdministered': {
        const { administeredAt, at, route, doseMg, drug, booster, by, confirmation, warnings } = event.data;
        record?.doses.push({
          administeredAt,
          recordedAt: at,
          route,
          doseMg,
          drug: drug ?? 'ketamine',
          booster,
          by,
          ...(confirmation ? { confirmation } : {}),
          ...(warnings ? { warnings } : {}),
        });
        break;
      }
      case 'InterventionRecorded': {
        const { at, by, text } = event.data;
        record?.interventions.push({ at, by, text });
        break;
      }
      case 'SessionEnded':
        if (record) {
          const { at, by, reason, confirmation, warnings } = event.data;
          record.ended = { at, by, ...(reason !== undefined ? { reason } : {}), ...(confirmation ? { confirmation } : {}), ...(warnings ? { warnings } : {}) };
        }
        break;
      case 'OximetryObserved': {
        const { spo2, pulseRate, sensorOff, measuredAt } = event.data;
        const t = Date.parse(measuredAt);
        if (Number.isNaN(t)) break;
        oximetry.push({ t, spo2, pulseRate, valid: !sensorOff && spo2 !== null && pulseRate !== null });
        break;
      }
      case 'BloodPressureObserved': {
        const { systolic, diastolic, measuredAt } = event.data;
        const t = Date.parse(measuredAt);
        if (Number.isNaN(t)) break;
        bloodPressure.push({ t, measuredAt, systolic, diastolic });
        break;
      }
      case 'AlertRaised': {
        const { alertId, ruleId, title, priority, kind, phase, at, value, threshold, unit } = event.data;
        alarms.set(alertId, { alertId, ruleId, title, priority, kind, phase, raisedAt: at, value, threshold, unit });
        break;
      }
      case 'AlertEscalated': {
        const alarm = alarms.get(event.data.alertId);
        if (alarm) {
          alarm.escalatedAt = event.data.at;
          alarm.escalatedTo = event.data.priority;
        }
        break;
      }
      case 'AlertAcknowledged': {
        const alarm = alarms.get(event.data.alertId);
        if (alarm && alarm.acknowledgedAt === undefined) {
          alarm.acknowledgedAt = event.data.at;
          alarm.acknowledgedBy = event.data.by;
        }
        break;
      }
      case 'AlertCleared': {
        const alarm = alarms.get(event.data.alertId);
        if (alarm) {
          alarm.clearedAt = event.data.at;
          alarm.clearReason = event.data.reason;
        }
        break;
      }
      default:
        break;
    }
  }
  if (!record) throw new Error('the stream holds no SessionStarted event');
  oximetry.sort((a, b) => a.t - b.t);
  bloodPressure.sort((a, b) => a.t - b.t);
  record.doses.sort((a, b) => Date.parse(a.administeredAt) - Date.parse(b.administeredAt));
  record.alarms = [...alarms.values()].sort((a, b) => Date.parse(a.raisedAt) - Date.parse(b.raisedAt));
  return record;
}
