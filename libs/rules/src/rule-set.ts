import type { BloodPressureMeasure, Measure, OximetryMeasure } from './measures';

// A rule set is clinical configuration, versioned and changeable without code (docs/architecture.md "The
// dissociative window"). Its conditions are a closed set of types a file parameterises; adding a
// condition type is a code change on purpose, so every rule the engine runs has tested semantics.

// Priorities, kinds and comparisons are the alarm vocabulary the stored events share (libs/domain alarm-vocabulary.ts).
export { ALARM_KINDS, COMPARISONS, PRIORITIES, type AlarmKind, type Comparison, type Priority } from '@vigil/domain';
import type { AlarmKind, Comparison, Priority } from '@vigil/domain';

/** When in the session a threshold rule applies: the whole session, before or after the first dose. */
export const RULE_SCOPES = ['whole-session', 'pre-dose', 'post-dose'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

export type ThresholdLimit = { readonly measure: Measure; readonly op: Comparison; readonly value: number };

/** Breaches when any limit holds. All limits read the same input (oximetry or blood pressure). */
export type ThresholdCondition = {
  readonly type: 'threshold';
  readonly scope: RuleScope;
  readonly conditionDelaySeconds: number;
  readonly anyOf: readonly ThresholdLimit[];
  /** Overrides the policy's `maxGapSeconds` for this rule (e.g. cuff readings minutes apart). */
  readonly maxGapSeconds?: number;
};

export type BaselineRiseLimit = { readonly measure: BloodPressureMeasure; readonly rise: number };

/** Breaches when a post-dose reading is at least `rise` above the pre-dose baseline. */
export type BaselineRiseCondition = {
  readonly type: 'baselineRise';
  readonly conditionDelaySeconds: number;
  readonly anyOf: readonly BaselineRiseLimit[];
  readonly maxGapSeconds?: number;
};

/** No valid oximetry reading (all `requiredMeasures` present, sensor on) for `conditionDelaySeconds`. */
export type SignalLostCondition = {
  readonly type: 'signalLost';
  readonly conditionDelaySeconds: number;
  readonly requiredMeasures: readonly OximetryMeasure[];
};

/** No valid blood-pressure reading in [latest dose + start, latest dose + end] minutes. */
export type CheckDueCondition = {
  readonly type: 'checkDue';
  readonly windowStartMinutes: number;
  readonly windowEndMinutes: number;
};

/**
 * A bound oximeter that has sent no valid reading (all `requiredMeasures`, sensor on) within
 * `conditionDelaySeconds` of its binding. Cleared by its first valid reading or its unbinding.
 */
export type NoDataCondition = {
  readonly type: 'noData';
  readonly conditionDelaySeconds: number;
  readonly requiredMeasures: readonly OximetryMeasure[];
};

export type RuleCondition = ThresholdCondition | BaselineRiseCondition | SignalLostCondition | CheckDueCondition | NoDataCondition;
export const CONDITION_TYPES: readonly RuleCondition['type'][] = ['threshold', 'baselineRise', 'signalLost', 'checkDue', 'noData'];

export type Rule = {
  readonly id: string;
  readonly title: string;
  readonly priority: Priority;
  /** The priority once a dose has been given; an alarm already active is escalated at the dose. */
  readonly priorityAfterDose?: Priority;
  readonly kind: AlarmKind;
  readonly condition: RuleCondition;
  /** Ids of entries in the rule set's `sources`. */
  readonly sources: readonly string[];
  readonly note?: string;
};

export type RuleSource = {
  readonly id: string;
  readonly title: string;
  /** Where the claim sits in Vigil's clinical notes, e.g. "docs/clinical-sources.md §1.2". */
  readonly reference: string;
  readonly urls: readonly string[];
  readonly supports: string;
};

export type AlarmPolicy = {
  /** A medium alarm unacknowledged this long after it was raised escalates to high. */
  readonly escalateMediumAfterSeconds: number;
  /** How long an acknowledgement pauses the audible signal (IEC 60601-1-8 "audio paused"). */
  readonly audioPauseSeconds: number;
  /** Continuous (oximetry) conditions clear after this long of valid non-breaching readings. */
  readonly continuousClearSeconds: number;
  /**
   * A run of breaching (or of clearing) readings ends when two consecutive valid readings of the
   * rule's values are more than this far apart; the next reading starts a new run. Default 5 s.
   */
  readonly maxGapSeconds: number;
  /**
   * Per measure, the largest change between consecutive valid readings (per second between them)
   * that is taken for the patient; a larger jump is an artefact that ends the runs (optional).
   */
  readonly maxStepPerSecond?: Readonly<Partial<Record<Measure, number>>>;
};

export const DEFAULT_MAX_GAP_SECONDS = 5;

/**
 * When a patient may be put forward for discharge review (docs/clinical-documentation.md
 * "Discharge readiness"). Optional in a rule-set file; `DEFAULT_DISCHARGE_POLICY` applies when absent.
 */
export type DischargePolicy = {
  /** Minimum observation after the latest dose, per drug (the Spravato REMS asks 2 h for esketamine). */
  readonly observationMinutes: { readonly ketamine: number; readonly esketamine: number };
  /** How long vitals must have stayed within the thresholds and near baseline. */
  readonly stableMinutes: number;
  /** "Near baseline": at most this far from the pre-dose baseline, in each measure's unit. */
  readonly nearBaseline: { readonly systolic: number; readonly diastolic: number; readonly pulseRate: number; readonly spo2: number };
  /** A blood-pressure check must be no older than this to count as current at completion. */
  readonly bloodPressureMaxAgeMinutes: number;
};

export const DEFAULT_DISCHARGE_POLICY: DischargePolicy = {
  observationMinutes: { ketamine: 120, esketamine: 120 },
  stableMinutes: 15,
  nearBaseline: { systolic: 20, diastolic: 15, pulseRate: 20, spo2: 3 },
  bloodPressureMaxAgeMinutes: 30,
};

export type RuleSet = {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly sources: readonly RuleSource[];
  readonly alarmPolicy: AlarmPolicy;
  readonly rules: readonly Rule[];
  /** Discharge readiness and the REMS observation minimum; a file without it gets the default. */
  readonly discharge: DischargePolicy;
};

/** The label every output carries so an auditor knows which configuration produced it. */
export const ruleSetVersionOf = (ruleSet: RuleSet): string => `${ruleSet.name}@${ruleSet.version}`;
