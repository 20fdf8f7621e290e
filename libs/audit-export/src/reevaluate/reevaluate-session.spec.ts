import { defaultRuleSet } from '@vigil/rules';
import { recordedSessionEvents } from '../../../report/src/testing/recorded-session';
import { kapDefaultWithThreshold } from '../testing/changed-threshold';
import { recordLive } from '../testing/live-recording';
import { reevaluateSession, type AlarmTransition } from './reevaluate-session';
import { summariseByRule } from './rule-summary';

// Issue 13, "Done means": re-evaluation under the live rule version reports no difference; under a
// changed threshold, exactly the alarms that change. "Exactly" is checked against an independent
// record: the same inputs recorded live under the changed rule set.

const withThreshold = (ruleId: string, value: number) => kapDefaultWithThreshold(ruleId, value).ruleSet;

const inputs = (options: Parameters<typeof recordedSessionEvents>[0] = {}) => recordedSessionEvents({ sessionId: 'reeval', ...options });
const key = (t: AlarmTransition) => `${t.type} ${t.alertId} ${t.at}`;

describe('reevaluateSession', () => {
  it('reports no difference under the rule version that was live, for sessions ended and active', async () => {
    for (const options of [{}, { ended: false }, { omit40MinuteBloodPressure: true, drug: 'ketamine' as const }]) {
      const { store, events } = await recordLive(inputs(options), defaultRuleSet);
      const result = reevaluateSession('reeval', events, defaultRuleSet, (a, b) => store.comparePositions(a, b));
      expect(result.recorded.length).toBeGreaterThan(0);
      expect(result.recordedRuleSetVersions).toEqual(['kap-default@1.1.0']);
      expect(result.differences).toEqual([]);
    }
  });

  it.each([
    ['spo2-low', 88, 'fewer'],
    ['spo2-low', 97, 'more'],
    ['bp-rise', 20, 'more'],
  ])('with %s at %d reports exactly the alarm transitions that change (%s alarms)', async (ruleId, value, _direction) => {
    const changed = withThreshold(ruleId, value);
    const live = await recordLive(inputs(), defaultRuleSet);
    const underChanged = await recordLive(inputs(), changed);
    const result = reevaluateSession('reeval', live.events, changed, (a, b) => live.store.comparePositions(a, b));
    const liveKeys = new Set(result.recorded.map(key));
    const changedRecord = reevaluateSession('reeval', underChanged.events, changed, (a, b) => underChanged.store.comparePositions(a, b)).recorded;
    const changedKeys = new Set(changedRecord.map(key));
    expect(result.differences.filter((d) => d.change === 'recorded-only').map(key).sort()).toEqual(result.recorded.map(key).filter((k) => !changedKeys.has(k)).sort());
    expect(result.differences.filter((d) => d.change === 'reevaluated-only').map(key).sort()).toEqual(changedRecord.map(key).filter((k) => !liveKeys.has(k)).sort());
    expect(result.differences.length).toBeGreaterThan(0);
    expect(new Set(result.differences.map((d) => d.ruleId))).toEqual(new Set([ruleId]));
  });

  it('summarises per rule how many more or fewer alarms, and how much earlier or later', async () => {
    const live = await recordLive(inputs(), defaultRuleSet);
    const compare = live.store.comparePositions.bind(live.store);
    const same = summariseByRule([reevaluateSession('reeval', live.events, defaultRuleSet, compare)]);
    expect(same.every((rule) => rule.difference === 0 && rule.earlier === 0 && rule.later === 0)).toBe(true);
    const stricter = summariseByRule([reevaluateSession('reeval', live.events, withThreshold('spo2-low', 88), compare)]);
    const spo2Low = stricter.find((rule) => rule.ruleId === 'spo2-low')!;
    expect(spo2Low.reevaluatedAlarms).toBe(0);
    expect(spo2Low.difference).toBe(-spo2Low.recordedAlarms);
    expect(spo2Low.recordedAlarms).toBeGreaterThan(0);
    expect(stricter.filter((rule) => rule.ruleId !== 'spo2-low').every((rule) => rule.difference === 0)).toBe(true);
  });
});
