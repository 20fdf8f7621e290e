import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BLOOD_PRESSURE_MEASURES, MEASURES, OXIMETRY_MEASURES } from './measures';
import { ALARM_KINDS, COMPARISONS, PRIORITIES, RULE_SCOPES } from './rule-set';

// The rule-set file (docs/schemas.md "Rule-set file"), defined once: `parseRuleSet` checks a file against this
// schema, the TypeScript shape of a file comes from it, and `vigil rules schema` prints it as the
// JSON Schema clinics validate their files against (docs/schemas/rule-set.schema.json).
// What a schema cannot state (unique ids, sources that exist, one input per rule, a kind that fits
// its condition) parseRuleSet checks after it.

const oneOf = <T extends string>(values: readonly T[], options: { 'x-must'?: string; description?: string } = {}) =>
  Type.Union(values.map((value) => Type.Literal(value)), options);
const strict = { additionalProperties: false } as const;
const text = (description: string) => Type.String({ minLength: 1, pattern: '\\S', description, 'x-must': 'a non-empty string' });
const slug = (description: string) =>
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description, 'x-must': 'lower-case letters, digits and dashes (e.g. "spo2-low")' });
const atLeastZero = (description: string) => Type.Number({ minimum: 0, description });
const aboveZero = (description: string) => Type.Number({ exclusiveMinimum: 0, description });
const seconds = (description: string) => aboveZero(`${description} (seconds)`);

const ThresholdLimit = Type.Object(
  { measure: oneOf(MEASURES), op: oneOf(COMPARISONS), value: Type.Number({ description: "In the measure's unit: % for spo2, /min for pulseRate, mm[Hg] for pressures" }) },
  strict,
);
const maxGapSeconds = Type.Optional(seconds("Overrides the policy's maxGapSeconds for this rule"));

const ThresholdCondition = Type.Object(
  {
    type: Type.Literal('threshold'),
    scope: oneOf(RULE_SCOPES, { description: 'When in the session the rule applies' }),
    conditionDelaySeconds: atLeastZero('How long the breach must last before the alarm sounds (seconds)'),
    anyOf: Type.Array(ThresholdLimit, { minItems: 1, description: 'Breaches when any limit holds; all limits read one input' }),
    maxGapSeconds,
  },
  strict,
);
const BaselineRiseCondition = Type.Object(
  {
    type: Type.Literal('baselineRise'),
    conditionDelaySeconds: atLeastZero('How long the rise must last (seconds)'),
    anyOf: Type.Array(
      Type.Object({ measure: oneOf(BLOOD_PRESSURE_MEASURES, { 'x-must': '"systolic" or "diastolic"' }), rise: aboveZero('mm[Hg] above the pre-dose baseline') }, strict),
      { minItems: 1 },
    ),
    maxGapSeconds,
  },
  strict,
);
const requiredMeasures = Type.Array(oneOf(OXIMETRY_MEASURES, { 'x-must': 'an oximetry measure ("spo2" or "pulseRate")' }), {
  minItems: 1,
  uniqueItems: true,
  'x-must': 'distinct oximetry measures ("spo2" or "pulseRate")',
});
const SignalLostCondition = Type.Object(
  { type: Type.Literal('signalLost'), conditionDelaySeconds: seconds('How long without a valid reading'), requiredMeasures },
  strict,
);
const NoDataCondition = Type.Object(
  { type: Type.Literal('noData'), conditionDelaySeconds: seconds('How long after binding without a valid reading'), requiredMeasures },
  strict,
);
const CheckDueCondition = Type.Object(
  {
    type: Type.Literal('checkDue'),
    windowStartMinutes: atLeastZero('Minutes after the latest dose the window opens'),
    windowEndMinutes: aboveZero('Minutes after the latest dose the window closes (after it opens)'),
  },
  strict,
);

export const RULE_CONDITION_SCHEMAS = [ThresholdCondition, BaselineRiseCondition, SignalLostCondition, CheckDueCondition, NoDataCondition] as const;

