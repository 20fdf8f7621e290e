import { alarmRowsOf, alarmsToAcknowledge, type AlarmRow } from '../view/alarm-rows';
import type { AlarmStatus } from '../view/session-status';
import { alarmRowText, type CurrentValues } from './alarm-row-text';
import { el, setAttr, setText, syncKeyed } from './dom';
import { PRIORITY_LABELS, formatCountdown } from './format';

export type Acknowledge = (alertId: string) => Promise<void>;

type Row = HTMLElement & { parts: { label: HTMLElement; text: HTMLElement; state: HTMLElement; button: HTMLButtonElement; error: HTMLElement }; current?: AlarmRow };

/** Someone else acknowledged it first: the alarm is acknowledged, which is what was wanted. */
const alreadyAcknowledged = (error: unknown): boolean => (error as { status?: unknown }).status === 409;

/**
 * A session's active alarms, one row per problem (view/alarm-rows.ts), coloured by priority with
 * the priority also written out (colour is never the only signal), each with one button that
 * acknowledges every alarm of the row. Rows are kept by parameter and updated in place, so the
 * button under a finger stays the same element.
 */
export class AlarmList {
  // Not a live region: ages tick every second. New alarms are announced once by main.ts.
  readonly element = el('ul', { class: 'alarms', attrs: { 'aria-label': 'Active alarms' } });
  private readonly rows = new Map<string, Row>();
  /** Acknowledgements this page sent whose AlertAcknowledged has not come back yet, or that failed; by parameter. */
  private readonly pending = new Map<string, { failure?: string; sentAt: number }>();

  constructor(private readonly acknowledge: Acknowledge) {}

  update(alarms: readonly AlarmStatus[], now: number, current: CurrentValues): void {
    setAttr(this.element, 'hidden', alarms.length === 0 ? '' : undefined);
    syncKeyed(this.element, alarmRowsOf(alarms), (row) => row.parameter, (row) => this.createRow(row.parameter), (node, row) => this.updateRow(node, row, now, current), this.rows);
  }

  private createRow(parameter: string): Row {
    const label = el('strong', { class: 'alarm-priority' });
    const text = el('span', { class: 'alarm-text' });
    const state = el('span', { class: 'alarm-state' });
    const error = el('span', { class: 'alarm-error', attrs: { role: 'alert' } });
    const button = el('button', { class: 'alarm-ack', text: 'Acknowledge', attrs: { type: 'button' } });
    const row = el('li', { class: 'alarm', attrs: { 'data-parameter': parameter } }, label, text, state, button, error) as unknown as Row;
    button.addEventListener('click', (event) => {
      event.stopPropagation(); // not a click on the tile
      const targets = row.current ? alarmsToAcknowledge(row.current) : [];
      this.pending.set(parameter, { sentAt: Date.now() });
      button.disabled = true;
      setText(button, 'Acknowledging…');
      // One command per alarm: each acknowledgement is its own stored event (issue 15 item 3).
      Promise.all(targets.map((alarm) => this.acknowledge(alarm.alertId).catch((failure: unknown) => (alreadyAcknowledged(failure) ? undefined : Promise.reject(failure))))).catch(
        (failure: Error) => this.pending.set(parameter, { failure: failure.message, sentAt: Date.now() }),
      );
    });
    row.parts = { label, text, state, button, error };
    return row;
  }

  private updateRow(node: Row, row: AlarmRow, now: number, current: CurrentValues): void {
    node.current = row;
    const { label, text, state, button, error } = node.parts;
    node.className = `alarm alarm-${row.priority}${row.acknowledged ? ' acknowledged' : ''}`;
    setAttr(node, 'data-priority', row.priority);
    setAttr(node, 'data-kind', row.kind);
    setAttr(node, 'data-acknowledged', row.acknowledged ? 'true' : 'false');
    setAttr(node, 'data-alert-ids', row.alarms.map((a) => a.alertId).join(' '));
    setText(label, PRIORITY_LABELS[row.priority]);
    setText(text, `${alarmRowText(row, now, current)}${row.lead.escalatedAt ? ' · escalated' : ''}`);
    const pausedUntil = Math.min(...row.alarms.map((a) => (a.audioPausedUntil ? Date.parse(a.audioPausedUntil) : now)));
    const by = [...new Set(row.alarms.flatMap((a) => (a.acknowledged ? [a.acknowledged.by] : [])))].join(', ');
    setText(state, row.acknowledged ? `Acknowledged by ${by}${row.audioPaused ? ` · sound paused ${formatCountdown(pausedUntil - now)}` : ' · sounding again'}` : '');
    let pending = this.pending.get(row.parameter);
    // Done when the acknowledgements are back through the store (the one truth), or given up after 15 s.
    if (pending && !pending.failure && (row.acknowledged || Date.now() - pending.sentAt > 15_000)) {
      this.pending.delete(row.parameter);
      pending = undefined;
    }
    const sending = pending !== undefined && pending.failure === undefined;
    setText(error, pending?.failure ? `Not acknowledged: ${pending.failure}` : '');
    // An acknowledged row can be acknowledged again once a pause is over (to pause it again).
    const canAcknowledge = !sending && alarmsToAcknowledge(row).length > 0;
    setAttr(button, 'hidden', canAcknowledge || sending ? undefined : '');
    button.disabled = sending;
    setText(button, sending ? 'Acknowledging…' : 'Acknowledge');
  }
}
