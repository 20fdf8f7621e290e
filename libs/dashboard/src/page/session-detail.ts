import type { SessionView } from '../protocol';
import type { SessionStatus } from '../view/session-status';
import type { DischargeReadiness } from '../view/discharge-readiness';
import { byId, el, setText } from './dom';
import { chartWindow, LIVE_CHART_WINDOW_MS } from '../view/chart-window';
import { formatClock } from './format';
import { recordApi } from './record-api';
import { renderSessionRecord } from './session-record-view';
import { SessionPlayback, type PlaybackFrame } from './session-playback';
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
  /** The charts' time axis: the session's start, and now (live) or its end (a record). */
  private axis = { startMs: 0, endMs: 0, live: true };
  /**
   * 'loading' or 'shown' once an ended session's record was asked for; 'waiting-live' when the
   * record says the session is still active: one just started, not yet on this page's wall.
   */
  private record: 'loading' | 'shown' | 'waiting-live' | undefined;
  private readonly playback = new SessionPlayback((frame) => this.showPlaybackFrame(frame));

  /** `canPlayBack`: the signed-in account may play records back (an auditor; issue 13). */
  constructor(
    private readonly acknowledgeIn: (sessionId: string) => Acknowledge,
    private readonly canPlayBack: () => boolean = () => false,
  ) {
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
    this.oximetryChart = new TrendChart(
      'Oximetry',
      [
        { label: 'SpO₂ %', scale: '%', color: '#5fb3c9', range: [80, 100] },
        { label: 'Pulse /min', scale: '/min', color: '#c9a25f', range: [40, 140] },
      ],
      260,
      () => chartWindow(this.axis.startMs, this.axis.endMs, LIVE_CHART_WINDOW_MS, this.axis.live ? LIVE_CHART_WINDOW_MS : Infinity),
    );
    this.bloodPressureChart = new TrendChart(
      'Blood pressure (cuff readings)',
      [
        { label: 'Systolic mmHg', scale: 'mmHg', color: '#d98c8c', range: [60, 180], points: true },
        { label: 'Diastolic mmHg', scale: 'mmHg', color: '#8c9ed9', range: [60, 180], points: true },
      ],
      200,
      () => chartWindow(this.axis.startMs, this.axis.endMs, LIVE_CHART_WINDOW_MS),
    );
    this.chartSlot.replaceChildren(this.oximetryChart.element, this.bloodPressureChart.element);
    this.root.hidden = false;
    document.body.classList.add('detail-open');
  }

  close(): void {
    this.playback.close();
    this.root.classList.remove('detail-playback');
    this.oximetryChart?.destroy();
    this.bloodPressureChart?.destroy();
    this.oximetryChart = this.bloodPressureChart = this.tile = undefined;
    this.sessionId = undefined;
    this.shownTimeline = undefined;
    this.record = undefined;
    this.setReadOnly(false);
    this.root.hidden = true;
    document.body.classList.remove('detail-open');
  }

  /** `stateKnown`: the page holds the server's current state, so a session missing from it is not active. */
  update(view: SessionView | undefined, status: SessionStatus | undefined, now: number, readiness?: DischargeReadiness, stateKnown = true): void {
    if (!this.sessionId) return;
    if (!view || !status) {
      if (stateKnown && this.record === undefined) void this.showRecord(this.sessionId);
      return;
    }
    if (this.record === 'loading' || this.record === 'shown') return; // opened as a record (ended): stays read-only
    if (this.record === 'waiting-live') this.record = undefined;
    setText(this.title, `${view.room} · ${view.patientPseudonym} · ${view.clinician} · started ${formatClock(view.startedAt)}`);
    this.showView(view, status, now, readiness);
  }

  /** The tile, the last 30 minutes' charts and the timeline of a view as the wall holds it at `now`. */
  private showView(view: SessionView, status: SessionStatus, now: number, readiness?: DischargeReadiness): void {
    this.axis = { startMs: Date.parse(view.startedAt), endMs: now, live: true };
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

  private async showRecord(sessionId: string): Promise<void> {
    this.record = 'loading';
    this.setReadOnly(true);
    setText(this.title, 'Loading the session record…');
    try {
      const record = await recordApi.record(sessionId);
      if (this.sessionId !== sessionId) return;
      if (!record.ended) {
        // Active but not on the wall yet (the projection is a moment behind the command): not a
        // record to lock read-only; the live view takes over when it arrives.
        this.record = 'waiting-live';
        this.setReadOnly(false);
        setText(this.title, 'Waiting for the live view of this session…');
        return;
      }
      this.axis = { startMs: Date.parse(record.startedAt), endMs: Date.parse(record.until), live: false };
      renderSessionRecord(record, { oximetry: this.oximetryChart, bloodPressure: this.bloodPressureChart }, this.timeline);
      this.record = 'shown';
      if (this.canPlayBack()) {
        this.root.classList.add('detail-playback');
        void this.playback.open(sessionId);
      }
    } catch (error) {
      if (this.sessionId === sessionId) setText(this.title, `This session cannot be shown: ${(error as Error).message}`);
    }
  }

  /**
   * A playback moment replaces the whole-record charts and timeline with the wall's view then
   * (session-playback.ts); before the start and after the end the wall showed no tile.
   */
  private showPlaybackFrame({ atMs, view, status }: PlaybackFrame): void {
    this.tileSlot.hidden = view === undefined;
    if (view && status) this.showView(view, status, atMs);
  }

  /** An ended session has no live tile and takes no commands. */
  private setReadOnly(readOnly: boolean): void {
    this.root.classList.toggle('detail-readonly', readOnly);
    if (!readOnly) {
      byId('detail-readonly').hidden = true;
      byId('detail-alarms').hidden = true;
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
