// The estimator itself, not the rules index: this file is bundled into the page too.
import { observeClockOffset } from '../../../rules/src/gateway-clock';
import type { DeviceView, OximetryReadingView, PositionedChange, SessionView } from '../protocol';
import { evolveAlarms } from './alarms';
import { addBloodPressureReading, rebaseline } from './blood-pressure';
import { oximetryBaselineOf, type OximetryBaseline } from './oximetry-baseline';
import { appendTimeline } from './timeline';
import { addTrendPoint } from './trend';

const withOximetryBaseline = (baseline: OximetryBaseline | undefined) => (baseline ? { oximetryBaseline: baseline } : {});

const ms = (iso: string): number => Date.parse(iso);
const later = (a: string | undefined, b: string): string => (a === undefined || ms(b) > ms(a) ? b : a);

/** The gateway's clock offset, estimated from the readings in arrival order as the alert engine does. */
function gatewayClockAfter(device: DeviceView, reading: { measuredAt: string; receivedAt: string; gatewayId?: string }): DeviceView['gatewayClock'] {
  if (reading.gatewayId === undefined) return device.gatewayClock;
  const previous = device.gatewayClock?.gatewayId === reading.gatewayId ? device.gatewayClock : undefined;
  return { gatewayId: reading.gatewayId, ...observeClockOffset(previous, ms(reading.receivedAt), ms(reading.measuredAt)) };
}

function touchDevice(devices: readonly DeviceView[], deviceId: string, reading: { measuredAt: string; receivedAt: string; sensorOff?: boolean; gatewayId?: string }): DeviceView[] {
  return devices.map((device) => {
    if (device.deviceId !== deviceId) return device;
    const newest = device.lastMeasuredAt === undefined || ms(reading.measuredAt) >= ms(device.lastMeasuredAt);
    const gatewayClock = gatewayClockAfter(device, reading);
    return {
      ...device,
      ...(gatewayClock === undefined ? {} : { gatewayClock }),
      lastReceivedAt: later(device.lastReceivedAt, reading.receivedAt),
      lastMeasuredAt: later(device.lastMeasuredAt, reading.measuredAt),
      ...(newest && reading.sensorOff !== undefined ? { sensorOff: reading.sensorOff } : {}),
    };
  });
}

/**
 * The dashboard projection's evolve, one pure function run by the server (to keep and persist the
 * views) and by the page (to apply the deltas it receives), so both hold the same view. A change at
 * or below the view's position was applied already and changes nothing; a session that ended has no
 * view (undefined), and what arrives for it after the end is ignored.
 */
export function evolveSessionView(view: SessionView | undefined, { position, sessionId, change }: PositionedChange): SessionView | undefined {
  if (view && position <= view.position) return view;
  if (change.type === 'SessionStarted') {
    if (view) return view;
    return {
      sessionId,
      room: change.room,
      patientPseudonym: change.patientPseudonym,
      clinician: change.clinician,
      startedAt: change.at,
      position,
      doses: [],
      devices: [],
      trend: [],
      oximetryReadings: 0,
      bloodPressure: { history: [] },
      alarms: [],
      timeline: appendTimeline([], position, change),
    };
  }
  if (!view) return undefined;
  const next = { ...view, position };
  switch (change.type) {
    case 'OximetryObserved': {
      const { type: _type, ...reading } = change;
      const latest: OximetryReadingView = !view.oximetry || ms(reading.measuredAt) >= ms(view.oximetry.measuredAt) ? reading : view.oximetry;
      const trend = addTrendPoint(view.trend, [ms(reading.measuredAt), reading.sensorOff ? null : reading.spo2, reading.sensorOff ? null : reading.pulseRate]);
      // A reading measured before the first dose but applied after it (a late batch) still counts.
      const preDose = view.doses.length > 0 && ms(reading.measuredAt) < Math.min(...view.doses.map((dose) => ms(dose.administeredAt)));
      return {
        ...next,
        oximetry: latest,
        trend,
        ...withOximetryBaseline(preDose ? oximetryBaselineOf(trend, view.doses, view.oximetryBaseline) : undefined),
        oximetryReadings: view.oximetryReadings + 1,
        devices: touchDevice(view.devices, reading.deviceId, reading),
      };
    }
    case 'BloodPressureObserved': {
      const { type: _type, ...reading } = change;
      return {
        ...next,
        bloodPressure: addBloodPressureReading(view.bloodPressure, reading, view.doses),
        devices: touchDevice(view.devices, reading.deviceId, reading),
      };
    }
    case 'DeviceBound':
      return {
        ...next,
        devices: [...view.devices.filter((d) => d.deviceId !== change.deviceId), { deviceId: change.deviceId, deviceKind: change.deviceKind, boundAt: change.at }],
        timeline: appendTimeline(view.timeline, position, change),
      };
    case 'DeviceUnbound':
      return {
        ...next,
        devices: view.devices.filter((d) => d.deviceId !== change.deviceId),
        timeline: appendTimeline(view.timeline, position, change),
      };
    case 'DoseAdministered': {
      const { route, doseMg, administeredAt, booster, by, drug } = change;
      const doses = [...view.doses, { route, doseMg, administeredAt, booster, by, ...(drug ? { drug } : {}) }].sort((a, b) => ms(a.administeredAt) - ms(b.administeredAt));
      return {
        ...next,
        doses,
        bloodPressure: rebaseline(view.bloodPressure, doses),
        ...withOximetryBaseline(oximetryBaselineOf(view.trend, doses, view.oximetryBaseline)),
        timeline: appendTimeline(view.timeline, position, change),
      };
    }
    case 'InterventionRecorded':
      return { ...next, timeline: appendTimeline(view.timeline, position, change) };
    case 'AlertRaised':
    case 'AlertEscalated':
    case 'AlertAcknowledged':
    case 'AlertCleared':
      return { ...next, alarms: evolveAlarms(view.alarms, change), timeline: appendTimeline(view.timeline, position, change) };
    case 'SessionEnded':
      return undefined;
    default: {
      const exhaustive: never = change;
      return exhaustive;
    }
  }
}
