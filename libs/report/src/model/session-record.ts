import type { Confirmation, DoseRoute, Drug } from '@vigil/domain';

// The session's stored events, sorted into what a report reads (docs/clinical-documentation.md).
// Pure: the events come in (see ../read-session-events.ts for where they are read), nothing is
// read from the clock or the store here.

/** The fields of a stored event a report reads; `RecordedEvent` from the event store fits. */
export type ReportEvent = {
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

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const optNum = (value: unknown): number | undefined => num(value) ?? undefined;

/** Folds the stream into a session record; unknown event types are ignored. Throws when the stream has no SessionStarted. */
export function sessionRecordOf(events: readonly ReportEvent[]): SessionRecord {
  let record: SessionRecord | undefined;
  const alarms = new Map<string, AlarmRecord>();
  const oximetry: OximetryRecord[] = [];
  const bloodPressure: BloodPressureRecord[] = [];
  for (const event of events) {
    const d = event.data;
    switch (event.type) {
      case 'SessionStarted':
        record = {
          sessionId: str(d.sessionId),
          room: str(d.room),
          patientPseudonym: str(d.patientPseudonym),
          clinician: str(d.clinician),
          startedAt: str(d.at),
          doses: [],
          oximetry,
          bloodPressure,
          interventions: [],
          alarms: [],
        };
        break;
      case 'DoseAdministered':
        record?.doses.push({
          administeredAt: str(d.administeredAt),
          ...(typeof d.at === 'string' ? { recordedAt: d.at } : {}),
          route: d.route as DoseRoute,
          doseMg: num(d.doseMg) ?? 0,
          drug: d.drug === 'esketamine' ? 'esketamine' : 'ketamine',
          booster: d.booster === true,
          by: str(d.by),
          ...(d.confirmation ? { confirmation: d.confirmation as Confirmation } : {}),
          ...(Array.isArray(d.warnings) ? { warnings: d.warnings as string[] } : {}),
        });
        break;
      case 'InterventionRecorded':
        record?.interventions.push({ at: str(d.at), by: str(d.by), text: str(d.text) });
        break;
      case 'SessionEnded':
        if (record) {
          record.ended = {
            at: str(d.at),
            by: str(d.by),
            ...(typeof d.reason === 'string' ? { reason: d.reason } : {}),
            ...(d.confirmation ? { confirmation: d.confirmation as Confirmation } : {}),
            ...(Array.isArray(d.warnings) ? { warnings: d.warnings as string[] } : {}),
          };
        }
        break;
      case 'OximetryObserved': {
        const spo2 = num(d.spo2);
        const pulseRate = num(d.pulseRate);
        const t = Date.parse(str(d.measuredAt));
        if (Number.isNaN(t)) break;
        oximetry.push({ t, spo2, pulseRate, valid: d.sensorOff !== true && spo2 !== null && pulseRate !== null });
        break;
      }
      case 'BloodPressureObserved': {
        const systolic = num(d.systolic);
        const diastolic = num(d.diastolic);
        const t = Date.parse(str(d.measuredAt));
        if (systolic === null || diastolic === null || Number.isNaN(t)) break;
        bloodPressure.push({ t, measuredAt: str(d.measuredAt), systolic, diastolic });
        break;
      }
      case 'AlertRaised':
        alarms.set(str(d.alertId), {
          alertId: str(d.alertId),
          ruleId: str(d.ruleId),
          title: str(d.title),
          priority: str(d.priority),
          kind: str(d.kind),
          phase: str(d.phase),
          raisedAt: str(d.at) || event.occurredAt,
          ...(optNum(d.value) !== undefined ? { value: optNum(d.value)! } : {}),
          ...(optNum(d.threshold) !== undefined ? { threshold: optNum(d.threshold)! } : {}),
          ...(typeof d.unit === 'string' ? { unit: d.unit } : {}),
        });
        break;
      case 'AlertEscalated': {
        const alarm = alarms.get(str(d.alertId));
        if (alarm) {
          alarm.escalatedAt = str(d.at) || event.occurredAt;
          alarm.escalatedTo = str(d.priority);
        }
        break;
      }
      case 'AlertAcknowledged': {
        const alarm = alarms.get(str(d.alertId));
        if (alarm && alarm.acknowledgedAt === undefined) {
          alarm.acknowledgedAt = str(d.at) || event.occurredAt;
          alarm.acknowledgedBy = str(d.by);
        }
        break;
      }
      case 'AlertCleared': {
        const alarm = alarms.get(str(d.alertId));
        if (alarm) {
          alarm.clearedAt = str(d.at) || event.occurredAt;
          alarm.clearReason = str(d.reason);
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
