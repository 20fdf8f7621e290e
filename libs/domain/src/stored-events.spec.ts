import { readReadingEvent, readSessionCommandEvent, readStoredEvent, StoredEventSchemaError } from './stored-events';

const stored = (type: string, data: Record<string, unknown>) => ({ stream: 'session-s1', revision: 3, type, data });
const dose = { sessionId: 's1', route: 'sublingual', doseMg: 200, administeredAt: '2026-12-02T10:00:00.000Z', by: 'Dr A', booster: false, at: '2026-12-02T10:00:05.000Z', drug: 'esketamine' };

describe('reading stored staff-command events through their schema', () => {
  it('gives back an event that fits, typed', () => {
    expect(readSessionCommandEvent(stored('DoseAdministered', dose))).toEqual({ type: 'DoseAdministered', data: dose });
  });

  it('upcasts a dose recorded before drugs were named to ketamine, in one place', () => {
    const { drug: _drug, ...old } = dose;
    expect(readSessionCommandEvent(stored('DoseAdministered', old)).data).toEqual({ ...old, drug: 'ketamine' });
  });

  it.each([
    ['a missing field', { ...dose, by: undefined }, /by: is required/],
    ['a wrong type', { ...dose, doseMg: '200' }, /doseMg: must be a number, got "200"/],
    ['a value outside its set', { ...dose, route: 'rectal' }, /route: must be one of "sublingual", .*got "rectal"/],
    ['a field the schema does not know', { ...dose, hidden: true }, /hidden: is not a known field/],
  ])('refuses %s, naming the stream, revision and field', (_what, data, reason) => {
    const read = () => readSessionCommandEvent(stored('DoseAdministered', JSON.parse(JSON.stringify(data)) as Record<string, unknown>));
    expect(read).toThrow(StoredEventSchemaError);
    expect(read).toThrow(/session-s1@3/);
    expect(read).toThrow(reason);
  });

  it('refuses an event type that is not a staff command', () => {
    expect(() => readSessionCommandEvent(stored('OximetryObserved', {}))).toThrow(/not a staff command event/);
  });
});

describe('reading stored readings and alarm events through their schema', () => {
  const oximetry = { sessionId: 's1', deviceId: 'ox-1', gatewayId: 'gw-1', spo2: null, pulseRate: null, sensorOff: true, measuredAt: '2026-12-02T10:00:00.000Z', source: 'decoded', seq: 4 };
  const raised = {
    sessionId: 's1', alertId: 'a1', ruleId: 'spo2-low', ruleSetVersion: 'kap-default@1.1.0', at: '2026-12-02T10:01:00.000Z', title: 'SpO2 low', priority: 'medium',
    kind: 'physiological', phase: 'dissociative', minutesSinceDose: 12, measure: 'spo2', comparison: '<', value: 89, threshold: 92, unit: '%',
  };

  it('gives back a reading and an alarm that fit, typed', () => {
    expect(readReadingEvent({ stream: 'vitals-s1', revision: 0, type: 'OximetryObserved', data: oximetry })).toEqual({ type: 'OximetryObserved', data: oximetry });
    expect(readStoredEvent({ stream: 'alarms-s1', revision: 0, type: 'AlertRaised', data: raised })).toEqual({ type: 'AlertRaised', data: raised });
  });

  it.each([
    ['a reading value that is text', 'OximetryObserved', { ...oximetry, spo2: '97' }, /vitals-s1@7 .*spo2: must be a number or null, got "97"/],
    ['a reading without its device', 'OximetryObserved', { ...oximetry, deviceId: undefined }, /deviceId: is required/],
    ['an alarm priority outside the vocabulary', 'AlertRaised', { ...raised, priority: 'urgent' }, /priority: must be one of "high", "medium", "low", got "urgent"/],
    ['an alarm unit outside UCUM', 'AlertRaised', { ...raised, unit: 'percent' }, /unit: must be one of "%"/],
    ['a clear without its reason', 'AlertCleared', { sessionId: 's1', alertId: 'a1', ruleId: 'r', ruleSetVersion: 'v', at: raised.at, phase: 'onset' }, /reason: is required/],
  ])('refuses %s', (_what, type, data, reason) => {
    const stream = type === 'OximetryObserved' ? 'vitals-s1' : 'alarms-s1';
    expect(() => readStoredEvent({ stream, revision: 7, type, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> })).toThrow(reason);
  });

  it('refuses a type no session record holds, and a prototype name as a type', () => {
    expect(() => readStoredEvent({ stream: 'x', revision: 0, type: 'Unknown', data: {} })).toThrow(/not an event of a session's record/);
    expect(() => readReadingEvent({ stream: 'x', revision: 0, type: 'toString', data: {} })).toThrow(/not a reading/);
  });
});
