import { DEVICE_KINDS, DOSE_ROUTES, isDrug, sessionIdOfStream, type DeviceKind, type DoseRoute } from '@vigil/domain';
import type { JsonObject, RecordedEvent } from '@vigil/event-store';
import type { AlarmKind, AlarmPriority, DashboardChange, PositionedChange } from '../protocol';

const PRIORITIES: readonly AlarmPriority[] = ['high', 'medium', 'low'];
const ALARM_KINDS: readonly AlarmKind[] = ['physiological', 'technical'];

/** A stored event whose data lacks what the dashboard needs: skipped and logged, never fatal to the projection. */
export class UnreadableEventError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'stream' | 'revision' | 'position' | 'type'>,
    readonly field: string,
  ) {
    super(`${event.type} at position ${event.position} (${event.stream}@${event.revision}): field "${field}" is missing or has the wrong type`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * What the dashboard takes from a stored event, or undefined when it has nothing to show (readings
 * of unbound devices in `device-…` streams, bookkeeping streams, event types it does not know).
 * The projection numbers them with the dashboard's own sequence (store positions stay on the server).
 */
export function dashboardChangeOf(event: RecordedEvent): Omit<PositionedChange, 'position'> | undefined {
  const sessionId = sessionIdOfStream(event.stream);
  if (sessionId === undefined) return undefined;
  const change = changeOf(event);
  return change ? { sessionId, change } : undefined;
}

function changeOf(event: RecordedEvent): DashboardChange | undefined {
  const read = fieldReader(event);
  const { str, optStr, num, optNum, bool } = read;
  switch (event.type) {
    case 'SessionStarted':
      return { type: 'SessionStarted', room: str('room'), patientPseudonym: str('patientPseudonym'), clinician: str('clinician'), at: str('at') };
    case 'DeviceBound':
      return { type: 'DeviceBound', deviceId: str('deviceId'), deviceKind: read.oneOf('deviceKind', DEVICE_KINDS) as DeviceKind, by: str('by'), at: str('at') };
    case 'DeviceUnbound':
      return {
        type: 'DeviceUnbound',
        deviceId: str('deviceId'),
        deviceKind: read.oneOf('deviceKind', DEVICE_KINDS) as DeviceKind,
        by: str('by'),
        at: str('at'),
        ...optional('reason', optStr('reason')),
      };
    case 'DoseAdministered':
      return {
        type: 'DoseAdministered',
        route: read.oneOf('route', DOSE_ROUTES) as DoseRoute,
        doseMg: num('doseMg'),
        administeredAt: str('administeredAt'),
        booster: bool('booster'),
        by: str('by'),
        at: str('at'),
        ...optional('drug', isDrug(event.data.drug) ? event.data.drug : undefined),
      };
    case 'InterventionRecorded':
      return { type: 'InterventionRecorded', text: str('text'), by: str('by'), at: str('at') };
    case 'SessionEnded':
      return { type: 'SessionEnded', by: str('by'), at: str('at'), ...optional('reason', optStr('reason')) };
    case 'OximetryObserved':
      return {
        type: 'OximetryObserved',
        deviceId: str('deviceId'),
        spo2: read.numOrNull('spo2'),
        pulseRate: read.numOrNull('pulseRate'),
        ...optional('perfusionIndex', optNum('perfusionIndex')),
        sensorOff: bool('sensorOff'),
        measuredAt: str('measuredAt'),
        receivedAt: read.receivedAt(),
        ...optional('gatewayId', optStr('gatewayId')),
      };
    case 'BloodPressureObserved':
      return {
        type: 'BloodPressureObserved',
        deviceId: str('deviceId'),
        systolic: num('systolic'),
        diastolic: num('diastolic'),
        ...optional('meanArterialPressure', optNum('meanArterialPressure')),
        ...optional('pulseRate', optNum('pulseRate')),
        measuredAt: str('measuredAt'),
        receivedAt: read.receivedAt(),
        ...optional('gatewayId', optStr('gatewayId')),
      };
    case 'AlertRaised':
      return {
        type: 'AlertRaised',
        alertId: str('alertId'),
        ruleId: str('ruleId'),
        priority: read.oneOf('priority', PRIORITIES) as AlarmPriority,
        kind: read.oneOf('kind', ALARM_KINDS) as AlarmKind,
        ...optional('phase', optStr('phase')),
        ...optional('title', optStr('title')),
        ...optional('measure', optStr('measure')),
        ...optional('value', optNum('value')),
        ...optional('threshold', optNum('threshold')),
        at: str('at'),
      };
    case 'AlertEscalated':
      return { type: 'AlertEscalated', alertId: str('alertId'), ruleId: str('ruleId'), priority: read.oneOf('priority', PRIORITIES) as AlarmPriority, at: str('at') };
    case 'AlertAcknowledged':
      return {
        type: 'AlertAcknowledged',
        alertId: str('alertId'),
        ruleId: str('ruleId'),
        by: str('by'),
        at: str('at'),
        ...optional('note', optStr('note')),
        ...optional('audioPausedUntil', optStr('audioPausedUntil')),
      };
    case 'AlertCleared':
      return { type: 'AlertCleared', alertId: str('alertId'), ruleId: str('ruleId'), reason: optStr('reason') ?? 'cleared', at: str('at') };
    default:
      return undefined;
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function fieldReader(event: RecordedEvent) {
  const data: JsonObject = event.data;
  const fail = (field: string): never => {
    throw new UnreadableEventError(event, field);
  };
  const optStr = (field: string): string | undefined => {
    const value = data[field];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : fail(field);
  };
  const optNum = (field: string): number | undefined => {
    const value = data[field];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : fail(field);
  };
  return {
    optStr,
    optNum,
    // Alarm and session events name their time `at`; older writers may only have occurredAt.
    str: (field: string): string => optStr(field) ?? (field === 'at' ? event.occurredAt : fail(field)),
    num: (field: string): number => optNum(field) ?? fail(field),
    numOrNull: (field: string): number | null => optNum(field) ?? null,
    // Ingest leaves the receive time out of the data (a retried post must store identical content)
    // and the store's recordedAt is that time; a writer that does record it is believed.
    receivedAt: (): string => optStr('receivedAt') ?? event.recordedAt,
    bool: (field: string): boolean => {
      const value = data[field];
      if (value === undefined) return false;
      return typeof value === 'boolean' ? value : fail(field);
    },
    oneOf: (field: string, allowed: readonly string[]): string => {
      const value = data[field];
      return typeof value === 'string' && allowed.includes(value) ? value : fail(field);
    },
  };
}
