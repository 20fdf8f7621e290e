import { sessionStreamOfType } from '@vigil/domain';
import type { EventStore, JsonObject, NewEvent } from '@vigil/event-store';

// A recorded session for tests and the benchmark: deterministic, shaped like what the app stores
// (oximetry at 1 Hz, cuff readings every 5 minutes, one desaturation alarm acknowledged and cleared,
// an intervention, a sensor-off gap). Times are fixed, so expected values can be written down.

export type RecordedSessionOptions = {
  sessionId?: string;
  drug?: 'ketamine' | 'esketamine';
  /** Minutes from the dose to the end; default 122. Undefined end with `ended: false`. */
  endAfterDoseMinutes?: number;
  ended?: boolean;
  /** Leave out every cuff reading 35 to 45 minutes after the dose. */
  omit40MinuteBloodPressure?: boolean;
};

export const T0 = Date.parse('2026-11-30T09:00:00.000Z');
export const DOSE_MINUTE = 10;
const iso = (ms: number) => new Date(ms).toISOString();
const minute = (m: number) => T0 + m * 60_000;

/** SpO2 and pulse at a second of the session: a calm wave, a desaturation at dose+30 min, a sensor-off gap at dose+70. */
export function oximetryAt(second: number): { spo2: number | null; pulseRate: number | null; sensorOff: boolean } {
  const sinceDose = second - DOSE_MINUTE * 60;
  if (sinceDose >= 70 * 60 && sinceDose < 72 * 60) return { spo2: null, pulseRate: null, sensorOff: true };
  const desat = sinceDose >= 30 * 60 && sinceDose < 30 * 60 + 40;
  const spo2 = desat ? 89 : 96 + (second % 7 === 0 ? 1 : 0) + (second % 13 === 0 ? 1 : 0);
  const rise = sinceDose > 5 * 60 && sinceDose < 100 * 60 ? Math.round(10 * Math.sin((Math.PI * (sinceDose - 300)) / (95 * 60))) : 0;
  return { spo2, pulseRate: 72 + rise + (second % 5), sensorOff: false };
}

/** Systolic/diastolic of the cuff reading at a minute of the session. */
export function bloodPressureAt(m: number): { systolic: number; diastolic: number } {
  const sinceDose = m - DOSE_MINUTE;
  const rise = sinceDose > 0 && sinceDose < 100 ? Math.round(24 * Math.sin((Math.PI * sinceDose) / 100)) : 0;
  return { systolic: 124 + rise, diastolic: 80 + Math.round(rise / 2) };
}

