import { FieldReader, type JsonObject, describeValue, fieldPath } from './json-fields';
import { MEASURE_READING, isBloodPressureMeasure, isMeasure, isOximetryMeasure } from './measures';
import {
  ALARM_KINDS,
  type AlarmKind,
  DEFAULT_DISCHARGE_POLICY,
  type AlarmPolicy,
  type DischargePolicy,
  COMPARISONS,
  CONDITION_TYPES,
  PRIORITIES,
  DEFAULT_MAX_GAP_SECONDS,
  RULE_SCOPES,
  type Rule,
  type RuleCondition,
  type RuleSet,
  type RuleSource,
} from './rule-set';
import { RuleSetValidationError } from './rule-set-validation-error';

const SLUG = { regex: /^[a-z0-9][a-z0-9-]*$/, description: 'lower-case letters, digits and dashes (e.g. "spo2-low")' };
const SEMVER = { regex: /^\d+\.\d+\.\d+$/, description: 'a version like "1.0.0"' };

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
 * Validates a rule-set document (parsed JSON) strictly: unknown fields, wrong types, out-of-range
 * numbers, duplicate ids and dangling source references are all reported, each with its path,
 * in one RuleSetValidationError. Returns a deeply frozen RuleSet.
 */
export function parseRuleSet(json: unknown): RuleSet {
  const reader = new FieldReader();
  const root = reader.object(json, '', ['name', 'version', 'description', 'sources', 'alarmPolicy', 'rules'], ['discharge']);
  if (root === undefined) throw new RuleSetValidationError(reader.issues);

  const name = reader.string(root, 'name', '', SLUG);
  const version = reader.string(root, 'version', '', SEMVER);
  const description = reader.string(root, 'description', '');
  const sources = (reader.array(root, 'sources', '') ?? []).map((value, i) => readSource(reader, value, fieldPath('sources', i)));
  const alarmPolicy = readAlarmPolicy(reader, root['alarmPolicy']);
  const rules = (reader.array(root, 'rules', '') ?? []).map((value, i) => readRule(reader, value, fieldPath('rules', i)));
  const discharge = root['discharge'] === undefined ? DEFAULT_DISCHARGE_POLICY : readDischargePolicy(reader, root['discharge']);

  checkUnique(reader, sources, 'sources', 'source id');
  checkUnique(reader, rules, 'rules', 'rule id');
  const sourceIds = new Set(sources.map((source) => source?.id));
  rules.forEach((rule, i) =>
    rule?.sources.forEach((id, j) => {
      if (!sourceIds.has(id)) reader.fail(`rules[${i}].sources[${j}]`, `names no entry of "sources" (got ${describeValue(id)})`);
    }),
  );

  if (reader.issues.length > 0 || name === undefined || version === undefined || description === undefined || alarmPolicy === undefined || discharge === undefined) {
    throw new RuleSetValidationError(reader.issues);
  }
  return deepFreeze({
    name,
    version,
    description,
    sources: sources as RuleSource[],
    alarmPolicy,
    rules: rules as Rule[],
    discharge,
  });
}

function readSource(reader: FieldReader, value: unknown, path: string): RuleSource | undefined {
  const record = reader.object(value, path, ['id', 'title', 'reference', 'urls', 'supports']);
  if (record === undefined) return undefined;
  const id = reader.string(record, 'id', path, SLUG);
  const title = reader.string(record, 'title', path);
  const reference = reader.string(record, 'reference', path);
  const supports = reader.string(record, 'supports', path);
  // A source may have no public URL (the issue itself), but the field must be there, as a list.
  const rawUrls = record['urls'];
  if (rawUrls !== undefined && !Array.isArray(rawUrls)) reader.fail(`${path}.urls`, `must be an array, got ${describeValue(rawUrls)}`);
  const urls = (Array.isArray(rawUrls) ? rawUrls : []).map((url: unknown, i) =>
    typeof url === 'string' && /^https?:\/\/\S+$/.test(url) ? url : reader.fail(`${path}.urls[${i}]`, `must be an http(s) URL, got ${describeValue(url)}`),
  );
  if (id === undefined || title === undefined || reference === undefined || supports === undefined || urls.includes(undefined)) return undefined;
  return { id, title, reference, urls: urls as string[], supports };
}

