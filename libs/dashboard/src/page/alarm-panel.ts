import type { AlarmHistoryEntry } from '../alarm-history/alarm-history';
import type { CentralAlarm } from '../view/central-alarms';
import { byId, el, setAttr, setText, syncKeyed } from './dom';
import { PRIORITY_LABELS, formatAge, formatClock, ruleLabel } from './format';

const HISTORY_REFRESH_MS = 10_000;

type Line = HTMLLIElement & { parts: { text: HTMLElement; state: HTMLElement; button: HTMLButtonElement } };

/**
 * The side panel (issue 15 item 2): every active alarm across patients with room, priority, what
 * and since when, each with Acknowledge; under it the last 24 h of alarms with raise, acknowledgement
 * (who) and clear, from GET /api/v1/alarms/history while the panel is open.
 */
export class AlarmPanel {
  private readonly root = byId('alarm-panel');
  private readonly list = byId('central-alarms');
  private readonly history = byId<HTMLTableSectionElement>('alarm-history-rows');
  private readonly lines = new Map<string, Line>();
  private historyTimer: number | undefined;

  constructor(
    private readonly acknowledge: (sessionId: string, alertId: string) => Promise<void>,
    /** The wall's grid is laid out again when the panel takes or gives back its width. */
    private readonly onToggle: () => void,
  ) {
    byId('alarm-panel-toggle').addEventListener('click', () => (this.root.hidden ? this.open() : this.close()));
    byId('alarm-panel-close').addEventListener('click', () => this.close());
  }

  open(): void {
    this.root.hidden = false;
    document.body.classList.add('alarm-panel-open');
    this.onToggle();
    void this.loadHistory();
    this.historyTimer = window.setInterval(() => void this.loadHistory(), HISTORY_REFRESH_MS);
  }

  close(): void {
    this.root.hidden = true;
    document.body.classList.remove('alarm-panel-open');
    window.clearInterval(this.historyTimer);
    this.onToggle();
  }

  update(alarms: readonly CentralAlarm[], now: number): void {
    setText(byId('alarm-panel-toggle'), `Alarm list (${alarms.length})`);
    setText(byId('central-alarms-empty'), alarms.length ? '' : 'No active alarm.');
    syncKeyed(this.list, alarms, (a) => a.alarm.alertId, (a) => this.createLine(a), (line, a) => this.updateLine(line, a, now), this.lines);
  }

  private createLine(entry: CentralAlarm): Line {
    const text = el('span', { class: 'central-alarm-text' });
    const state = el('span', { class: 'central-alarm-state' });
    const button = el('button', { class: 'alarm-ack', text: 'Acknowledge', attrs: { type: 'button' } });
    button.addEventListener('click', () => {
      button.disabled = true;
      this.acknowledge(entry.sessionId, entry.alarm.alertId).catch((failure: Error) => {
        button.disabled = false;
        setText(state, `Not acknowledged: ${failure.message}`);
      });
    });
    const line = el('li', { attrs: { 'data-alert-id': entry.alarm.alertId, 'data-session-id': entry.sessionId } }, text, state, button) as unknown as Line;
    line.parts = { text, state, button };
    return line;
  }

  private updateLine(line: Line, { room, patientPseudonym, alarm }: CentralAlarm, now: number): void {
    line.className = `central-alarm alarm-${alarm.priority}${alarm.acknowledged ? ' acknowledged' : ''}`;
    setAttr(line, 'data-priority', alarm.priority);
    setAttr(line, 'data-acknowledged', alarm.acknowledged ? 'true' : 'false');
    setText(line.parts.text, `${PRIORITY_LABELS[alarm.priority]} · ${room} (${patientPseudonym}) · ${alarm.title ?? ruleLabel(alarm.ruleId)} · since ${formatClock(alarm.raisedAt)} (${formatAge(now - Date.parse(alarm.raisedAt))})`);
    if (alarm.acknowledged) setText(line.parts.state, `Acknowledged by ${alarm.acknowledged.by}`);
    setAttr(line.parts.button, 'hidden', alarm.acknowledged && alarm.audioPaused ? '' : undefined);
    if (alarm.acknowledged) line.parts.button.disabled = false;
  }

  private async loadHistory(): Promise<void> {
    try {
      const response = await fetch('/api/v1/alarms/history?hours=24');
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const { alarms } = (await response.json()) as { alarms: AlarmHistoryEntry[] };
      this.history.replaceChildren(...alarms.map((a) => historyRow(a)));
      setText(byId('alarm-history-status'), `${alarms.length} alarms in the last 24 h`);
    } catch (error) {
      setText(byId('alarm-history-status'), `The alarm history could not be read: ${(error as Error).message}`);
    }
  }
}

function historyRow(a: AlarmHistoryEntry): HTMLTableRowElement {
  const acknowledged = a.acknowledgements.map((ack) => `${formatClock(ack.at)} by ${ack.by}`).join(', ') || '—';
  return el(
    'tr',
    { attrs: { 'data-alert-id': a.alertId, 'data-priority': a.priority } },
    el('td', { text: formatClock(a.raisedAt) }),
    el('td', { text: a.room }),
    el('td', { class: `history-priority-${a.priority}`, text: a.priority.toUpperCase() }),
    el('td', { text: a.title || ruleLabel(a.ruleId) }),
    el('td', { class: 'history-ack', text: acknowledged }),
    el('td', { class: 'history-cleared', text: a.clearedAt ? formatClock(a.clearedAt) : 'active' }),
  );
}
