// The pure phase module itself, not the domain index: this file is bundled into the page too, and
// the page must carry only what it runs.
import { minutesSinceDose, phaseAt, type SessionPhase } from '../../../domain/src/session-phase';
import type { AlarmPriority, AlarmView, DeviceView, SessionView } from '../protocol';
import { PRIORITY_RANK } from './alarms';
import { changeFromBaseline } from './blood-pressure';
import { clockOffsetOf } from '../../../rules/src/gateway-clock';
import { DEVICE_SILENCE_LIMIT_MS, GATEWAY_CLOCK_NOTE_LIMIT_MS } from './view-limits';

export type DeviceSignal = 'sending' | 'silent' | 'waiting';
export type DeviceStatus = DeviceView & {
  /** sending: a reading arrived within the limit; silent: none for longer; waiting: bound recently, nothing yet. */
  signal: DeviceSignal;
  silentForMs?: number;
  /**
   * Server minus gateway clock (positive: the gateway is behind), when it is more than 30 s off:
   * alarms do not depend on it (docs/alarm-semantics.md), but a wrong clock should be fixed.
   */
  gatewayClockOffsetMs?: number;
};
export type AlarmStatus = AlarmView & { audioPaused: boolean };

export type SessionStatus = {
  phase: SessionPhase;
  minutesSinceDose?: number;
  oximetryAgeMs?: number;
  /** The newest oximetry came from a device that is still sending; otherwise its values are old news. */
  oximetryCurrent: boolean;
  bloodPressureAgeMs?: number;
  bloodPressureChange?: { systolic: number; diastolic: number };
  devices: DeviceStatus[];
  alarms: AlarmStatus[];
  /** Highest priority among active alarms. */
  highest?: AlarmPriority;
  /** Highest priority among alarms whose audio is not paused: what the speaker sounds. */
  audible?: AlarmPriority;
};

const ms = (iso: string): number => Date.parse(iso);

function deviceStatus(device: DeviceView, now: number): DeviceStatus {
  const offset = device.gatewayClock && device.gatewayClock.samples.length > 0 ? clockOffsetOf(device.gatewayClock) : undefined;
  if (offset !== undefined && Math.abs(offset) > GATEWAY_CLOCK_NOTE_LIMIT_MS) return { ...signalOf(device, now), gatewayClockOffsetMs: offset };
  return signalOf(device, now);
}

function signalOf(device: DeviceView, now: number): DeviceStatus {
  const limit = DEVICE_SILENCE_LIMIT_MS[device.deviceKind];
  if (device.lastReceivedAt === undefined) {
    const since = now - ms(device.boundAt);
    return since > limit ? { ...device, signal: 'silent', silentForMs: since } : { ...device, signal: 'waiting' };
  }
  const silentFor = Math.max(0, now - ms(device.lastReceivedAt));
  return silentFor > limit ? { ...device, signal: 'silent', silentForMs: silentFor } : { ...device, signal: 'sending' };
}

const highestOf = (priorities: AlarmPriority[]): AlarmPriority | undefined =>
  priorities.sort((a, b) => PRIORITY_RANK[a] - PRIORITY_RANK[b])[0];

/**
 * Everything on a tile that depends on "now", computed on the page from the view's timestamps and
 * the server's clock (the page estimates its offset from each message's serverTime). The server
 * sends only when something happens; ages, phase changes and silent devices move with the clock.
 * Device silence is judged on receivedAt (the server's clock); reading ages on measuredAt.
 */
export function sessionStatusAt(view: SessionView, now: number): SessionStatus {
  const nowIso = new Date(now).toISOString();
  const devices = view.devices.map((device) => deviceStatus(device, now));
  const alarms = view.alarms.map((alarm) => ({ ...alarm, audioPaused: alarm.audioPausedUntil !== undefined && now < ms(alarm.audioPausedUntil) }));
  const oximeter = view.oximetry ? devices.find((device) => device.deviceId === view.oximetry!.deviceId) : undefined;
  const sinceDose = minutesSinceDose(view.doses, nowIso);
  const bpChange = changeFromBaseline(view.bloodPressure);
  const highest = highestOf(alarms.map((alarm) => alarm.priority));
  const audible = highestOf(alarms.filter((alarm) => !alarm.audioPaused).map((alarm) => alarm.priority));
  return {
    phase: phaseAt(view.doses, nowIso),
    ...(sinceDose !== undefined ? { minutesSinceDose: sinceDose } : {}),
    ...(view.oximetry ? { oximetryAgeMs: Math.max(0, now - ms(view.oximetry.measuredAt)) } : {}),
    oximetryCurrent: oximeter?.signal === 'sending' && !view.oximetry?.sensorOff,
    ...(view.bloodPressure.latest ? { bloodPressureAgeMs: Math.max(0, now - ms(view.bloodPressure.latest.measuredAt)) } : {}),
    ...(bpChange ? { bloodPressureChange: bpChange } : {}),
    devices,
    alarms,
    ...(highest ? { highest } : {}),
    ...(audible ? { audible } : {}),
  };
}
