import type { RuleSet } from '@vigil/rules';
import { breachesOf, OXIMETRY_HOLD_MS, type Baseline } from './vitals';
import type { AlarmRecord, BloodPressureRecord, SessionRecord } from './session-record';
import { between, coveredMs, statOf } from './stats';

// The fields of the Spravato REMS Patient Monitoring Form the record can answer
// (docs/clinical-documentation.md "REMS monitoring form", which cites each field's source).
// Fields that need the clinician's judgement are not here: the renderer leaves them blank.

const MS_PER_MINUTE = 60_000;
/** "About 40 minutes after": the bp-check-due rule's window when the rule set has one, else 35–45 min. */
const DEFAULT_CHECK_WINDOW = { windowStartMinutes: 35, windowEndMinutes: 45 };
const POST_DOSE_TARGET_MINUTES = 40;

export type BloodPressureField =
  | { recorded: true; systolic: number; diastolic: number; measuredAt: string; minutesFromDose: number }
  | { recorded: false; why: string };

export type AcceptableRangeField =
  | { answer: 'yes'; basis: string }
  | { answer: 'no'; basis: string; outside: string[] }
  | { answer: 'not recorded'; why: string };

export type RemsForm = {
  firstDoseAt: string;
  latestDoseAt: string;
  bloodPressure: { beforeAdministration: BloodPressureField; about40MinutesAfter: BloodPressureField; beforeEnd: BloodPressureField };
  vitalsAcceptable: { beforeAdministration: AcceptableRangeField; atCompletion: AcceptableRangeField };
  pulseOximetry: { monitored: boolean; validFraction: number; from: string; to: string };
  totalMonitoring: { minutes: number; from: string; to: string; minimumMinutes: number; underMinimum: boolean; sessionEnded: boolean };
  /** Alarms bearing on respiratory depression (SpO2, oximeter signal) and the other physiological alarms. */
  alarms: { respiratory: AlarmRecord[]; haemodynamic: AlarmRecord[] };
  /** Fields above answered "not recorded" or flagged, by name (while active, only those already due): the day overview lists them. */
  missing: string[];
};

const bpField = (reading: BloodPressureRecord | undefined, doseMs: number, why: string): BloodPressureField =>
  reading
    ? { recorded: true, systolic: reading.systolic, diastolic: reading.diastolic, measuredAt: reading.measuredAt, minutesFromDose: (reading.t - doseMs) / MS_PER_MINUTE }
    : { recorded: false, why };