function readAlarmPolicy(reader: FieldReader, value: unknown): AlarmPolicy | undefined {
  const path = 'alarmPolicy';
  const record = reader.object(value, path, ['escalateMediumAfterSeconds', 'audioPauseSeconds', 'continuousClearSeconds'], ['maxGapSeconds', 'maxStepPerSecond']);
  if (record === undefined) return undefined;
  const escalateMediumAfterSeconds = reader.number(record, 'escalateMediumAfterSeconds', path, { above: 0 });
  const audioPauseSeconds = reader.number(record, 'audioPauseSeconds', path, { above: 0 });
  const continuousClearSeconds = reader.number(record, 'continuousClearSeconds', path, { min: 0 });
  const maxGapSeconds = record['maxGapSeconds'] === undefined ? DEFAULT_MAX_GAP_SECONDS : reader.number(record, 'maxGapSeconds', path, { above: 0 });
  const maxStepPerSecond = record['maxStepPerSecond'] === undefined ? undefined : readSteps(reader, record['maxStepPerSecond'], fieldPath(path, 'maxStepPerSecond'));
  if (escalateMediumAfterSeconds === undefined || audioPauseSeconds === undefined || continuousClearSeconds === undefined || maxGapSeconds === undefined) return undefined;
  if (record['maxStepPerSecond'] !== undefined && maxStepPerSecond === undefined) return undefined;
  return { escalateMediumAfterSeconds, audioPauseSeconds, continuousClearSeconds, maxGapSeconds, ...(maxStepPerSecond === undefined ? {} : { maxStepPerSecond }) };
}

function readSteps(reader: FieldReader, value: unknown, path: string): Partial<Record<'spo2' | 'pulseRate' | 'systolic' | 'diastolic', number>> | undefined {
  const record = reader.object(value, path, [], ['spo2', 'pulseRate']);
  if (record === undefined) return undefined;
  const steps: Partial<Record<'spo2' | 'pulseRate', number>> = {};
  for (const measure of ['spo2', 'pulseRate'] as const) {
    if (record[measure] === undefined) continue;
    const step = reader.number(record, measure, path, { above: 0 });
    if (step === undefined) return undefined;
    steps[measure] = step;
  }
  return steps;
}

function readDischargePolicy(reader: FieldReader, value: unknown): DischargePolicy | undefined {
  const path = 'discharge';
  const record = reader.object(value, path, ['observationMinutes', 'stableMinutes', 'nearBaseline', 'bloodPressureMaxAgeMinutes']);
  if (record === undefined) return undefined;
  const observation = reader.object(record['observationMinutes'], `${path}.observationMinutes`, ['ketamine', 'esketamine']);
  const near = reader.object(record['nearBaseline'], `${path}.nearBaseline`, ['systolic', 'diastolic', 'pulseRate', 'spo2']);
  const stableMinutes = reader.number(record, 'stableMinutes', path, { min: 0 });
  const bloodPressureMaxAgeMinutes = reader.number(record, 'bloodPressureMaxAgeMinutes', path, { above: 0 });
  if (observation === undefined || near === undefined) return undefined;
  const ketamine = reader.number(observation, 'ketamine', `${path}.observationMinutes`, { min: 0 });
  const esketamine = reader.number(observation, 'esketamine', `${path}.observationMinutes`, { min: 0 });
  const nearPath = `${path}.nearBaseline`;
  const systolic = reader.number(near, 'systolic', nearPath, { min: 0 });
  const diastolic = reader.number(near, 'diastolic', nearPath, { min: 0 });
  const pulseRate = reader.number(near, 'pulseRate', nearPath, { min: 0 });
  const spo2 = reader.number(near, 'spo2', nearPath, { min: 0 });
  if (
    [ketamine, esketamine, stableMinutes, bloodPressureMaxAgeMinutes, systolic, diastolic, pulseRate, spo2].some((v) => v === undefined)
  ) {
    return undefined;
  }
  return {
    observationMinutes: { ketamine: ketamine!, esketamine: esketamine! },
    stableMinutes: stableMinutes!,
    nearBaseline: { systolic: systolic!, diastolic: diastolic!, pulseRate: pulseRate!, spo2: spo2! },
    bloodPressureMaxAgeMinutes: bloodPressureMaxAgeMinutes!,
  };
}

