import type { RecordedEvent } from '@vigil/event-store';
import { UnreadableEventError, dashboardChangeOf } from './dashboard-change-of-event';

const recorded = (stream: string, type: string, data: RecordedEvent['data'], position = 7): RecordedEvent => ({
  id: `e${position}`,
  stream,
  revision: 3,
  position: String(position) as RecordedEvent['position'],
  type,
  data,
  metadata: { chain: { prevHash: null, hash: 'h' } },
  occurredAt: '2026-11-29T10:00:00.000Z',
  recordedAt: '2026-11-29T10:00:00.100Z',
});

const oximetryData = {
  sessionId: 's1',
  deviceId: 'ox-1',
  gatewayId: 'gw-1',
  spo2: 97,
  pulseRate: 72,
  sensorOff: false,
  measuredAt: '2026-11-29T10:00:00.000Z',
  source: 'decoded',
  seq: 12,
};

describe('what the dashboard takes from a stored event', () => {
  it('keeps the session of a session stream, and only the fields it shows (no store position)', () =>
    expect(dashboardChangeOf(recorded('session-s1', 'OximetryObserved', oximetryData))).toEqual({
      sessionId: 's1',
      change: {
        type: 'OximetryObserved',
        deviceId: 'ox-1',
        spo2: 97,
        pulseRate: 72,
        sensorOff: false,
        measuredAt: '2026-11-29T10:00:00.000Z',
        receivedAt: '2026-11-29T10:00:00.100Z',
        gatewayId: 'gw-1', // for the gateway clock note on the tile (issue 16, item 1)
      },
    }));
  it('takes the receive time from the store (ingest keeps it out of the data, so a re-posted batch is the same content)', () => {
    expect(dashboardChangeOf(recorded('vitals-s1', 'OximetryObserved', oximetryData))?.change).toMatchObject({ receivedAt: '2026-11-29T10:00:00.100Z' });
  });
  it('ignores readings of devices bound to no session, and bookkeeping streams', () => {
    expect(dashboardChangeOf(recorded('device-ox-9', 'OximetryObserved', oximetryData))).toBeUndefined();
    expect(dashboardChangeOf(recorded('device-binding-ox-1', 'DeviceAssigned', { deviceId: 'ox-1' }))).toBeUndefined();
  });
  it('ignores event types it does not show', () => expect(dashboardChangeOf(recorded('session-s1', 'RuleSetChanged', {}))).toBeUndefined());
  it('reads an alarm, its priority checked', () =>
    expect(
      dashboardChangeOf(
        recorded('session-s1', 'AlertRaised', {
          alertId: 'a1',
          ruleId: 'spo2-low',
          priority: 'high',
          kind: 'physiological',
          phase: 'dissociative',
          title: 'SpO2 low',
          minutesSinceDose: 20,
          measure: 'spo2',
          comparison: '<',
          value: 85,
          threshold: 88,
          unit: '%',
          ruleSetVersion: '2026.1',
          sessionId: 's1',
          at: '2026-11-29T10:00:10.000Z',
        }),
      )?.change,
    ).toEqual({
      type: 'AlertRaised', alertId: 'a1', ruleId: 'spo2-low', priority: 'high', kind: 'physiological', phase: 'dissociative', title: 'SpO2 low', measure: 'spo2', value: 85, threshold: 88, at: '2026-11-29T10:00:10.000Z',
    }));
  it('refuses a malformed event, naming the field, the stream and the position', () => {
    const bad = recorded('session-s1', 'AlertRaised', { alertId: 'a1', ruleId: 'r', priority: 'urgent', kind: 'technical', at: 'x' });
    expect(() => dashboardChangeOf(bad)).toThrow(UnreadableEventError);
    expect(() => dashboardChangeOf(bad)).toThrow(/^AlertRaised at position 7 \(session-s1@3\): .*priority: must be one of "high", "medium", "low", got "urgent"/);
  });
});
