import type { OverflowSummary } from '../view/overflow-summary';
import { byId, el, setAttr, setText } from './dom';
import { PRIORITY_LABELS, ruleLabel } from './format';

/**
 * The bar fixed under the wall grid: "8 more below" with their worst alarm, then each off-screen
 * alarm by room (a click opens that session). Hidden when every session is on screen.
 */
export class OverflowBar {
  private readonly root = byId('overflow-bar');
  private readonly count = byId('overflow-count');
  private readonly list = byId('overflow-alarms');
  private shown = '';

  update(summary: OverflowSummary): void {
    setAttr(this.root, 'hidden', summary.count === 0 ? '' : undefined);
    document.body.classList.toggle('has-overflow', summary.count > 0);
    const worst = summary.alarms[0];
    this.root.className = `overflow-bar${worst ? ` overflow-${worst.row.priority}` : ''}`;
    setAttr(this.root, 'data-count', String(summary.count));
    const more = `${summary.count} more ${summary.count === 1 ? 'session' : 'sessions'} below`;
    setText(this.count, worst ? `${more} · worst: ${PRIORITY_LABELS[worst.row.priority]} in ${worst.room}` : `${more} · no alarm among them`);
    const key = summary.alarms.map((a) => `${a.sessionId}/${a.row.parameter}/${a.row.priority}`).join(' ');
    if (key === this.shown) return;
    this.shown = key;
    this.list.replaceChildren(
      ...summary.alarms.map(({ sessionId, room, row }) =>
        el(
          'li',
          { class: `overflow-alarm alarm-${row.priority}`, attrs: { 'data-session-id': sessionId, 'data-priority': row.priority } },
          el('a', { text: `${PRIORITY_LABELS[row.priority]} ${room}: ${row.lead.title ?? ruleLabel(row.lead.ruleId)}`, attrs: { href: `#/sessions/${encodeURIComponent(sessionId)}` } }),
        ),
      ),
    );
  }
}