export function recordedSessionEvents(options: RecordedSessionOptions = {}): NewEvent[] {
  const sessionId = options.sessionId ?? 'report-2h';
  const drug = options.drug ?? 'esketamine';
  const endMinute = DOSE_MINUTE + (options.endAfterDoseMinutes ?? 122);
  const ended = options.ended ?? true;
  const events: NewEvent[] = [];
  const add = (type: string, at: number, data: JsonObject, causedBy = 'user:Dr Reyes') =>
    events.push({ id: `${sessionId}-${events.length}`, type, data: { sessionId, ...data }, metadata: { causedBy, schemaVersion: 1 }, occurredAt: iso(at) });

  add('SessionStarted', T0, { room: 'Room 2', patientPseudonym: 'P-0042', clinician: 'Dr Reyes', at: iso(T0) });
  add('DeviceBound', T0, { deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse Kim', at: iso(T0) });
  add('DeviceBound', T0, { deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'nurse Kim', at: iso(T0) });
  const last = ended ? endMinute * 60 : endMinute * 60;
  const alarmId = `alert~${sessionId}~spo2-low~${iso(minute(DOSE_MINUTE + 30) + 15_000)}`;
  for (let s = 0; s < last; s++) {
    const t = T0 + s * 1000;
    const m = s / 60;
    if (s % 300 === 0 && m !== DOSE_MINUTE) {
      const inCheckWindow = m - DOSE_MINUTE >= 35 && m - DOSE_MINUTE <= 45;
      if (!(options.omit40MinuteBloodPressure && inCheckWindow)) {
        add('BloodPressureObserved', t, { deviceId: 'bp-1', gatewayId: 'gw-1', ...bloodPressureAt(m), measuredAt: iso(t), source: 'decoded' }, 'gateway:gw-1');
      }
    }
    if (s === (DOSE_MINUTE - 5) * 60 + 30) {
      // A pre-dose reading 4.5 minutes before the dose.
      add('BloodPressureObserved', t, { deviceId: 'bp-1', gatewayId: 'gw-1', systolic: 126, diastolic: 81, measuredAt: iso(t), source: 'decoded' }, 'gateway:gw-1');
    }
    if (s === DOSE_MINUTE * 60) {
      add('DoseAdministered', t, { route: 'intranasal', doseMg: 56, administeredAt: iso(t), by: 'Dr Reyes', booster: false, at: iso(t), drug });
    }
    const ox = oximetryAt(s);
    add('OximetryObserved', t, { deviceId: 'ox-1', gatewayId: 'gw-1', ...ox, measuredAt: iso(t), source: 'decoded' }, 'gateway:gw-1');
    if (t === minute(DOSE_MINUTE + 30) + 15_000) {
      add('AlertRaised', t, {
        alertId: alarmId, ruleId: 'spo2-low', ruleSetVersion: 'kap-default@1.0.0', title: 'SpO2 low', priority: 'medium', kind: 'physiological',
        phase: 'dissociative', minutesSinceDose: 30.25, measure: 'spo2', comparison: '<', value: 89, threshold: 92, unit: '%', at: iso(t),
      }, 'rule:spo2-low@kap-default@1.0.0');
    }
    if (t === minute(DOSE_MINUTE + 30) + 25_000) {
      add('AlertAcknowledged', t, { alertId: alarmId, ruleId: 'spo2-low', by: 'nurse Kim', at: iso(t), audioPausedUntil: iso(t + 120_000) }, 'user:nurse Kim');
    }
    if (t === minute(DOSE_MINUTE + 30) + 50_000) {
      add('AlertCleared', t, { alertId: alarmId, ruleId: 'spo2-low', ruleSetVersion: 'kap-default@1.0.0', reason: 'condition-resolved', phase: 'dissociative', at: iso(t) }, 'rule:spo2-low@kap-default@1.0.0');
    }
    // The sensor-off gap: the oximeter's technical alarm, cleared by the next valid reading.
    const lostId = `alert~${sessionId}~oximeter-signal-lost~${iso(minute(DOSE_MINUTE + 70) + 19_000)}`;
    if (t === minute(DOSE_MINUTE + 70) + 19_000) {
      add('AlertRaised', t, {
        alertId: lostId, ruleId: 'oximeter-signal-lost', ruleSetVersion: 'kap-default@1.0.0', title: 'Oximeter signal lost', priority: 'medium', kind: 'technical',
        phase: 'recovery', minutesSinceDose: 70.3, measure: 'secondsWithoutValidOximetry', comparison: '>=', value: 20, threshold: 20, unit: 's', at: iso(t),
      }, 'rule:oximeter-signal-lost@kap-default@1.0.0');
    }
    if (t === minute(DOSE_MINUTE + 72)) {
      add('AlertCleared', t, { alertId: lostId, ruleId: 'oximeter-signal-lost', ruleSetVersion: 'kap-default@1.0.0', reason: 'reading-received', phase: 'recovery', at: iso(t) }, 'rule:oximeter-signal-lost@kap-default@1.0.0');
    }
    if (t === minute(DOSE_MINUTE + 31)) {
      add('InterventionRecorded', t, { text: 'Asked patient to take deep breaths; SpO2 recovered', by: 'nurse Kim', at: iso(t) }, 'user:nurse Kim');
    }
  }
  if (ended) {
    const t = minute(endMinute);
    add('DeviceUnbound', t, { deviceId: 'ox-1', deviceKind: 'oximeter', by: 'Dr Reyes', at: iso(t), reason: 'session-ended' });
    add('DeviceUnbound', t, { deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'Dr Reyes', at: iso(t), reason: 'session-ended' });
    add('SessionEnded', t, { by: 'Dr Reyes', reason: 'discharged', at: iso(t) });
  }
  return events;
}

/** The same events as a report reads them, with revisions (no store needed). */
export const asReportEvents = (events: readonly NewEvent[]) =>
  events.map((event, revision) => ({ stream: sessionStreamOfType(String(event.data.sessionId), event.type) ?? 'unknown', type: event.type, data: event.data, occurredAt: event.occurredAt, revision }));

/**
 * Stores a recorded session as the app would have: each event in the stream its writer owns
 * (docs/streams.md), in the order given, so the merged record reads back in that order.
 */
export async function storeRecordedSession(store: EventStore, events: readonly NewEvent[]): Promise<void> {
  let run: { stream: string; events: NewEvent[] } | undefined;
  const flush = async () => {
    if (run) await store.appendToStream(run.stream, run.events, { expectedRevision: 'any' });
  };
  for (const event of events) {
    const stream = sessionStreamOfType(String(event.data.sessionId), event.type);
    if (stream === undefined) throw new Error(`no session stream holds ${event.type}`);
    if (run?.stream === stream) {
      run.events.push(event);
      continue;
    }
    await flush();
    run = { stream, events: [event] };
  }
  await flush();
}
