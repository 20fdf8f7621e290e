import { phaseWindow, sessionDrug, type Drug, type SessionPhase } from '@vigil/domain';
import type { RuleSet } from '@vigil/rules';
import { remsFormOf, type RemsForm } from './rems-form';
import { sessionRecordOf, type AlarmRecord, type DoseRecord, type InterventionRecord, type ReportEvent, type SessionRecord } from './session-record';
import { between, coveredMs, statOf, type Stat } from './stats';
import { OXIMETRY_HOLD_MS, type Baseline } from './vitals';

export type { Baseline } from './vitals';

// The facts of a session report (docs/clinical-documentation.md "The session report"), computed
// from the session's stored events alone. Pure: the generation time comes in; no clock, no I/O.

export const FLOW_SHEET_MINUTES = 5;
const MS_PER_MINUTE = 60_000;

export type ReportVerification =
  /** Each of the session's streams with its head hash (docs/streams.md): what `vigil verify` matches. */
  | { ok: true; events: number; heads: { stream: string; events: number; lastHash: string | null }[] }
  | { ok: false; stream: string; revision: number; reason: string };

export type ReportInput = {
  events: readonly ReportEvent[];
  ruleSet: RuleSet;
  clinicName: string;
  /** When the report is generated (ISO 8601); an active session is reported up to this time. */
  generatedAt: string;
  verification: ReportVerification;
};

export type PhaseSpan = { phase: SessionPhase; from: number; to: number };
export type FlowSheetRow = {
  from: number;
  to: number;
  phase: SessionPhase;
  spo2?: Stat;
  pulseRate?: Stat;
  systolic?: Stat;
  diastolic?: Stat;
  /** Seconds of the interval without a valid oximetry reading. */
  gapSeconds: number;
};
export type BaselineChange = { measure: 'spo2' | 'pulseRate' | 'systolic' | 'diastolic'; baseline: number; value: number; change: number; at: number };
export type CommandNote = { command: 'dose' | 'end'; at: string; by: string; kind: 'confirmed' | 'warning'; reason?: string; missing: string[] };

export type SessionReport = {
  clinicName: string;
  generatedAt: string;
  ruleSetVersion: string;
  sessionId: string;
  room: string;
  patientPseudonym: string;
  clinician: string;
  drug: Drug;
  startedAt: string;
  /** The end of the report's time axis: the session's end, or the generation time while active. */
  until: string;
  ended?: SessionRecord['ended'];
  monitoredMinutes: number;
  doses: DoseRecord[];
  phases: PhaseSpan[];
  series: {
    oximetry: { t: number; spo2: number | null; pulseRate: number | null }[];
    bloodPressure: { t: number; systolic: number; diastolic: number }[];
  };
  flowSheet: FlowSheetRow[];
  alarms: AlarmRecord[];
  interventions: InterventionRecord[];
  baseline: Baseline;
  largestChanges: BaselineChange[];
  notes: CommandNote[];
  rems?: RemsForm;
  verification: ReportVerification & { checkpoint: null };
};

export function buildSessionReport(input: ReportInput): SessionReport {
  const record = sessionRecordOf(input.events);
  const start = Date.parse(record.startedAt);
  const until = record.ended ? Date.parse(record.ended.at) : Math.max(start, Date.parse(input.generatedAt));
  const drug = sessionDrug(record.doses);
  const baseline = baselineOf(record);
  return {
    clinicName: input.clinicName,
    generatedAt: input.generatedAt,
    ruleSetVersion: `${input.ruleSet.name}@${input.ruleSet.version}`,
    sessionId: record.sessionId,
    room: record.room,
    patientPseudonym: record.patientPseudonym,
    clinician: record.clinician,
    drug,
    startedAt: record.startedAt,
    until: new Date(until).toISOString(),
    ...(record.ended ? { ended: record.ended } : {}),
    monitoredMinutes: (until - start) / MS_PER_MINUTE,
    doses: record.doses,
    phases: phaseSpans(record, start, until),
    series: {
      oximetry: record.oximetry.map(({ t, spo2, pulseRate, valid }) => ({ t, spo2: valid ? spo2 : null, pulseRate: valid ? pulseRate : null })),
      bloodPressure: record.bloodPressure.map(({ t, systolic, diastolic }) => ({ t, systolic, diastolic })),
    },
    flowSheet: flowSheetOf(record, start, until),
    alarms: record.alarms,
    interventions: record.interventions,
    baseline,
    largestChanges: largestChanges(record, baseline),
    notes: commandNotes(record),
    ...(drug === 'esketamine' ? { rems: remsFormOf(record, input.ruleSet, until, baseline) } : {}),
    verification: { ...input.verification, checkpoint: null },
  };
}

/** Pre-dose, then for each dose onset, dissociative and recovery, cut short by the next dose; clipped to the session. */
export function phaseSpans(record: Pick<SessionRecord, 'doses'>, start: number, until: number): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  const push = (phase: SessionPhase, from: number, to: number) => {
    const a = Math.max(from, start);
    const b = Math.min(to, until);
    if (b > a) spans.push({ phase, from: a, to: b });
  };
  const doses = record.doses;
  push('pre-dose', start, doses[0] ? Date.parse(doses[0].administeredAt) : until);
  doses.forEach((dose, i) => {
    const next = doses[i + 1] ? Date.parse(doses[i + 1]!.administeredAt) : until;
    const window = phaseWindow(dose);
    const onset = Date.parse(window.onsetFrom);
    const dissociative = Date.parse(window.dissociativeFrom);
    const recovery = Date.parse(window.recoveryFrom);
    push('onset', onset, Math.min(dissociative, next));
    push('dissociative', dissociative, Math.min(recovery, next));
    push('recovery', recovery, next);
  });
  return spans;
}

