import { defaultRuleSet } from '@vigil/rules';
import { recordedSessionEvents } from '../../../report/src/testing/recorded-session';
import { recordLive } from '../testing/live-recording';
import { alarmMoments, sessionViewAt } from './session-view-at';

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
});
