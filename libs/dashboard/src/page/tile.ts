import type { SessionView, SystemConditionView } from '../protocol';
import type { DischargeReadiness } from '../view/discharge-readiness';
import type { DeviceStatus, SessionStatus } from '../view/session-status';
import { AlarmList, type Acknowledge } from './alarm-list';
import { el, setAttr, setText, syncKeyed } from './dom';
import { PHASE_LABELS, formatAge, formatAgo, formatDischarge, formatSigned, formatSinceDose } from './format';
import { Sparkline } from './sparkline';
import { BLOOD_PRESSURE_FRESHNESS, freshnessOf, OXIMETRY_FRESHNESS, type Freshness } from '../view/value-freshness';
import type { CurrentValues } from './alarm-row-text';

/** "—" once a value is too old to stand for the patient (view/value-freshness.ts); the note keeps its age. */
const shown = (value: string, freshness: Freshness): string => (freshness === 'expired' ? '—' : value);

const DEVICE_LABELS = { oximeter: 'Oximeter', bloodPressureCuff: 'BP cuff' } as const;

function vital(label: string, unit: string, role: string) {
  const value = el('span', { class: 'vital-value', attrs: { 'data-role': role } });
  const note = el('span', { class: 'vital-note' });
  // The unit sits beside the value, except for BP, whose wide value leaves it in the label.
  const labelNode = el('span', { class: 'vital-label', text: label }, el('span', { class: 'vital-label-unit', text: ` ${unit}` }));
  const element = el('div', { class: `vital vital-${role}` }, labelNode, value, el('span', { class: 'vital-unit', text: unit }), note);
  return { element, value, note };
}

/** One session on the wall screen: who and where, phase, the three vitals large, the trend, alarms, devices. */
export class SessionTile {
  readonly element: HTMLElement;
  private readonly room = el('h2', { class: 'tile-room' });
  private readonly patient = el('span', { class: 'tile-patient' });
  private readonly phase = el('span', { class: 'tile-phase' });
  private readonly sinceDose = el('span', { class: 'tile-since-dose' });
  private readonly spo2 = vital('SpO₂', '%', 'spo2');
  private readonly pulse = vital('Pulse', '/min', 'pulse');
  private readonly bp = vital('BP', 'mmHg', 'bp');
  private readonly discharge = el('p', { class: 'tile-discharge', attrs: { 'data-role': 'discharge' } });
  private readonly sparkline = new Sparkline();
  private readonly alarms: AlarmList;
  private readonly devices = el('ul', { class: 'devices', attrs: { 'aria-label': 'Devices' } });
  private readonly systemAlarm = el('p', { class: 'tile-system-alarm', attrs: { 'data-role': 'system-alarm', hidden: '' } });
  private readonly deviceNodes = new Map<string, HTMLElement>();