function readRule(reader: FieldReader, value: unknown, path: string): Rule | undefined {
  const record = reader.object(value, path, ['id', 'title', 'priority', 'kind', 'condition', 'sources'], ['note', 'priorityAfterDose']);
  if (record === undefined) return undefined;
  const id = reader.string(record, 'id', path, SLUG);
  // Rule ids key the engine's state records: a name Object.prototype already has would read as a rule's state.
  if (id !== undefined && id in Object.prototype) reader.fail(`${path}.id`, `must not be "${id}", a name JavaScript objects already carry`);
  const title = reader.string(record, 'title', path);
  const priority = reader.oneOf(record, 'priority', path, PRIORITIES);
  const priorityAfterDose = record['priorityAfterDose'] === undefined ? undefined : reader.oneOf(record, 'priorityAfterDose', path, PRIORITIES);
  if (priorityAfterDose !== undefined && priority !== undefined && PRIORITIES.indexOf(priorityAfterDose) > PRIORITIES.indexOf(priority)) {
    reader.fail(fieldPath(path, 'priorityAfterDose'), `must not be lower than priority ("${priority}"), got "${priorityAfterDose}"`);
  }
  const kind = reader.oneOf(record, 'kind', path, ALARM_KINDS);
  const note = record['note'] === undefined ? undefined : reader.string(record, 'note', path);
  const condition = readCondition(reader, record['condition'], fieldPath(path, 'condition'));
  const sources = (reader.array(record, 'sources', path) ?? []).map((source, i) =>
    typeof source === 'string' ? source : reader.fail(`${path}.sources[${i}]`, `must be a source id, got ${describeValue(source)}`),
  );
  if (condition !== undefined && kind !== undefined && KIND_OF_CONDITION[condition.type] !== kind) {
    reader.fail(fieldPath(path, 'kind'), `must be "${KIND_OF_CONDITION[condition.type]}" for a ${condition.type} condition, got "${kind}"`);
    return undefined;
  }
  if (id === undefined || title === undefined || priority === undefined || kind === undefined || condition === undefined) return undefined;
  if (sources.length === 0 || sources.includes(undefined)) return undefined;
  return {
    id,
    title,
    priority,
    ...(priorityAfterDose === undefined ? {} : { priorityAfterDose }),
    kind,
    condition,
    sources: sources as string[],
    ...(note === undefined ? {} : { note }),
  };
}

function readCondition(reader: FieldReader, value: unknown, path: string): RuleCondition | undefined {
  // The type decides which other fields are allowed, so it is read first and the rest per type.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return reader.fail(path, `must be an object, got ${describeValue(value)}`);
  const head = value as JsonObject;
  if (head['type'] === undefined) return reader.fail(`${path}.type`, 'is required');
  const type = reader.oneOf(head, 'type', path, CONDITION_TYPES);
  switch (type) {
    case undefined:
      return undefined;
    case 'threshold': {
      const record = reader.object(value, path, ['type', 'scope', 'conditionDelaySeconds', 'anyOf'], ['maxGapSeconds']);
      if (record === undefined) return undefined;
      return withMaxGap(reader, record, path, readThreshold(reader, record, path));
    }
    case 'baselineRise': {
      const record = reader.object(value, path, ['type', 'conditionDelaySeconds', 'anyOf'], ['maxGapSeconds']);
      if (record === undefined) return undefined;
      const conditionDelaySeconds = reader.number(record, 'conditionDelaySeconds', path, { min: 0 });
      const anyOf = (reader.array(record, 'anyOf', path) ?? []).map((item, i) => {
        const at = fieldPath(fieldPath(path, 'anyOf'), i);
        const limit = reader.object(item, at, ['measure', 'rise']);
        if (limit === undefined) return undefined;
        const measure = limit['measure'];
        const rise = reader.number(limit, 'rise', at, { above: 0 });
        // The baseline is a blood-pressure reading (issue: "the last blood-pressure reading before the first dose").
        if (!isBloodPressureMeasure(measure)) return reader.fail(`${at}.measure`, `must be "systolic" or "diastolic", got ${describeValue(measure)}`);
        return rise === undefined ? undefined : { measure, rise };
      });
      if (conditionDelaySeconds === undefined || anyOf.length === 0 || anyOf.includes(undefined)) return undefined;
      return withMaxGap(reader, record, path, { type, conditionDelaySeconds, anyOf: anyOf as { measure: 'systolic' | 'diastolic'; rise: number }[] });
    }
    case 'signalLost':
    case 'noData': {
      const record = reader.object(value, path, ['type', 'conditionDelaySeconds', 'requiredMeasures']);
      if (record === undefined) return undefined;
      const conditionDelaySeconds = reader.number(record, 'conditionDelaySeconds', path, { above: 0 });
      const raw = reader.array(record, 'requiredMeasures', path) ?? [];
      const requiredMeasures = raw.map((measure, i) =>
        isOximetryMeasure(measure) && raw.indexOf(measure) === i
          ? measure
          : reader.fail(`${path}.requiredMeasures[${i}]`, `must be a distinct oximetry measure ("spo2" or "pulseRate"), got ${describeValue(measure)}`),
      );
      if (conditionDelaySeconds === undefined || requiredMeasures.length === 0 || requiredMeasures.includes(undefined)) return undefined;
      return { type, conditionDelaySeconds, requiredMeasures: requiredMeasures as ('spo2' | 'pulseRate')[] };
    }
    case 'checkDue': {
      const record = reader.object(value, path, ['type', 'windowStartMinutes', 'windowEndMinutes']);
      if (record === undefined) return undefined;
      const windowStartMinutes = reader.number(record, 'windowStartMinutes', path, { min: 0 });
      const windowEndMinutes = reader.number(record, 'windowEndMinutes', path, { above: 0 });
      if (windowStartMinutes === undefined || windowEndMinutes === undefined) return undefined;
      if (windowEndMinutes <= windowStartMinutes) {
        return reader.fail(`${path}.windowEndMinutes`, `must be greater than windowStartMinutes (${windowStartMinutes}), got ${windowEndMinutes}`);
      }
      return { type, windowStartMinutes, windowEndMinutes };
    }
    default: {
      const exhaustive: never = type;
      return exhaustive;
    }
  }
}

