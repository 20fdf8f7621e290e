import type { SessionView } from '../protocol';
import type { SessionStatus } from '../view/session-status';
import type { DischargeReadiness } from '../view/discharge-readiness';
import { byId, el, setText } from './dom';
import { formatClock } from './format';
import { handleForm } from './forms';
import { staffApi, withConfirmation } from './staff-api';
import type { Acknowledge } from './alarm-list';
import { SessionTile } from './tile';
import { TrendChart } from './trend-chart';
import { withGaps } from './trend-gaps';

/**
 * The session view: the tile at full width, the 30-minute oximetry chart and the cuff readings
 * (uPlot), the session's timeline, and the forms to bind a device, record a dose or an intervention
 * and end the session. Forms live in index.html; this wires them to the open session.
 */
export class SessionDetail {
  private readonly root = byId('detail');
  private readonly tileSlot = byId('detail-tile');
  private readonly timeline = byId<HTMLOListElement>('detail-timeline');
  private readonly title = byId('detail-title');
  private readonly chartSlot = byId('detail-charts');
  private readonly reportLink = byId<HTMLAnchorElement>('detail-report');
  private tile: SessionTile | undefined;
  private oximetryChart: TrendChart | undefined;
  private bloodPressureChart: TrendChart | undefined;
  private shownTimeline: unknown;
  private sessionId: string | undefined;

  constructor(private readonly acknowledgeIn: (sessionId: string) => Acknowledge) {
    const current = () => {
      if (!this.sessionId) throw new Error('no session is open');
      return this.sessionId;
    };
    handleForm(byId<HTMLFormElement>('form-bind'), async (f, key) => {
      await staffApi.bindDevice(current(), { deviceId: f.deviceId ?? '', deviceKind: f.deviceKind ?? '' }, key);
      return `Device ${f.deviceId} bound.`;
    });
    handleForm(byId<HTMLFormElement>('form-dose'), async (f, key) => {
      const administeredAt = f.administeredAt ? new Date(f.administeredAt).toISOString() : undefined;
      const body = { route: f.route ?? '', doseMg: Number(f.doseMg), ...(administeredAt ? { administeredAt } : {}), drug: f.drug || 'ketamine' };
      const sessionId = current();
      const answer = await withConfirmation((confirm) => staffApi.administerDose(sessionId, { ...body, ...(confirm ? { confirm } : {}) }, key), askReason);
      // Issue 16, item 4: recorded either way (the clinician decides), but a dose with no oximeter
      // watching is said out loud; a ketamine dose's safeguard findings likewise (issue 14).
      const monitoring = ((answer as { warnings?: { code: string; message: string }[] } | undefined)?.warnings ?? []).map((w) => w.message);
      const safeguards = warningsOf(answer);
      const recorded = `Dose of ${f.doseMg} mg recorded.${safeguards.length ? ` Warning: ${safeguards.join('; ')}.` : ''}`;
      return monitoring.length === 0 ? recorded : { message: `${recorded} WARNING: ${monitoring.join(' ')}`, warning: true };
    });
    handleForm(byId<HTMLFormElement>('form-intervention'), async (f, key) => {
      await staffApi.recordIntervention(current(), { text: f.text ?? '' }, key);
    });
    handleForm(byId<HTMLFormElement>('form-end'), async (f, key) => {
      if (!window.confirm('End this session? Its devices are released and its tile leaves the screen.')) throw new Error('cancelled');
      const sessionId = current();
      const result = await withConfirmation((confirm) => staffApi.endSession(sessionId, { ...(f.reason ? { reason: f.reason } : {}), ...(confirm ? { confirm } : {}) }, key), askReason);
      // Ketamine: the same checks as esketamine, recorded as warnings; say so before the view closes.
      const warnings = warningsOf(result);
      if (warnings.length) window.alert(`Session ended. Recorded with warnings:\n- ${warnings.join('\n- ')}`);
      location.hash = '';
    });
  }

  get openSessionId(): string | undefined {
    return this.sessionId;
  }

  open(sessionId: string): void {
    if (this.sessionId === sessionId) return;
    this.close();
    this.sessionId = sessionId;
    this.tile = new SessionTile(sessionId, this.acknowledgeIn(sessionId), () => undefined);
    this.tileSlot.replaceChildren(this.tile.element);
    this.reportLink.href = `/api/v1/sessions/${encodeURIComponent(sessionId)}/report.pdf`;
    this.oximetryChart = new TrendChart('Oximetry, last 30 minutes', [
      { label: 'SpO₂ %', scale: '%', color: '#5fb3c9', range: [80, 100] },
      { label: 'Pulse /min', scale: '/min', color: '#c9a25f', range: [40, 140] },
    ]);
    this.bloodPressureChart = new TrendChart(
      'Blood pressure (cuff readings)',
      [
        { label: 'Systolic mmHg', scale: 'mmHg', color: '#d98c8c', range: [60, 180], points: true },
        { label: 'Diastolic mmHg', scale: 'mmHg', color: '#8c9ed9', range: [60, 180], points: true },
      ],
      200,
    );
    this.chartSlot.replaceChildren(this.oximetryChart.element, this.bloodPressureChart.element);
    this.root.hidden = false;
    document.body.classList.add('detail-open');
  }

  close(): void {
    this.oximetryChart?.destroy();
    this.bloodPressureChart?.destroy();
    this.oximetryChart = this.bloodPressureChart = this.tile = undefined;
    this.sessionId = undefined;
    this.shownTimeline = undefined;
    this.root.hidden = true;
    document.body.classList.remove('detail-open');
  }

  update(view: SessionView | undefined, status: SessionStatus | undefined, now: number, readiness?: DischargeReadiness): void {
    if (!this.sessionId) return;
    if (!view || !status) {
      setText(this.title, 'This session is not active (it ended, or does not exist).');
      return;
    }
    setText(this.title, `${view.room} · ${view.patientPseudonym} · ${view.clinician} · started ${formatClock(view.startedAt)}`);
    this.tile?.update(view, status, now, readiness);
    this.oximetryChart?.update(view.trend, () => {
      const points = withGaps(view.trend);
      return [points.map(([t]) => t / 1000), points.map(([, s]) => s), points.map(([, , p]) => p)];
    });
    const history = view.bloodPressure.history;
    this.bloodPressureChart?.update(history, () => [history.map((r) => Date.parse(r.measuredAt) / 1000), history.map((r) => r.systolic), history.map((r) => r.diastolic)]);
    if (this.shownTimeline !== view.timeline) {
      this.shownTimeline = view.timeline;
      this.timeline.replaceChildren(
        ...[...view.timeline].reverse().map((entry) =>
          el('li', { class: `timeline-entry timeline-${entry.type}` }, el('time', { text: formatClock(entry.at), attrs: { datetime: entry.at } }), el('span', { text: entry.text })),
        ),
      );
    }
  }
}

/** The confirmation a REMS safeguard asks for: what is missing, and the clinician's reason to proceed. */
function askReason(missing: string[]): string | null {
  return window.prompt(`Missing:\n- ${missing.join('\n- ')}\n\nTo proceed anyway, give the reason (it is recorded with the command and printed in the report):`);
}

/** The `warnings` a command's recorded events carry (a REMS safeguard's findings for a ketamine session). */
function warningsOf(result: unknown): string[] {
  const events = (result as { events?: { data?: { warnings?: unknown } }[] } | undefined)?.events ?? [];
  return events.flatMap((event) => (Array.isArray(event.data?.warnings) ? event.data.warnings.map(String) : []));
}
