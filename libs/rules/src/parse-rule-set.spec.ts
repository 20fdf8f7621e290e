import { defaultRuleSet } from './default-rule-set';
import { parseRuleSet } from './parse-rule-set';
import kapDefaultV1 from './rule-sets/kap-default.v1.json';
import kapDefaultV1_1 from './rule-sets/kap-default.v1.1.json';
import { RuleSetValidationError } from './rule-set-validation-error';
import { bp, dose, oximetry, scenario, started, steady } from './testing/rule-scenario';

const copy = (): any => JSON.parse(JSON.stringify(kapDefaultV1));
const issuesOf = (json: unknown): string[] => {
  try {
    parseRuleSet(json);
  } catch (error) {
    if (error instanceof RuleSetValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.reason}`);
    throw error;
  }
  throw new Error('expected the rule set to be rejected');
};

describe('the default rule set', () => {
  it('is versioned and holds the issue’s thirteen rules and issue 16’s oximeter-no-data, in order', () => {
    expect(`${defaultRuleSet.name}@${defaultRuleSet.version}`).toBe('kap-default@1.1.0');
    expect(defaultRuleSet.rules.map((rule) => `${rule.id}:${rule.priority}:${rule.kind}`)).toEqual([
      'spo2-low:medium:physiological',
      'spo2-critical:high:physiological',
      'pr-high:medium:physiological',
      'pr-critical-high:high:physiological',
      'pr-low:medium:physiological',
      'pr-critical-low:high:physiological',
      'bp-high:medium:physiological',
      'bp-critical:high:physiological',
      'bp-low:medium:physiological',
      'bp-rise:medium:physiological',
      'predose-bp:low:physiological',
      'oximeter-signal-lost:medium:technical',
      'oximeter-no-data:medium:technical',
      'bp-check-due:low:technical',
    ]);
    expect(defaultRuleSet.alarmPolicy).toEqual({ escalateMediumAfterSeconds: 120, audioPauseSeconds: 120, continuousClearSeconds: 10, maxGapSeconds: 5, maxStepPerSecond: { spo2: 4, pulseRate: 30 } });
  });

  it('cites the clinical notes for every rule', () => {
    for (const rule of defaultRuleSet.rules) expect(rule.sources.length).toBeGreaterThan(0);
    expect(defaultRuleSet.sources.map((source) => source.reference).join(' ')).toMatch(/docs\/clinical-sources\.md §1\.1, §1\.2/);
  });

  it('is frozen, so no caller can change the clinic’s configuration in memory', () => {
    expect(Object.isFrozen(defaultRuleSet.rules[0]!.condition)).toBe(true);
  });
});

describe('a clinic’s tuned rule set', () => {
  it('changes a threshold, a delay and a priority without code', () => {
    const json = copy();
    json.version = '1.1.0';
    json.rules[0].condition.anyOf[0].value = 90;
    json.rules[0].condition.conditionDelaySeconds = 30;
    json.rules[0].priority = 'high';
    const tuned = scenario(parseRuleSet(json));
    tuned.given(started('10:00:00')).when(steady('10:00:00', 31, 91)).thenNothing();
    tuned
      .given(started('10:00:00'))
      .when(steady('10:00:00', 31, 89))
      .thenOutputs(([raised]) => expect(raised).toMatchObject({ at: '2026-11-29T10:00:30.000Z', data: { ruleId: 'spo2-low', priority: 'high', ruleSetVersion: 'kap-default@1.1.0' } }));
  });

  it('adds another threshold rule without code', () => {
    const json = copy();
    json.rules.push({
      id: 'bp-post-dose-elevated',
      title: 'Blood pressure elevated after the dose',
      priority: 'low',
      kind: 'physiological',
      condition: { type: 'threshold', scope: 'post-dose', conditionDelaySeconds: 0, anyOf: [{ measure: 'systolic', op: '>=', value: 150 }] },
      sources: ['ketamine-hemodynamics'],
    });
    scenario(parseRuleSet(json))
      .given(started('10:00:00'), dose('10:00:00'))
      .when(bp('10:40:00', 150, 80), oximetry('10:40:01', 97))
      .then('10:40:00 raised bp-post-dose-elevated low');
  });
});

describe('parseRuleSet rejects, naming the field and the reason', () => {
  it.each<[string, (json: any) => void, string]>([
    ['a missing version', (json) => delete json.version, 'version: is required'],
    ['a bad version', (json) => (json.version = 'v1'), 'version: must be a version like "1.0.0", got "v1"'],
    ['an unknown field', (json) => (json.rules[2].threshold = 3), 'rules[2].threshold: is not a known field'],
    ['an unknown priority', (json) => (json.rules[1].priority = 'urgent'), 'rules[1].priority: must be one of "high", "medium", "low", got "urgent"'],
    ['an unknown comparison', (json) => (json.rules[0].condition.anyOf[0].op = '=<'), 'rules[0].condition.anyOf[0].op: must be one of "<", "<=", ">", ">="'],
    ['an unknown measure', (json) => (json.rules[0].condition.anyOf[0].measure = 'etco2'), 'rules[0].condition.anyOf[0].measure: must be one of'],
    ['a threshold that is not a number', (json) => (json.rules[0].condition.anyOf[0].value = '92'), 'rules[0].condition.anyOf[0].value: must be a number, got "92"'],
    ['a negative delay', (json) => (json.rules[0].condition.conditionDelaySeconds = -1), 'rules[0].condition.conditionDelaySeconds: must be at least 0, got -1'],
    ['an unknown condition type', (json) => (json.rules[0].condition.type = 'trend'), 'rules[0].condition.type: must be one of "threshold", "baselineRise", "signalLost", "checkDue"'],
    ['a field of another condition type', (json) => (json.rules[12].condition.scope = 'pre-dose'), 'rules[12].condition.scope: is not a known field'],
    ['measures from two inputs in one rule', (json) => (json.rules[6].condition.anyOf[1].measure = 'spo2'), 'rules[6].condition.anyOf[1].measure: must be read from the same input as anyOf[0] (BloodPressureObserved), got "spo2"'],
    ['a baseline rise on SpO2', (json) => (json.rules[9].condition.anyOf[0].measure = 'spo2'), 'rules[9].condition.anyOf[0].measure: must be "systolic" or "diastolic"'],
    ['a check window that ends before it starts', (json) => (json.rules[12].condition.windowEndMinutes = 30), 'rules[12].condition.windowEndMinutes: must be greater than windowStartMinutes (35), got 30'],
    ['a kind that does not fit the condition', (json) => (json.rules[11].kind = 'physiological'), 'rules[11].kind: must be "technical" for a signalLost condition, got "physiological"'],
    ['a duplicate rule id', (json) => (json.rules[3].id = 'spo2-low'), 'rules[3].id: duplicate rule id "spo2-low" (also rules[0])'],
    ['a source that does not exist', (json) => (json.rules[0].sources = ['nowhere']), 'rules[0].sources[0]: names no entry of "sources" (got "nowhere")'],
    ['a rule without sources', (json) => (json.rules[0].sources = []), 'rules[0].sources: must not be empty'],
    ['a zero escalation time', (json) => (json.alarmPolicy.escalateMediumAfterSeconds = 0), 'alarmPolicy.escalateMediumAfterSeconds: must be greater than 0, got 0'],
    ['a source URL that is not a URL', (json) => (json.sources[0].urls[0] = 'label'), 'sources[0].urls[0]: must be an http(s) URL, got "label"'],
  ])('%s', (_, mutate, expected) => {
    const json = copy();
    mutate(json);
    expect(issuesOf(json).join('\n')).toContain(expected);
  });

  it('reports every issue at once', () => {
    const json = copy();
    json.rules[0].priority = 'urgent';
    json.rules[5].condition.anyOf[0].op = '==';
    expect(issuesOf(json)).toHaveLength(2);
  });

  // Issue 16: the fields rule set 1.1.0 added.
  const copyV1_1 = (): any => JSON.parse(JSON.stringify(kapDefaultV1_1));
  it.each<[string, (json: any) => void, string]>([
    ['a zero maxGapSeconds', (json) => (json.alarmPolicy.maxGapSeconds = 0), 'alarmPolicy.maxGapSeconds: must be greater than 0, got 0'],
    ['a rule maxGapSeconds that is not a number', (json) => (json.rules[0].condition.maxGapSeconds = '5'), 'rules[0].condition.maxGapSeconds: must be a number, got "5"'],
    ['a maxGapSeconds on a technical condition', (json) => (json.rules[11].condition.maxGapSeconds = 5), 'rules[11].condition.maxGapSeconds: is not a known field'],
    ['a step limit for a cuff measure', (json) => (json.alarmPolicy.maxStepPerSecond.systolic = 20), 'alarmPolicy.maxStepPerSecond.systolic: is not a known field'],
    ['a negative step limit', (json) => (json.alarmPolicy.maxStepPerSecond.spo2 = -1), 'alarmPolicy.maxStepPerSecond.spo2: must be greater than 0, got -1'],
    ['a post-dose priority below the rule’s', (json) => (json.rules[1].priorityAfterDose = 'low'), 'rules[1].priorityAfterDose: must not be lower than priority ("high"), got "low"'],
    ['a noData rule filed as physiological', (json) => (json.rules[12].kind = 'physiological'), 'rules[12].kind: must be "technical" for a noData condition, got "physiological"'],
    ['a noData rule without a delay', (json) => (json.rules[12].condition.conditionDelaySeconds = 0), 'rules[12].condition.conditionDelaySeconds: must be greater than 0, got 0'],
  ])('%s (1.1.0 fields)', (_, mutate, expected) => {
    const json = copyV1_1();
    mutate(json);
    expect(issuesOf(json).join('\n')).toContain(expected);
  });

  it('gives a rule set without maxGapSeconds the 5 s default, and without step limits none', () => {
    const parsed = parseRuleSet(copy());
    expect(parsed.alarmPolicy.maxGapSeconds).toBe(5);
    expect(parsed.alarmPolicy.maxStepPerSecond).toBeUndefined();
  });

  it('rejects a document that is not an object', () => expect(issuesOf([])).toEqual(['(root): must be an object, got []']));
});

describe('the discharge policy (issue 14)', () => {
  it('given a file without one, then the default applies: 2 hours for esketamine and ketamine, 15 minutes stable', () => {
    expect(defaultRuleSet.discharge).toEqual({
      observationMinutes: { ketamine: 120, esketamine: 120 },
      stableMinutes: 15,
      nearBaseline: { systolic: 20, diastolic: 15, pulseRate: 20, spo2: 3 },
      bloodPressureMaxAgeMinutes: 30,
    });
  });

  it('given a clinic’s own, then it is read', () => {
    const discharge = { observationMinutes: { ketamine: 90, esketamine: 120 }, stableMinutes: 20, nearBaseline: { systolic: 15, diastolic: 10, pulseRate: 15, spo2: 2 }, bloodPressureMaxAgeMinutes: 20 };
    expect(parseRuleSet({ ...copy(), discharge }).discharge).toEqual(discharge);
  });

  it('given a bad one, then each bad field is named', () => {
    const discharge = { observationMinutes: { ketamine: -1, esketamine: 120 }, stableMinutes: 15, nearBaseline: { systolic: 20, diastolic: 15, pulseRate: 20, spo2: 3 }, bloodPressureMaxAgeMinutes: 0 };
    expect(issuesOf({ ...copy(), discharge })).toEqual([
      expect.stringMatching(/^discharge\.bloodPressureMaxAgeMinutes: /),
      expect.stringMatching(/^discharge\.observationMinutes\.ketamine: /),
    ]);
  });
});
