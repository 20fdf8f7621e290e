import type { NewEvent } from '@vigil/event-store';

/** Session events for dashboard tests: a session's start and oximetry readings `s` seconds after `t0`, each with a fresh id. */
export function givenSessionEvents(t0: string) {
  const start = Date.parse(t0);
  const iso = (seconds: number) => new Date(start + seconds * 1000).toISOString();
  let seq = 0;
  return {
    iso,
    started: (id: string): NewEvent => ({
      id: `ev-${++seq}`,
      type: 'SessionStarted',
      data: { sessionId: id, room: `Room ${id}`, patientPseudonym: `P-${id}`, clinician: 'Dr Reyes', at: iso(0) },
      occurredAt: iso(0),
    }),
    reading: (id: string, s: number): NewEvent => ({
      id: `ev-${++seq}`,
      type: 'OximetryObserved',
      data: { sessionId: id, deviceId: `ox-${id}`, gatewayId: 'gw-1', spo2: 90 + (s % 10), pulseRate: 70, sensorOff: false, measuredAt: iso(s), source: 'decoded' },
      occurredAt: iso(s),
    }),
  };
}
