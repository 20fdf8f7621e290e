import type { SessionReport } from '../../../report/src/model/session-report';
import type { TrendPoint } from '../protocol';
import { recordTimeline } from '../view/record-timeline';
import { byId, el, setText } from './dom';
import { formatClock } from './format';
import type { TrendChart } from './trend-chart';
import { withGaps } from './trend-gaps';

/**
 * An ended session in the session view, read-only: its whole record as the report reads it
 * (GET /api/v1/sessions/:id/record), with the charts over the whole session, every alarm with its
 * acknowledgement, and the timeline. No forms: the record is closed.
 */
export function renderSessionRecord(record: SessionReport, charts: { oximetry?: TrendChart; bloodPressure?: TrendChart }, timeline: HTMLOListElement): void {
  const ended = record.ended ? `ended ${formatClock(record.ended.at)} by ${record.ended.by}` : 'not ended';
  setText(byId('detail-title'), `${record.room} · ${record.patientPseudonym} · ${record.clinician} · started ${new Date(record.startedAt).toLocaleString()} · ${ended}`);
  const banner = byId('detail-readonly');
  setText(banner, `Ended session — read-only record (${record.alarms.length} alarms, ${record.interventions.length} interventions, ${record.doses.length} doses).`);
  banner.hidden = false;

  const oximetry: TrendPoint[] = record.series.oximetry.map((p) => [p.t, p.spo2, p.pulseRate]);
  charts.oximetry?.update(record, () => {
    const points = withGaps(oximetry);
    return [points.map(([t]) => t / 1000), points.map(([, s]) => s), points.map(([, , p]) => p)];
  });
  const bp = record.series.bloodPressure;
  charts.bloodPressure?.update(record, () => [bp.map((r) => r.t / 1000), bp.map((r) => r.systolic), bp.map((r) => r.diastolic)]);

  const alarms = byId('detail-alarms');
  alarms.hidden = false;
  byId('detail-alarm-rows').replaceChildren(
    ...record.alarms.map((alarm) =>
      el(
        'tr',
        { attrs: { 'data-alert-id': alarm.alertId, 'data-priority': alarm.escalatedTo ?? alarm.priority } },
        el('td', { text: (alarm.escalatedTo ?? alarm.priority).toUpperCase() }),
        el('td', { text: alarm.title || alarm.ruleId }),
        el('td', { text: formatClock(alarm.raisedAt) }),
        el('td', { class: 'record-ack', text: alarm.acknowledgedAt ? `${formatClock(alarm.acknowledgedAt)} by ${alarm.acknowledgedBy ?? 'unknown'}` : 'not acknowledged' }),
        el('td', { text: alarm.clearedAt ? formatClock(alarm.clearedAt) : '—' }),
      ),
    ),
  );
  timeline.replaceChildren(
    ...recordTimeline(record)
      .reverse()
      .map((entry) => el('li', { class: `timeline-entry timeline-${entry.kind}` }, el('time', { text: formatClock(entry.at), attrs: { datetime: entry.at } }), el('span', { text: entry.text }))),
  );
}