/** A rule's own `maxGapSeconds`, when it states one, on its (valid) run condition. */
function withMaxGap<C extends RuleCondition>(reader: FieldReader, record: JsonObject, path: string, condition: C | undefined): C | undefined {
  if (record['maxGapSeconds'] === undefined) return condition;
  const maxGapSeconds = reader.number(record, 'maxGapSeconds', path, { above: 0 });
  return condition === undefined || maxGapSeconds === undefined ? undefined : { ...condition, maxGapSeconds };
}

function readThreshold(reader: FieldReader, record: JsonObject, path: string): RuleCondition | undefined {
  const scope = reader.oneOf(record, 'scope', path, RULE_SCOPES);
  const conditionDelaySeconds = reader.number(record, 'conditionDelaySeconds', path, { min: 0 });
  const anyOf = (reader.array(record, 'anyOf', path) ?? []).map((item, i) => {
    const at = fieldPath(fieldPath(path, 'anyOf'), i);
    const limit = reader.object(item, at, ['measure', 'op', 'value']);
    if (limit === undefined) return undefined;
    const measure = limit['measure'];
    if (!isMeasure(measure)) {
      reader.fail(`${at}.measure`, `must be one of "spo2", "pulseRate", "systolic", "diastolic", got ${describeValue(measure)}`);
    }
    const op = reader.oneOf(limit, 'op', at, COMPARISONS);
    const threshold = reader.number(limit, 'value', at, {});
    return isMeasure(measure) && op !== undefined && threshold !== undefined ? { measure, op, value: threshold } : undefined;
  });
  if (scope === undefined || conditionDelaySeconds === undefined || anyOf.length === 0 || anyOf.includes(undefined)) return undefined;
  const limits = anyOf as { measure: 'spo2' | 'pulseRate' | 'systolic' | 'diastolic'; op: '<' | '<=' | '>' | '>='; value: number }[];
  // One rule reads one input: oximetry is continuous (runs, delays), blood pressure is discrete.
  const reading = MEASURE_READING[limits[0]!.measure];
  const mixed = limits.findIndex((limit) => MEASURE_READING[limit.measure] !== reading);
  if (mixed >= 0) {
    return reader.fail(`${path}.anyOf[${mixed}].measure`, `must be read from the same input as anyOf[0] (${reading}), got "${limits[mixed]!.measure}"`);
  }
  return { type: 'threshold', scope, conditionDelaySeconds, anyOf: limits };
}

function checkUnique(reader: FieldReader, items: readonly ({ id: string } | undefined)[], path: string, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item === undefined) return;
    const first = seen.get(item.id);
    if (first !== undefined) reader.fail(`${path}[${i}].id`, `duplicate ${what} "${item.id}" (also ${path}[${first}])`);
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
