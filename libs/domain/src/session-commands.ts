import type { DeviceKind } from './device-kind';
import type { DoseRoute } from './dose-route';

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
  data: { route: DoseRoute; doseMg: number; administeredAt: string; by: string; at: string };
};
export type RecordIntervention = { type: 'RecordIntervention'; data: { text: string; by: string; at: string } };
export type EndSession = { type: 'EndSession'; data: { by: string; reason?: string; at: string } };

export type SessionCommand = StartSession | BindDevice | UnbindDevice | AdministerDose | RecordIntervention | EndSession;
