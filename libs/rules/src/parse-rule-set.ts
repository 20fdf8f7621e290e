import { describeValue, schemaIssues, type SchemaIssue } from '@vigil/domain';
import { Value } from '@sinclair/typebox/value';
import { MEASURE_READING } from './measures';
import { type AlarmKind, DEFAULT_DISCHARGE_POLICY, DEFAULT_MAX_GAP_SECONDS, PRIORITIES, type RuleCondition, type RuleSet } from './rule-set';
import { RULE_SET_FILE_SCHEMA, type RuleSetFile } from './rule-set.schema';
import { RuleSetValidationError } from './rule-set-validation-error';

// IEC 60601-1-8 files technical alarm conditions (sensor off, no reading when one is due) apart
// from physiological ones (docs/clinical-sources.md §4.1); a file that mislabels one is a mistake to report.
const KIND_OF_CONDITION: Readonly<Record<RuleCondition['type'], AlarmKind>> = {
  threshold: 'physiological',
  baselineRise: 'physiological',
  signalLost: 'technical',
  checkDue: 'technical',
  noData: 'technical',
};

/**
 * Reads a rule-set document (parsed JSON) strictly. Its shape is the schema's
 * (rule-set.schema.ts): unknown fields, wrong types, out-of-range numbers; then what a schema
 * cannot state: duplicate ids, dangling source references, one input per rule, a kind that fits
 * its condition. Every issue is reported with its path in one RuleSetValidationError. Returns a
 * deeply frozen RuleSet with the defaults of what the file may leave out.
 */
export function parseRuleSet(json: unknown): RuleSet {
  const shape = schemaIssues(RULE_SET_FILE_SCHEMA, json);
  if (shape.length > 0 || !Value.Check(RULE_SET_FILE_SCHEMA, json)) throw new RuleSetValidationError(shape);
  const meaning = meaningIssues(json);
  if (meaning.length > 0) throw new RuleSetValidationError(meaning);
  const { discharge, alarmPolicy, rules, ...rest } = json;
  return deepFreeze({
    ...rest,
    alarmPolicy: { ...alarmPolicy, maxGapSeconds: alarmPolicy.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS },
    rules,
    discharge: discharge ?? DEFAULT_DISCHARGE_POLICY,
  });
}

function meaningIssues(file: RuleSetFile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const fail = (path: string, reason: string) => issues.push({ path, reason });
  checkUnique(file.sources, 'sources', 'source id', fail);
  checkUnique(file.rules, 'rules', 'rule id', fail);
  const sourceIds = new Set(file.sources.map((source) => source.id));
  file.rules.forEach((rule, i) => {
    const path = `rules[${i}]`;
    // Rule ids key the engine's state records: a name Object.prototype already has would read as a rule's state.
    if (rule.id in Object.prototype) fail(`${path}.id`, `must not be "${rule.id}", a name JavaScript objects already carry`);
    if (rule.priorityAfterDose !== undefined && PRIORITIES.indexOf(rule.priorityAfterDose) > PRIORITIES.indexOf(rule.priority)) {
      fail(`${path}.priorityAfterDose`, `must not be lower than priority ("${rule.priority}"), got "${rule.priorityAfterDose}"`);
    }
    const kind = KIND_OF_CONDITION[rule.condition.type];
    if (rule.kind !== kind) fail(`${path}.kind`, `must be "${kind}" for a ${rule.condition.type} condition, got "${rule.kind}"`);
    rule.sources.forEach((id, j) => {
      if (!sourceIds.has(id)) fail(`${path}.sources[${j}]`, `names no entry of "sources" (got ${describeValue(id)})`);
    });
    const condition = rule.condition;
    if (condition.type === 'checkDue' && condition.windowEndMinutes <= condition.windowStartMinutes) {
      fail(`${path}.condition.windowEndMinutes`, `must be greater than windowStartMinutes (${condition.windowStartMinutes}), got ${condition.windowEndMinutes}`);
    }
    if (condition.type === 'threshold') {
      // One rule reads one input: oximetry is continuous (runs, delays), blood pressure is discrete.
      const reading = MEASURE_READING[condition.anyOf[0]!.measure];
      const mixed = condition.anyOf.findIndex((limit) => MEASURE_READING[limit.measure] !== reading);
      if (mixed >= 0) fail(`${path}.condition.anyOf[${mixed}].measure`, `must be read from the same input as anyOf[0] (${reading}), got "${condition.anyOf[mixed]!.measure}"`);
    }
  });
  return issues;
}

function checkUnique(items: readonly { id: string }[], path: string, what: string, fail: (path: string, reason: string) => void): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) fail(`${path}[${i}].id`, `duplicate ${what} "${item.id}" (also ${path}[${first}])`);
    else seen.set(item.id, i);
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