/** The phase at a time, from the spans `phaseSpans` computed (the session's phase at that moment). */
export const phaseAtMs = (spans: readonly PhaseSpan[], t: number): SessionPhase =>
  [...spans].reverse().find((span) => span.from <= t)?.phase ?? 'pre-dose';

/** Five-minute rows from the session's start: the median, min and max of the readings in each, and the gap without valid oximetry. */
export function flowSheetOf(record: SessionRecord, start: number, until: number): FlowSheetRow[] {
  const spans = phaseSpans(record, start, until);
  const valid = record.oximetry.filter((r) => r.valid);
  const validTimes = valid.map((r) => r.t);
  const rows: FlowSheetRow[] = [];
  const step = FLOW_SHEET_MINUTES * MS_PER_MINUTE;
  for (let from = start; from < until; from += step) {
    const to = Math.min(from + step, until);
    const ox = between(valid, from, to);
    const bp = between(record.bloodPressure, from, to);
    const spo2 = statOf(ox.map((r) => r.spo2!));
    const pulseRate = statOf(ox.map((r) => r.pulseRate!));
    const systolic = statOf(bp.map((r) => r.systolic));
    const diastolic = statOf(bp.map((r) => r.diastolic));
    rows.push({
      from,
      to,
      phase: phaseAtMs(spans, from),
      ...(spo2 ? { spo2 } : {}),
      ...(pulseRate ? { pulseRate } : {}),
      ...(systolic ? { systolic } : {}),
      ...(diastolic ? { diastolic } : {}),
      gapSeconds: Math.round((to - from - coveredMs(validTimes, from, to, OXIMETRY_HOLD_MS)) / 1000),
    });
  }
  return rows;
}

/**
 * The pre-dose baseline: the last blood pressure measured before the first dose (as the alarm
 * engine's bp-rise rule takes it) and the median of valid oximetry in the 5 minutes before it.
 */
export function baselineOf(record: SessionRecord): Baseline {
  const first = record.doses[0];
  if (!first) return {};
  const doseMs = Date.parse(first.administeredAt);
  const bp = [...record.bloodPressure].reverse().find((r) => r.t < doseMs);
  const ox = between(
    record.oximetry.filter((r) => r.valid),
    doseMs - 5 * MS_PER_MINUTE,
    doseMs,
  );
  const spo2 = statOf(ox.map((r) => r.spo2!));
  const pulseRate = statOf(ox.map((r) => r.pulseRate!));
  return {
    at: first.administeredAt,
    ...(spo2 ? { spo2: spo2.median } : {}),
    ...(pulseRate ? { pulseRate: pulseRate.median } : {}),
    ...(bp ? { systolic: bp.systolic, diastolic: bp.diastolic, bloodPressureAt: bp.measuredAt } : {}),
  };
}

/** After the first dose: the largest rise of blood pressure and pulse rate and the largest fall of SpO2 from baseline. */
export function largestChanges(record: SessionRecord, baseline: Baseline): BaselineChange[] {
  const first = record.doses[0];
  if (!first) return [];
  const doseMs = Date.parse(first.administeredAt);
  const changes: BaselineChange[] = [];
  const extreme = (measure: BaselineChange['measure'], readings: { t: number; value: number }[], direction: 1 | -1) => {
    const base = baseline[measure];
    if (base === undefined) return;
    let best: { t: number; value: number } | undefined;
    for (const r of readings) if (r.t >= doseMs && (!best || direction * (r.value - best.value) > 0)) best = r;
    if (best) changes.push({ measure, baseline: base, value: best.value, change: best.value - base, at: best.t });
  };
  const ox = record.oximetry.filter((r) => r.valid);
  extreme('systolic', record.bloodPressure.map((r) => ({ t: r.t, value: r.systolic })), 1);
  extreme('diastolic', record.bloodPressure.map((r) => ({ t: r.t, value: r.diastolic })), 1);
  extreme('pulseRate', ox.map((r) => ({ t: r.t, value: r.pulseRate! })), 1);
  extreme('spo2', ox.map((r) => ({ t: r.t, value: r.spo2! })), -1);
  return changes;
}

function commandNotes(record: SessionRecord): CommandNote[] {
  const notes: CommandNote[] = [];
  for (const dose of record.doses) {
    if (dose.confirmation) notes.push({ command: 'dose', at: dose.administeredAt, by: dose.by, kind: 'confirmed', reason: dose.confirmation.reason, missing: dose.confirmation.missing });
    if (dose.warnings) notes.push({ command: 'dose', at: dose.administeredAt, by: dose.by, kind: 'warning', missing: dose.warnings });
  }
  const end = record.ended;
  if (end?.confirmation) notes.push({ command: 'end', at: end.at, by: end.by, kind: 'confirmed', reason: end.confirmation.reason, missing: end.confirmation.missing });
  if (end?.warnings) notes.push({ command: 'end', at: end.at, by: end.by, kind: 'warning', missing: end.warnings });
  return notes;
}