export function remsFormOf(record: SessionRecord, ruleSet: RuleSet, until: number, baseline: Baseline): RemsForm | undefined {
  const first = record.doses[0];
  const latest = record.doses[record.doses.length - 1];
  if (!first || !latest) return undefined;
  const firstMs = Date.parse(first.administeredAt);
  const latestMs = Date.parse(latest.administeredAt);
  const ended = record.ended !== undefined;
  const policy = ruleSet.discharge;

  const before = [...record.bloodPressure].reverse().find((r) => r.t <= firstMs);
  const window = ruleSet.rules.map((rule) => rule.condition).find((c) => c.type === 'checkDue') ?? DEFAULT_CHECK_WINDOW;
  const target = latestMs + POST_DOSE_TARGET_MINUTES * MS_PER_MINUTE;
  const after40 = record.bloodPressure
    .filter((r) => r.t >= latestMs + window.windowStartMinutes * MS_PER_MINUTE && r.t <= latestMs + window.windowEndMinutes * MS_PER_MINUTE)
    .sort((a, b) => Math.abs(a.t - target) - Math.abs(b.t - target))[0];
  const maxAge = policy.bloodPressureMaxAgeMinutes * MS_PER_MINUTE;
  const beforeEnd = ended ? [...record.bloodPressure].reverse().find((r) => r.t <= until && r.t > latestMs && until - r.t <= maxAge) : undefined;

  const bloodPressure = {
    beforeAdministration: bpField(before, firstMs, 'no blood pressure measured before the first dose'),
    about40MinutesAfter: bpField(after40, latestMs, `no blood pressure between ${window.windowStartMinutes} and ${window.windowEndMinutes} min after the dose`),
    beforeEnd: ended
      ? bpField(beforeEnd, latestMs, `no blood pressure in the ${policy.bloodPressureMaxAgeMinutes} min before the end`)
      : ({ recorded: false, why: 'the session has not ended' } as const),
  };

  const valid = record.oximetry.filter((r) => r.valid);
  const oximetryMedian = (from: number, to: number) => {
    const ox = between(valid, from, to);
    return { spo2: statOf(ox.map((r) => r.spo2!))?.median, pulseRate: statOf(ox.map((r) => r.pulseRate!))?.median };
  };
  const beforeValues = { ...oximetryMedian(firstMs - 5 * MS_PER_MINUTE, firstMs), systolic: baseline.systolic, diastolic: baseline.diastolic };
  const endValues = { ...oximetryMedian(until - 5 * MS_PER_MINUTE, until + 1), systolic: beforeEnd?.systolic, diastolic: beforeEnd?.diastolic };
  const vitalsAcceptable = {
    beforeAdministration: acceptable(ruleSet, before ? beforeValues : undefined, 'pre-dose', 'blood pressure before the dose', 'median SpO2 and pulse of the 5 min before the dose'),
    atCompletion: !ended
      ? ({ answer: 'not recorded', why: 'the session has not ended' } as const)
      : acceptable(ruleSet, beforeEnd ? endValues : undefined, 'post-dose', `blood pressure in the ${policy.bloodPressureMaxAgeMinutes} min before the end`, 'median SpO2 and pulse of the last 5 min'),
  };

  const start = Date.parse(record.startedAt);
  const validFraction = until > start ? coveredMs(valid.map((r) => r.t), start, until, OXIMETRY_HOLD_MS) / (until - start) : 0;
  const minutes = (until - firstMs) / MS_PER_MINUTE;
  const minimumMinutes = policy.observationMinutes.esketamine;
  const totalMonitoring = {
    minutes,
    from: first.administeredAt,
    to: new Date(until).toISOString(),
    minimumMinutes,
    underMinimum: minutes < minimumMinutes,
    sessionEnded: ended,
  };

  const respiratoryRules = new Set(
    ruleSet.rules
      .filter((rule) => rule.condition.type === 'signalLost' || (rule.condition.type === 'threshold' && rule.condition.anyOf.some((l) => l.measure === 'spo2')))
      .map((rule) => rule.id),
  );
  const postDose = record.alarms.filter((a) => Date.parse(a.raisedAt) >= firstMs || a.clearedAt === undefined || Date.parse(a.clearedAt) >= firstMs);
  const alarms = {
    respiratory: postDose.filter((a) => respiratoryRules.has(a.ruleId)),
    haemodynamic: postDose.filter((a) => !respiratoryRules.has(a.ruleId) && a.kind === 'physiological'),
  };

  // While the session is active, what belongs to its end (or to a check window not yet over) is not missing yet.
  const checkOver = until > latestMs + window.windowEndMinutes * MS_PER_MINUTE;
  const missing: string[] = [];
  if (!bloodPressure.beforeAdministration.recorded) missing.push('BP before administration');
  if (!bloodPressure.about40MinutesAfter.recorded && (ended || checkOver)) missing.push('BP about 40 min after');
  if (ended && !bloodPressure.beforeEnd.recorded) missing.push('BP before the end');
  if (vitalsAcceptable.beforeAdministration.answer === 'not recorded') missing.push('vitals acceptable before administration');
  if (ended && vitalsAcceptable.atCompletion.answer === 'not recorded') missing.push('vitals acceptable at completion');
  if (validFraction === 0) missing.push('pulse oximetry');
  if (ended && totalMonitoring.underMinimum) missing.push(`monitoring under ${formatHours(minimumMinutes)}`);

  return {
    firstDoseAt: first.administeredAt,
    latestDoseAt: latest.administeredAt,
    bloodPressure,
    vitalsAcceptable,
    pulseOximetry: { monitored: validFraction > 0, validFraction, from: record.startedAt, to: new Date(until).toISOString() },
    totalMonitoring,
    alarms,
    missing,
  };
}

function acceptable(
  ruleSet: RuleSet,
  values: { spo2?: number | undefined; pulseRate?: number | undefined; systolic?: number | undefined; diastolic?: number | undefined } | undefined,
  when: 'pre-dose' | 'post-dose',
  bpBasis: string,
  oxBasis: string,
): AcceptableRangeField {
  if (!values) return { answer: 'not recorded', why: `no ${bpBasis}` };
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, number>;
  const basis = `${bpBasis}${values.spo2 !== undefined ? `; ${oxBasis}` : '; no oximetry'}, against ${ruleSet.name}@${ruleSet.version}`;
  const outside = breachesOf(ruleSet, defined, when);
  return outside.length === 0 ? { answer: 'yes', basis } : { answer: 'no', basis, outside };
}

const formatHours = (minutes: number): string => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);
