import type { AlarmStatus } from '../view/session-status';
import { el, setAttr, setText, syncKeyed } from './dom';
import { PRIORITY_LABELS, formatAge, formatCountdown, ruleLabel } from './format';

export type Acknowledge = (alertId: string) => Promise<void>;

type Row = HTMLElement & { parts: { label: HTMLElement; text: HTMLElement; state: HTMLElement; button: HTMLButtonElement; error: HTMLElement } };

function describe(alarm: AlarmStatus): string {
  const value = alarm.value !== undefined ? ` ${alarm.value}${alarm.threshold !== undefined ? ` (limit ${alarm.threshold})` : ''}` : '';
  return `${ruleLabel(alarm.ruleId)}${value}${alarm.kind === 'technical' ? ' · technical' : ''}`;
}

/**
 * A session's active alarms, coloured by priority with the priority also written out (colour is
 * never the only signal), each with one button to acknowledge. Rows are kept by alarm id and
 * updated in place, so the button under a finger stays the same element.
 */
export class AlarmList {
  // Not a live region: ages tick every second. New alarms are announced once by main.ts.
  readonly element = el('ul', { class: 'alarms', attrs: { 'aria-label': 'Active alarms' } });
  private readonly rows = new Map<string, Row>();
  /** Acknowledgements this page sent whose AlertAcknowledged has not come back yet, or that failed. */
  private readonly pending = new Map<string, { failure?: string; sentAt: number }>();

  constructor(private readonly acknowledge: Acknowledge) {}

  update(alarms: readonly AlarmStatus[], now: number): void {
    setAttr(this.element, 'hidden', alarms.length === 0 ? '' : undefined);
    syncKeyed(this.element, alarms, (alarm) => alarm.alertId, (alarm) => this.createRow(alarm.alertId), (row, alarm) => this.updateRow(row, alarm, now), this.rows);
  }

  private createRow(alertId: string): Row {
    const label = el('strong', { class: 'alarm-priority' });
    const text = el('span', { class: 'alarm-text' });
    const state = el('span', { class: 'alarm-state' });
    const error = el('span', { class: 'alarm-error', attrs: { role: 'alert' } });
    const button = el('button', { class: 'alarm-ack', text: 'Acknowledge', attrs: { type: 'button' } });
    button.addEventListener('click', (event) => {
      event.stopPropagation(); // not a click on the tile
      this.pending.set(alertId, { sentAt: Date.now() });
      button.disabled = true;
      setText(button, 'Acknowledging…');
      this.acknowledge(alertId).catch((failure: Error) => this.pending.set(alertId, { failure: failure.message, sentAt: Date.now() }));
    });
    const row = el('li', { class: 'alarm', attrs: { 'data-alert-id': alertId } }, label, text, state, button, error) as unknown as Row;
    row.parts = { label, text, state, button, error };
    return row;
  }

  private updateRow(row: Row, alarm: AlarmStatus, now: number): void {
    const { label, text, state, button, error } = row.parts;
    row.className = `alarm alarm-${alarm.priority}${alarm.acknowledged ? ' acknowledged' : ''}`;
    setAttr(row, 'data-priority', alarm.priority);
    setAttr(row, 'data-acknowledged', alarm.acknowledged ? 'true' : 'false');
    setText(label, PRIORITY_LABELS[alarm.priority]);
    setText(text, `${describe(alarm)} · ${formatAge(now - Date.parse(alarm.raisedAt))}${alarm.escalatedAt ? ' · escalated' : ''}`);
    const pausedFor = alarm.audioPausedUntil ? Date.parse(alarm.audioPausedUntil) - now : 0;
    setText(
      state,
      alarm.acknowledged
        ? `Acknowledged by ${alarm.acknowledged.by}${alarm.audioPaused ? ` · sound paused ${formatCountdown(pausedFor)}` : ' · sounding again'}`
        : '',
    );
    let pending = this.pending.get(alarm.alertId);
    // Done when the acknowledgement is back through the store (the one truth), or given up after 15 s.
    if (pending && !pending.failure && (alarm.acknowledged || Date.now() - pending.sentAt > 15_000)) {
      this.pending.delete(alarm.alertId);
      pending = undefined;
    }
    const sending = pending !== undefined && pending.failure === undefined;
    setText(error, pending?.failure ? `Not acknowledged: ${pending.failure}` : '');
    // An acknowledged alarm can be acknowledged again once its pause is over (to pause it again).
    const canAcknowledge = !sending && (!alarm.acknowledged || !alarm.audioPaused);
    setAttr(button, 'hidden', canAcknowledge || sending ? undefined : '');
    button.disabled = sending;
    setText(button, sending ? 'Acknowledging…' : 'Acknowledge');
  }
}