const Rule = Type.Object(
  {
    id: slug('Unique within the file; alarms name it'),
    title: text('What staff read on the alarm'),
    priority: oneOf(PRIORITIES),
    priorityAfterDose: Type.Optional(oneOf(PRIORITIES, { description: 'The priority once a dose is given; not lower than priority' })),
    kind: oneOf(ALARM_KINDS, { description: 'IEC 60601-1-8: physiological, or technical (sensor off, no data, a check due)' }),
    condition: Type.Union([...RULE_CONDITION_SCHEMAS], { description: 'Its type decides which other fields it has' }),
    sources: Type.Array(Type.String({ minLength: 1, 'x-must': 'a source id' }), { minItems: 1, description: 'Ids of entries in "sources"' }),
    note: Type.Optional(text('Why the rule is as it is')),
  },
  strict,
);

const Source = Type.Object(
  {
    id: slug('Unique within the file; rules cite it'),
    title: text('The source'),
    reference: text("Where the claim sits in the clinic's notes"),
    urls: Type.Array(Type.String({ pattern: '^https?://\\S+$', 'x-must': 'an http(s) URL' }), { description: 'May be empty when no public URL exists' }),
    supports: text('What the source supports'),
  },
  strict,
);

const stepLimit = Type.Optional(aboveZero('Largest believable change per second'));
const AlarmPolicy = Type.Object(
  {
    escalateMediumAfterSeconds: seconds('A medium alarm unacknowledged this long escalates to high'),
    audioPauseSeconds: seconds('How long an acknowledgement pauses the sound'),
    continuousClearSeconds: atLeastZero('Valid non-breaching oximetry this long clears an alarm (seconds)'),
    maxGapSeconds: Type.Optional(seconds('Readings further apart end a run (default 5)')),
    maxStepPerSecond: Type.Optional(Type.Object({ spo2: stepLimit, pulseRate: stepLimit }, strict)),
  },
  strict,
);

const minutes = (description: string) => atLeastZero(`${description} (minutes)`);
const DischargePolicy = Type.Object(
  {
    observationMinutes: Type.Object({ ketamine: minutes('Ketamine'), esketamine: minutes('Esketamine') }, strict),
    stableMinutes: minutes('How long vitals must stay within thresholds and near baseline'),
    nearBaseline: Type.Object(
      { systolic: atLeastZero('mm[Hg]'), diastolic: atLeastZero('mm[Hg]'), pulseRate: atLeastZero('/min'), spo2: atLeastZero('%') },
      strict,
    ),
    bloodPressureMaxAgeMinutes: aboveZero('A blood-pressure check no older than this counts as current (minutes)'),
  },
  strict,
);

export const RULE_SET_FILE_SCHEMA = Type.Object(
  {
    name: slug('The rule set, as alarms label it (name@version)'),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$', 'x-must': 'a version like "1.0.0"' }),
    description: text('What the rule set is for'),
    sources: Type.Array(Source, { minItems: 1 }),
    alarmPolicy: AlarmPolicy,
    rules: Type.Array(Rule, { minItems: 1 }),
    discharge: Type.Optional(DischargePolicy),
  },
  { ...strict, $id: 'urn:vigil:schema:rule-set', title: 'Vigil rule set', description: 'A clinic rule set for Vigil (docs/schemas.md "Rule-set file")' },
);

export type RuleSetFile = Static<typeof RULE_SET_FILE_SCHEMA>;

/**
 * The rule-set file's JSON Schema as clinics get it: plain JSON Schema 2020-12, without the
 * wording annotations (`x-must`) that only Vigil's own messages use, so strict validators accept it.
 */
export function ruleSetJsonSchema(): object {
  const plain = JSON.parse(JSON.stringify(RULE_SET_FILE_SCHEMA as TSchema, (key, value: unknown) => (key.startsWith('x-') ? undefined : value))) as object;
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...plain };
}