  constructor(sessionId: string, acknowledge: Acknowledge, open: (sessionId: string) => void) {
    this.alarms = new AlarmList(acknowledge);
    const header = el('header', { class: 'tile-header' }, this.room, this.patient, el('span', { class: 'tile-when' }, this.phase, this.sinceDose));
    const vitals = el('div', { class: 'vitals' }, this.spo2.element, this.pulse.element, this.bp.element);
    this.element = el(
      'article',
      { class: 'tile', attrs: { 'data-session-id': sessionId, tabindex: '0' } },
      header,
      this.systemAlarm,
      vitals,
      this.discharge,
      this.sparkline.canvas,
      this.alarms.element,
      this.devices,
    );
    this.element.addEventListener('click', () => open(sessionId));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === this.element) open(sessionId);
    });
  }

  update(view: SessionView, status: SessionStatus, now: number, readiness?: DischargeReadiness): void {
    const tile = this.element;
    tile.className = `tile${status.highest ? ` has-alarm tile-alarm-${status.highest}` : ''}`;
    setAttr(tile, 'aria-label', `${view.room}, ${view.patientPseudonym}${status.highest ? `, ${status.highest} priority alarm` : ''}`);
    setAttr(tile, 'data-position', String(view.position));
    setAttr(tile, 'data-oximetry-readings', String(view.oximetryReadings));
    setText(this.room, view.room);
    setText(this.patient, view.patientPseudonym);
    setText(this.phase, PHASE_LABELS[status.phase]);
    this.phase.className = `tile-phase phase-${status.phase}`;
    setText(this.sinceDose, status.minutesSinceDose !== undefined ? formatSinceDose(status.minutesSinceDose) : 'no dose yet');

    const ox = view.oximetry;
    const stale = !status.oximetryCurrent;
    const oxFreshness = freshnessOf(status.oximetryAgeMs ?? 0, OXIMETRY_FRESHNESS);
    const spo2 = ox?.spo2 != null && !ox.sensorOff ? ox.spo2 : undefined;
    const pulseRate = ox?.pulseRate != null && !ox.sensorOff ? ox.pulseRate : undefined;
    setText(this.spo2.value, spo2 !== undefined ? shown(String(spo2), oxFreshness) : '--');
    setText(this.pulse.value, pulseRate !== undefined ? shown(String(pulseRate), oxFreshness) : '--');
    const oxAge = formatAge(status.oximetryAgeMs ?? 0);
    const oxNote = !ox ? 'no reading' : ox.sensorOff ? 'SENSOR OFF' : stale ? `no signal · ${oxAge} old` : oxFreshness === 'current' ? formatAgo(status.oximetryAgeMs ?? 0) : `${oxAge} old`;
    setText(this.spo2.note, oxNote);
    setText(this.pulse.note, oxNote);
    for (const vitalSign of [this.spo2, this.pulse]) {
      vitalSign.element.classList.toggle('stale', stale);
      setAttr(vitalSign.element, 'data-freshness', ox ? oxFreshness : undefined);
    }

    const latest = view.bloodPressure.latest;
    const bpFreshness = freshnessOf(status.bloodPressureAgeMs ?? 0, BLOOD_PRESSURE_FRESHNESS);
    const bloodPressure = latest ? `${latest.systolic}/${latest.diastolic}` : undefined;
    setText(this.bp.value, bloodPressure !== undefined ? shown(bloodPressure, bpFreshness) : '--/--');
    setAttr(this.bp.element, 'data-freshness', latest ? bpFreshness : undefined);
    const change = status.bloodPressureChange;
    const isBaseline = latest !== undefined && latest.measuredAt === view.bloodPressure.baseline?.measuredAt;
    const comparison = isBaseline ? ' · baseline' : change ? ` · ${formatSigned(change.systolic)}/${formatSigned(change.diastolic)} vs baseline` : ' · no pre-dose baseline';
    setText(this.bp.note, latest ? `${formatAgo(status.bloodPressureAgeMs ?? 0)}${comparison}` : 'no reading');

    // Discharge readiness is a prompt for the clinician's review, never a discharge (issue 14).
    const discharge = readiness ? formatDischarge(readiness) : undefined;
    setText(this.discharge, discharge ? discharge.text : '');
    this.discharge.hidden = discharge === undefined;
    this.discharge.className = `tile-discharge${readiness?.ready ? ' discharge-ready' : ''}`;
    setAttr(this.discharge, 'data-ready', readiness?.ready ? 'true' : 'false');

    this.sparkline.draw(view.trend, now);
    // Alarm rows show the value now only while it is current enough to be shown large.
    const current: CurrentValues = {
      ...(spo2 !== undefined && oxFreshness !== 'expired' && !stale ? { spo2 } : {}),
      ...(pulseRate !== undefined && oxFreshness !== 'expired' && !stale ? { pulseRate } : {}),
      ...(bloodPressure !== undefined && bpFreshness !== 'expired' ? { bloodPressure } : {}),
    };
    this.alarms.update(status.alarms, now, current);
    syncKeyed(this.devices, status.devices, (d) => d.deviceId, () => el('li', { class: 'device' }), (node, d) => this.updateDevice(node, d), this.deviceNodes);
  }

  /** The monitor's own technical alarms (recording stopped, monitoring delayed) concern this patient too. */
  showSystemConditions(conditions: readonly SystemConditionView[]): void {
    const shown = conditions.filter((condition) => condition.code !== 'starting');
    setText(this.systemAlarm, shown.map((condition) => condition.message).join(' · '));
    setAttr(this.systemAlarm, 'hidden', shown.length > 0 ? undefined : '');
  }

  private updateDevice(node: HTMLElement, device: DeviceStatus): void {
    node.className = `device device-${device.signal}${device.sensorOff ? ' device-sensor-off' : ''}`;
    setAttr(node, 'data-device-id', device.deviceId);
    setAttr(node, 'data-signal', device.signal);
    const state =
      device.signal === 'silent'
        ? `NOT SENDING · ${formatAge(device.silentForMs ?? 0)}`
        : device.signal === 'waiting'
          ? 'waiting for data'
          : device.sensorOff
            ? 'sensor off'
            : 'sending';
    const offset = device.gatewayClockOffsetMs;
    const clock = offset === undefined ? '' : ` · gateway clock ${Math.round(Math.abs(offset) / 1000)} s ${offset > 0 ? 'behind' : 'ahead'}`;
    setText(node, `${DEVICE_LABELS[device.deviceKind]} ${device.deviceId}: ${state}${clock}`);
  }
}
