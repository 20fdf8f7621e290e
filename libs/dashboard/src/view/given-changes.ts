import type { DashboardChange, PositionedChange, SessionView } from '../protocol';
import { evolveSessionView } from './session-view-evolve';

// Test support for the Given / When / Then specs of the view (not part of the page bundle).
export const SESSION_ID = 's1';
export const at = (hhmmss: string): string => `2026-11-29T${hhmmss}.000Z`;

export function given(...history: DashboardChange[]) {
  const positioned = history.map((change, index): PositionedChange => ({ position: index + 1, sessionId: SESSION_ID, change }));
  const start = positioned.reduce<SessionView | undefined>(evolveSessionView, undefined);
  let next = positioned.length + 1;
  return {
    view: start,
    when: (...changes: (DashboardChange | PositionedChange)[]) => {
      const view = changes
        .map((change): PositionedChange => ('change' in change ? change : { position: next++, sessionId: SESSION_ID, change }))
        .reduce<SessionView | undefined>(evolveSessionView, start);
      return { then: (check: (view: SessionView | undefined) => void) => check(view), view };
    },
  };
}

export const started: DashboardChange = { type: 'SessionStarted', room: 'Room 2', patientPseudonym: 'P-0042', clinician: 'Dr Reyes', at: at('10:00:00') };
export const oximeterBound: DashboardChange = { type: 'DeviceBound', deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: at('10:00:00') };
export const cuffBound: DashboardChange = { type: 'DeviceBound', deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'nurse', at: at('10:00:00') };
export const dose = (administeredAt: string, booster = false): DashboardChange => ({
  type: 'DoseAdministered',
  route: 'intranasal',
  doseMg: 56,
  administeredAt,
  booster,
  by: 'Dr Reyes',
  at: administeredAt,
});
export const oximetry = (measuredAt: string, spo2: number | null, pulseRate: number | null = 72, sensorOff = false): DashboardChange => ({
  type: 'OximetryObserved',
  deviceId: 'ox-1',
  spo2,
  pulseRate,
  sensorOff,
  measuredAt,
  receivedAt: measuredAt,
});
export const bloodPressure = (measuredAt: string, systolic: number, diastolic: number): DashboardChange => ({
  type: 'BloodPressureObserved',
  deviceId: 'bp-1',
  systolic,
  diastolic,
  measuredAt,
  receivedAt: measuredAt,
});
