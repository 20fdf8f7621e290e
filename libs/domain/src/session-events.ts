import type { DeviceKind } from './device-kind';
import type { DoseRoute } from './dose-route';
import type { Drug } from './drug';
import type { Confirmation } from './safeguards';

// Events are past-tense facts (DESIGN.md "Events"). `at` is when the fact happened (clinician or
// device time); the store records when it was written.
export type SessionStarted = {
  type: 'SessionStarted';
  data: { sessionId: string; room: string; patientPseudonym: string; clinician: string; at: string };
};
export type DeviceBound = {
  type: 'DeviceBound';
  data: { sessionId: string; deviceId: string; deviceKind: DeviceKind; by: string; at: string };
};
export type DeviceUnbound = {
  type: 'DeviceUnbound';
  data: { sessionId: string; deviceId: string; deviceKind: DeviceKind; by: string; at: string; reason: 'unbound' | 'session-ended' };
};
export type DoseAdministered = {
  type: 'DoseAdministered';
  data: {
    sessionId: string;
    route: DoseRoute;
    doseMg: number;
    administeredAt: string;
    by: string;
    booster: boolean;
    at: string;
    /** Absent in events stored before issue 14: ketamine. */
    drug?: Drug;
    /** The clinician confirmed despite what a safeguard found missing (esketamine). */
    confirmation?: Confirmation;
    /** What a safeguard found missing when no confirmation was required (ketamine). */
    warnings?: string[];
  };
};
export type InterventionRecorded = {
  type: 'InterventionRecorded';
  data: { sessionId: string; text: string; by: string; at: string };
};
export type SessionEnded = {
  type: 'SessionEnded';
  data: { sessionId: string; by: string; reason?: string; at: string; confirmation?: Confirmation; warnings?: string[] };
};

export type SessionCommandEvent =
  | SessionStarted
  | DeviceBound
  | DeviceUnbound
  | DoseAdministered
  | InterventionRecorded
  | SessionEnded;

export const SESSION_COMMAND_EVENT_TYPES: readonly SessionCommandEvent['type'][] = [
  'SessionStarted',
  'DeviceBound',
  'DeviceUnbound',
  'DoseAdministered',
  'InterventionRecorded',
  'SessionEnded',
];

