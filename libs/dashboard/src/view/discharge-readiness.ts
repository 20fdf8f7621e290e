// Pure modules by relative path: this file is bundled into the page (see session-status.ts).
import { compare } from '../../../rules/src/comparison';
import type { Comparison } from '../../../rules/src/rule-set';
import type { Drug } from '../../../domain/src/drug';
import type { SessionView } from '../protocol';

// Discharge readiness (issue 14; docs/clinical-documentation.md "Discharge readiness"): a prompt for
// the clinician's discharge review, never a discharge. Computed on the page from the view and the
// server's clock, like the phase, with the rule set's policy served at /api/v1/dashboard/discharge-policy.

export type ReadinessPolicy = {
  observationMinutes: Readonly<Record<Drug, number>>;
  stableMinutes: number;
  nearBaseline: { systolic: number; diastolic: number; spo2: number; pulseRate: number };
  bloodPressureMaxAgeMinutes: number;
  /** The post-dose blood-pressure check window, minutes after the latest dose (the bp-check-due rule's). */
  checkWindow: { startMinutes: number; endMinutes: number };
  /** The rule set's threshold limits that apply after the dose. */
  thresholds: readonly { measure: 'spo2' | 'pulseRate' | 'systolic' | 'diastolic'; op: Comparison; value: number }[];
};

export type BloodPressureCheck = { state: 'done'; at: string } | { state: 'not yet due' | 'due' | 'missed' };

export type DischargeReadiness = {
  drug: Drug;
  minutesSinceDose: number;
  observationMinutes: number;
  /** 0 once the observation minimum has passed. */
  minutesUntilMinimum: number;
  bloodPressureCheck: BloodPressureCheck;
  ready: boolean;
  /** What keeps it from being ready, in words; empty when ready. */
  waitingFor: string[];
};

const MINUTE = 60_000;
/** Oximetry counts as continuous when no two valid readings are further apart than this. */
const MAX_OXIMETRY_GAP_MS = 30_000;

const breaches = (policy: ReadinessPolicy, measure: ReadinessPolicy['thresholds'][number]['measure'], value: number) =>
  policy.thresholds.some((limit) => limit.measure === measure && compare(value, limit.op, limit.value));

/** SpO2 may not have fallen further than the margin below baseline (a higher SpO2 is no concern); pulse is held either way. */
const nearOximetryBaseline = (policy: ReadinessPolicy, baseline: { spo2: number; pulseRate: number }, spo2: number, pulse: number): boolean =>
  baseline.spo2 - spo2 <= policy.nearBaseline.spo2 && Math.abs(pulse - baseline.pulseRate) <= policy.nearBaseline.pulseRate;

/** Undefined before the first dose: there is nothing to wait for yet. */
export function dischargeReadinessAt(view: SessionView, policy: ReadinessPolicy, now: number): DischargeReadiness | undefined {
  if (view.doses.length === 0) return undefined;
  const doseTimes = view.doses.map((dose) => Date.parse(dose.administeredAt));
  const latestDose = Math.max(...doseTimes);
  const firstDose = Math.min(...doseTimes);
  const drug: Drug = view.doses.some((dose) => dose.drug === 'esketamine') ? 'esketamine' : 'ketamine';
  const observationMinutes = policy.observationMinutes[drug];
  const minutesSinceDose = Math.max(0, (now - latestDose) / MINUTE);
  const minutesUntilMinimum = Math.max(0, observationMinutes - minutesSinceDose);
  const waitingFor: string[] = [];
  if (minutesUntilMinimum > 0) waitingFor.push(`observation minimum (${observationMinutes} min)`);
  if (view.alarms.length > 0) waitingFor.push('no active alarm');

  const windowStart = now - policy.stableMinutes * MINUTE;
  // Oximetry: continuous through the window, every valid reading within the thresholds.
  const valid = view.trend.filter(([t, spo2, pulse]) => spo2 !== null && pulse !== null && t >= windowStart - MAX_OXIMETRY_GAP_MS && t <= now);
  const reachesBack = valid.length > 0 && valid[0]![0] <= windowStart + MAX_OXIMETRY_GAP_MS;
  const current = valid.length > 0 && now - valid[valid.length - 1]![0] <= MAX_OXIMETRY_GAP_MS;
  const continuous = valid.every(([t], i) => i === 0 || t - valid[i - 1]![0] <= MAX_OXIMETRY_GAP_MS);
  if (!reachesBack || !current || !continuous) waitingFor.push(`continuous oximetry for ${policy.stableMinutes} min`);
  else if (valid.some(([t, spo2, pulse]) => t >= windowStart && (breaches(policy, 'spo2', spo2!) || breaches(policy, 'pulseRate', pulse!)))) {
    waitingFor.push(`SpO2 and pulse within the thresholds for ${policy.stableMinutes} min`);
  } else if (view.oximetryBaseline && valid.some(([t, spo2, pulse]) => t >= windowStart && !nearOximetryBaseline(policy, view.oximetryBaseline!, spo2!, pulse!))) {
    const near = policy.nearBaseline;
    waitingFor.push(`SpO2 and pulse near baseline (SpO2 at most ${near.spo2} % below, pulse within ±${near.pulseRate}/min) for ${policy.stableMinutes} min`);
  }

  // Blood pressure: a recent post-dose reading; it and every reading in the window within the thresholds and near baseline.
  const history = view.bloodPressure.history.filter((r) => Date.parse(r.measuredAt) >= firstDose);
  const latest = history[history.length - 1];
  const baseline = view.bloodPressure.baseline;
  if (!latest || now - Date.parse(latest.measuredAt) > policy.bloodPressureMaxAgeMinutes * MINUTE) {
    waitingFor.push(`a blood pressure in the last ${policy.bloodPressureMaxAgeMinutes} min`);
  } else if (!baseline) {
    waitingFor.push('a pre-dose blood pressure baseline');
  } else {
    const judged = history.filter((r) => Date.parse(r.measuredAt) >= windowStart || r === latest);
    const off = judged.some(
      (r) =>
        breaches(policy, 'systolic', r.systolic) ||
        breaches(policy, 'diastolic', r.diastolic) ||
        Math.abs(r.systolic - baseline.systolic) > policy.nearBaseline.systolic ||
        Math.abs(r.diastolic - baseline.diastolic) > policy.nearBaseline.diastolic,
    );
    if (off) waitingFor.push(`blood pressure near baseline (±${policy.nearBaseline.systolic}/${policy.nearBaseline.diastolic})`);
  }

  return {
    drug,
    minutesSinceDose,
    observationMinutes,
    minutesUntilMinimum,
    bloodPressureCheck: bloodPressureCheckOf(view, policy, latestDose, now),
    ready: waitingFor.length === 0,
    waitingFor,
  };
}

function bloodPressureCheckOf(view: SessionView, policy: ReadinessPolicy, latestDose: number, now: number): BloodPressureCheck {
  const from = latestDose + policy.checkWindow.startMinutes * MINUTE;
  const to = latestDose + policy.checkWindow.endMinutes * MINUTE;
  const done = view.bloodPressure.history.find((r) => Date.parse(r.measuredAt) >= from && Date.parse(r.measuredAt) <= to);
  if (done) return { state: 'done', at: done.measuredAt };
  return { state: now < from ? 'not yet due' : now <= to ? 'due' : 'missed' };
}
