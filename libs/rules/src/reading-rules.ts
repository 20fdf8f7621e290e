import { conditionResolved } from './alarm-lifecycle';
import type { EvaluationContext, SessionState } from './engine-state';
import { SECOND_MS } from './instant';
import { MEASURE_READING, MEASURE_UNIT, type ReadingType } from './measures';
import { type ReadingData, validValue, validValues } from './reading-values';
import type { BaselineRiseCondition, Rule, RuleScope, ThresholdCondition } from './rule-set';
import { compare } from './comparison';
import { oximeterHeardFrom } from './no-data';
import { type Verdict, advanceRun } from './run-rule';

const inScope = (scope: RuleScope, session: SessionState): boolean =>
  scope === 'whole-session' || (scope === 'pre-dose') === (session.doses.length === 0);

/** The first limit that holds names the trigger; undefined when the reading is invalid for the rule. */
function thresholdVerdict(ctx: EvaluationContext, condition: ThresholdCondition, data: ReadingData): Verdict | undefined {
  const values = validValues(
    data,
    condition.anyOf.map((limit) => limit.measure),
  );
  if (values === undefined) return undefined;
  const steps = ctx.ruleSet.alarmPolicy.maxStepPerSecond;
  const plausibility = steps === undefined ? {} : { values, maxStepPerSecond: condition.anyOf.map((limit) => steps[limit.measure]) };
  for (let i = 0; i < condition.anyOf.length; i++) {
    const limit = condition.anyOf[i]!;
    const value = values[i]!;
    if (compare(value, limit.op, limit.value)) {
      return { breach: { measure: limit.measure, comparison: limit.op, value, threshold: limit.value, unit: MEASURE_UNIT[limit.measure] }, ...plausibility };
    }
  }
  return { breach: undefined, ...plausibility };
}

// Issue: bp-rise compares post-dose readings with the pre-dose baseline; without a baseline there
// is nothing to rise from, so the rule stays silent (the reading is invalid for it).
function baselineRiseVerdict(condition: BaselineRiseCondition, session: SessionState, data: ReadingData): Verdict | undefined {
  const baseline = session.baseline;
  if (session.doses.length === 0 || baseline === undefined) return undefined;
  const values = validValues(
    data,
    condition.anyOf.map((limit) => limit.measure),
  );
  if (values === undefined) return undefined;
  for (let i = 0; i < condition.anyOf.length; i++) {
    const limit = condition.anyOf[i]!;
    const value = values[i]!;
    const threshold = baseline[limit.measure] + limit.rise;
    if (value >= threshold) {
      return { breach: { measure: limit.measure, comparison: '>=', value, threshold, unit: 'mm[Hg]', baseline: baseline[limit.measure] } };
    }
  }
  return { breach: undefined };
}

const continuousClearMs = (ctx: EvaluationContext, reading: ReadingType): number =>
  // Oximetry streams (1 Hz) clear after a run of good readings; a cuff reading stands alone.
  reading === 'OximetryObserved' ? ctx.ruleSet.alarmPolicy.continuousClearSeconds * SECOND_MS : 0;

const maxGapMs = (ctx: EvaluationContext, condition: ThresholdCondition | BaselineRiseCondition): number =>
  (condition.maxGapSeconds ?? ctx.ruleSet.alarmPolicy.maxGapSeconds) * SECOND_MS;

function evaluateRule(session: SessionState, ctx: EvaluationContext, rule: Rule, reading: ReadingType, at: number, data: ReadingData): SessionState {
  const condition = rule.condition;
  switch (condition.type) {
    case 'threshold': {
      if (MEASURE_READING[condition.anyOf[0]!.measure] !== reading || !inScope(condition.scope, session)) return session;
      const verdict = thresholdVerdict(ctx, condition, data);
      if (verdict === undefined) return session;
      return advanceRun(session, ctx, rule, at, verdict, condition.conditionDelaySeconds * SECOND_MS, continuousClearMs(ctx, reading), maxGapMs(ctx, condition));
    }
    case 'baselineRise': {
      if (reading !== 'BloodPressureObserved') return session;
      const verdict = baselineRiseVerdict(condition, session, data);
      if (verdict === undefined) return session;
      return advanceRun(session, ctx, rule, at, verdict, condition.conditionDelaySeconds * SECOND_MS, 0, maxGapMs(ctx, condition));
    }
    case 'signalLost': {
      if (reading !== 'OximetryObserved' || validValues(data, condition.requiredMeasures) === undefined) return session;
      const updated = { ...session, lastValidOximetryAt: { ...session.lastValidOximetryAt, [rule.id]: at } };
      return conditionResolved(updated, ctx, rule.id, at, 'reading-received');
    }
    case 'noData':
      return reading === 'OximetryObserved' ? oximeterHeardFrom(session, ctx, rule, condition, at, data) : session;
    case 'checkDue':
      // Issue: cleared by the next blood-pressure reading; a failed cuff cycle (no numbers) is not one.
      if (reading !== 'BloodPressureObserved' || !isValidBloodPressure(data)) return session;
      return conditionResolved(session, ctx, rule.id, at, 'reading-received');
    default: {
      const exhaustive: never = condition;
      return exhaustive;
    }
  }
}

const isValidBloodPressure = (data: ReadingData): boolean =>
  validValue(data, 'systolic') !== undefined && validValue(data, 'diastolic') !== undefined;

/** Twelve cuff readings: an hour at one every 5 minutes, far more than a dose is ever recorded late. */
const PRE_DOSE_READINGS_KEPT = 12;

/** A reading: update what the session knows (first oximetry, baseline, last BP), then every rule. */
export function evaluateReading(session: SessionState, ctx: EvaluationContext, reading: ReadingType, at: number, data: ReadingData): SessionState {
  let updated = session;
  if (reading === 'OximetryObserved' && session.firstOximetryAt === undefined) {
    updated = { ...updated, firstOximetryAt: at };
  }
  if (reading === 'BloodPressureObserved' && isValidBloodPressure(data)) {
    // Issue: the baseline is the last blood-pressure reading before the first dose.
    const pressure = { systolic: data['systolic'] as number, diastolic: data['diastolic'] as number };
    updated =
      updated.doses.length === 0
        ? {
            ...updated,
            lastValidBloodPressureAt: at,
            baseline: pressure,
            preDoseBloodPressures: [...updated.preDoseBloodPressures, { ...pressure, at }].slice(-PRE_DOSE_READINGS_KEPT),
          }
        : { ...updated, lastValidBloodPressureAt: at };
  }
  for (const rule of ctx.ruleSet.rules) updated = evaluateRule(updated, ctx, rule, reading, at, data);
  return updated;
}
