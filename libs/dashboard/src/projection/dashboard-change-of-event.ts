import { isStoredSessionEventType, readStoredEvent, sessionIdOfStream, StoredEventSchemaError, type StoredSessionEvent } from '@vigil/domain';
import type { RecordedEvent } from '@vigil/event-store';
import type { DashboardChange, PositionedChange } from '../protocol';

/** A stored event whose data does not fit its schema: skipped and logged, never fatal to the projection. */
export class UnreadableEventError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'stream' | 'revision' | 'position' | 'type'>,
    readonly problems: readonly string[],
  ) {
    super(`${event.type} at position ${event.position} (${event.stream}@${event.revision}): ${problems.join('; ')}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * What the dashboard takes from a stored event, or undefined when it has nothing to show (readings
 * of unbound devices in `device-…` streams, bookkeeping streams, event types it does not know).
 * The event is read through its schema (libs/domain stored-events.ts); the projection numbers the
 * changes with the dashboard's own sequence (store positions stay on the server).
 */
export function dashboardChangeOf(event: RecordedEvent): Omit<PositionedChange, 'position'> | undefined {
  const sessionId = sessionIdOfStream(event.stream);
  if (sessionId === undefined || !isStoredSessionEventType(event.type)) return undefined;
  let stored: StoredSessionEvent;
  try {
    stored = readStoredEvent(event);
  } catch (error) {
    if (error instanceof StoredEventSchemaError) throw new UnreadableEventError(event, error.problems);
    throw error;
  }
  return { sessionId, change: changeOf(stored, event.recordedAt) };
}

/** The facts the wall shows; a reading's receive time is when the store recorded it (ingest keeps it out of the data). */
function changeOf(event: StoredSessionEvent, receivedAt: string): DashboardChange {
  switch (event.type) {
    case 'SessionStarted': {
      const { room, patientPseudonym, clinician, at } = event.data;
      return { type: event.type, room, patientPseudonym, clinician, at };
    }
    case 'DeviceBound': {
      const { deviceId, deviceKind, by, at } = event.data;
      return { type: event.type, deviceId, deviceKind, by, at };
    }
    case 'DeviceUnbound': {
      const { deviceId, deviceKind, by, at, reason } = event.data;
      return { type: event.type, deviceId, deviceKind, by, at, reason };
    }
    case 'DoseAdministered': {
      const { route, doseMg, administeredAt, booster, by, at, drug } = event.data;
      return { type: event.type, route, doseMg, administeredAt, booster, by, at, ...optional('drug', drug) };
    }
    case 'InterventionRecorded': {
      const { text, by, at } = event.data;
      return { type: event.type, text, by, at };
    }
    case 'SessionEnded': {
      const { by, at, reason } = event.data;
      return { type: event.type, by, at, ...optional('reason', reason) };
    }
    case 'OximetryObserved': {
      const { deviceId, spo2, pulseRate, perfusionIndex, sensorOff, measuredAt, gatewayId } = event.data;
      return { type: event.type, deviceId, spo2, pulseRate, ...optional('perfusionIndex', perfusionIndex), sensorOff, measuredAt, receivedAt, gatewayId };
    }
    case 'BloodPressureObserved': {
      const { deviceId, systolic, diastolic, meanArterialPressure, pulseRate, measuredAt, gatewayId } = event.data;
      return {
        type: event.type, deviceId, systolic, diastolic, ...optional('meanArterialPressure', meanArterialPressure), ...optional('pulseRate', pulseRate), measuredAt, receivedAt, gatewayId,
      };
    }
    case 'AlertRaised': {
      const { alertId, ruleId, priority, kind, phase, title, measure, value, threshold, at } = event.data;
      return { type: event.type, alertId, ruleId, priority, kind, phase, title, measure, value, threshold, at };
    }
    case 'AlertEscalated': {
      const { alertId, ruleId, priority, at } = event.data;
      return { type: event.type, alertId, ruleId, priority, at };
    }
    case 'AlertAcknowledged': {
      const { alertId, ruleId, by, note, at, audioPausedUntil } = event.data;
      return { type: event.type, alertId, ruleId, by, ...optional('note', note), at, audioPausedUntil };
    }
    case 'AlertCleared': {
      const { alertId, ruleId, reason, at } = event.data;
      return { type: event.type, alertId, ruleId, reason, at };
    }
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
