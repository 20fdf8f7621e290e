import type { DeviceKind } from './device-kind';
import type { DoseRoute } from './dose-route';
import type { Drug } from './drug';
import type { DoseFacts, EndFacts } from './safeguards';

// Commands are requests; `at` comes from the caller (clinician time or the server's clock port),
// never from inside `decide`, so decisions replay deterministically.
export type StartSession = {
  type: 'StartSession';
  data: { sessionId: string; room: string; patientPseudonym: string; clinician: string; at: string };
};
export type BindDevice = {
  type: 'BindDevice';
  data: { deviceId: string; deviceKind: DeviceKind; by: string; at: string; heldBySessionId?: string };
};
export type UnbindDevice = { type: 'UnbindDevice'; data: { deviceId: string; by: string; at: string } };
export type AdministerDose = {
  type: 'AdministerDose';
  data: {
    route: DoseRoute;
    doseMg: number;
    administeredAt: string;
    by: string;
    at: string;
    drug?: Drug;
    confirm?: { reason: string };
    /** Gathered by the application service; without them no safeguard is checked. */
    facts?: DoseFacts;
  };
};
export type RecordIntervention = { type: 'RecordIntervention'; data: { text: string; by: string; at: string } };
export type EndSession = {
  type: 'EndSession';
  data: { by: string; reason?: string; at: string; confirm?: { reason: string }; facts?: EndFacts };
};

export type SessionCommand = StartSession | BindDevice | UnbindDevice | AdministerDose | RecordIntervention | EndSession;
