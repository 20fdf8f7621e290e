import { evolveSession, initialSessionState, type SessionCommandEvent } from '@vigil/domain';
import type { NewEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { defaultRuleSet } from '@vigil/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doseFactsOf, endFactsOf } from './safeguard-facts';

// The facts the REMS safeguards read from the stored readings, against a real SQLite store.
const T = (minute: number, second = 0) => new Date(Date.parse('2026-11-30T09:00:00.000Z') + minute * 60_000 + second * 1000).toISOString();
const started: SessionCommandEvent = { type: 'SessionStarted', data: { sessionId: 's1', room: 'R', patientPseudonym: 'P', clinician: 'Dr', at: T(0) } };
const dosed: SessionCommandEvent = {
  type: 'DoseAdministered',
  data: { sessionId: 's1', route: 'intranasal', doseMg: 56, administeredAt: T(10), by: 'Dr', booster: false, at: T(10), drug: 'esketamine' },
};
let n = 0;
const event = (type: string, data: NewEvent['data'], at: string): NewEvent => ({ id: `e${n++}`, type, data, occurredAt: at });
const ox = (at: string, spo2: number | null, sensorOff = false) =>
  event('OximetryObserved', { sessionId: 's1', deviceId: 'ox', gatewayId: 'gw', spo2, pulseRate: spo2 === null ? null : 80, sensorOff, measuredAt: at, source: 'decoded' }, at);
const bp = (at: string, systolic: number, diastolic: number) =>
  event('BloodPressureObserved', { sessionId: 's1', deviceId: 'bp', gatewayId: 'gw', systolic, diastolic, measuredAt: at, source: 'decoded' }, at);

describe('safeguard facts from the stored readings', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-safeguards-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // As the app stores them: the start in the commands' stream, readings in the readings' stream (docs/streams.md).
  const record = async (...readings: NewEvent[]) => {
    await store.appendToStream('session-s1', [event('SessionStarted', started.data, T(0))], { expectedRevision: 'no-stream' });
    await store.appendToStream('vitals-s1', readings, { expectedRevision: 'no-stream' });
  };
  const state = evolveSession(evolveSession(initialSessionState(), started), dosed);

  it('given cuff readings at 09:02 and 09:20, the dose at 09:10 sees the 09:02 one as the latest before it', async () => {
    await record(bp(T(2), 128, 82), bp(T(20), 140, 90));
    expect(await doseFactsOf(store, 's1', T(10))).toEqual({ lastBloodPressureAt: T(2) });
    expect(await doseFactsOf(store, 's1', T(1))).toEqual({});
  });

  it('given SpO2 89 % as the latest valid reading, then more than 1,000 sensor-off readings, ending names the SpO2 below the threshold', async () => {
    const sensorOff = Array.from({ length: 1200 }, (_, i) => ox(T(60, i + 1), null, true));
    await record(bp(T(50), 150, 92), ox(T(60), 89), ...sensorOff);
    expect(await endFactsOf(store, 's1', state, defaultRuleSet)).toEqual({ observationMinutes: 120, vitalsOutsideThresholds: ['SpO2 89 % (spo2-low: < 92)'] });
  });

  it('given no reading after the dose, ending says no vital signs were recorded', async () => {
    await record(bp(T(2), 128, 82), ox(T(5), 97));
    expect((await endFactsOf(store, 's1', state, defaultRuleSet)).vitalsOutsideThresholds).toEqual(['no vital signs recorded after the dose']);
  });
});
