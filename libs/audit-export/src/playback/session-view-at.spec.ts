import { defaultRuleSet } from '@vigil/rules';
import { recordedSessionEvents } from '../../../report/src/testing/recorded-session';
import { recordLive } from '../testing/live-recording';
import { PlaybackFold, viewAtMoment } from '../../../dashboard/src/view/playback-fold';
import { alarmMoments, recordedChangesOf, sessionViewAt } from './session-view-at';

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('the session view at a moment of the record', () => {
  it('shows an alarm from the moment it was recorded, not a millisecond before, and the session as it was then', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback' }), defaultRuleSet);
    const raised = events.find((event) => event.type === 'AlertRaised' && event.data.ruleId === 'spo2-low')!;
    const before = sessionViewAt(events, plus(raised.recordedAt, -1));
    const at = sessionViewAt(events, raised.recordedAt);
    expect(before.view?.alarms.map((alarm) => alarm.alertId)).not.toContain(raised.data.alertId);
    expect(at.view?.alarms.find((alarm) => alarm.alertId === raised.data.alertId)).toMatchObject({ ruleId: 'spo2-low', priority: 'medium' });
    expect(at.view?.oximetry?.spo2).toBeLessThan(92);
    expect(at.view?.doses).toHaveLength(1);
    expect(at.ended).toBe(false);
  });

  it('is empty before the session started and ends with the session', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback', endAfterDoseMinutes: 20 }), defaultRuleSet);
    expect(sessionViewAt(events, plus(events[0]!.recordedAt, -1))).toMatchObject({ view: undefined, ended: false });
    expect(sessionViewAt(events, events.at(-1)!.recordedAt)).toMatchObject({ view: undefined, ended: true });
  });

  it('lists each alarm transition as a moment to jump to, in record order', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback' }), defaultRuleSet);
    const moments = alarmMoments(events);
    expect(moments.length).toBeGreaterThan(0);
    expect(moments.map((moment) => Date.parse(moment.at))).toEqual(moments.map((moment) => Date.parse(moment.at)).sort((a, b) => a - b));
    expect(moments[0]!.type).toBe('AlertRaised');
  });

  it('names the rule and priority of each moment, acknowledgements included', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback' }), defaultRuleSet);
    for (const moment of alarmMoments(events)) expect(moment).toMatchObject({ ruleId: expect.any(String), priority: expect.stringMatching(/^(high|medium|low)$/) });
  });

  it('played forward, back and forward again, shows at each moment what a fold from the start shows', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback', endAfterDoseMinutes: 20 }), defaultRuleSet);
    const changes = recordedChangesOf(events);
    const first = Date.parse(events[0]!.recordedAt);
    const last = Date.parse(events.at(-1)!.recordedAt);
    const step = Math.ceil((last - first) / 40);
    const moments = [...Array.from({ length: 42 }, (_, i) => first - 1 + i * step), first + 5 * step, last, first + 7 * step + 1];
    const fold = new PlaybackFold(changes);
    for (const at of moments) expect(fold.at(at)).toEqual(viewAtMoment(changes, at));
  });

  it('folds a change recorded after a later one (another writer\'s clock) only from its own moment, in log order', async () => {
    const { events } = await recordLive(recordedSessionEvents({ sessionId: 'playback' }), defaultRuleSet);
    const changes = recordedChangesOf(events);
    const reading = changes.findIndex((change, index) => index > 2 && change.change.type === 'OximetryObserved');
    const late = plus(changes[reading + 3]!.recordedAt, 1);
    const skewed = changes.map((change, index) => (index === reading ? { ...change, recordedAt: late } : change));
    const fold = new PlaybackFold(skewed);
    const before = fold.at(Date.parse(changes[reading + 3]!.recordedAt));
    expect(before.view?.oximetryReadings).toBe(viewAtMoment(changes, Date.parse(changes[reading + 3]!.recordedAt)).view!.oximetryReadings - 1);
    expect(fold.at(Date.parse(late))).toEqual(viewAtMoment(changes, Date.parse(late)));
  });
});
