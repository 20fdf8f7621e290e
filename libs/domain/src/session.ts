import type { DeviceKind } from './device-kind';
import type { DoseRoute } from './dose-route';
import { sessionDrug, type Drug } from './drug';
import { confirmationRequired, doseFindings, endFindings, type Confirmation } from './safeguards';
import type { SessionCommand } from './session-commands';
import type { SessionCommandEvent } from './session-events';
import {
  ConfirmationRequiredError,
  DeviceAlreadyBoundError,
  DeviceNotBoundError,
  BeforeSessionStartError,
  InvalidCommandError,
  SessionAlreadyStartedError,
  SessionEndedError,
  SessionNotFoundError,
} from './session-errors';

export type Dose = { route: DoseRoute; doseMg: number; administeredAt: string; drug: Drug };

export type SessionState =
  | { status: 'none' }
  | {
      status: 'active' | 'ended';
      sessionId: string;
      room: string;
      patientPseudonym: string;
      clinician: string;
      startedAt: string;
      endedAt?: string;
      devices: ReadonlyMap<string, DeviceKind>;
      doses: readonly Dose[];
    };

export const initialSessionState = (): SessionState => ({ status: 'none' });

export function evolveSession(state: SessionState, event: SessionCommandEvent): SessionState {
  switch (event.type) {
    case 'SessionStarted':
      return {
        status: 'active',
        sessionId: event.data.sessionId,
        room: event.data.room,
        patientPseudonym: event.data.patientPseudonym,
        clinician: event.data.clinician,
        startedAt: event.data.at,
        devices: new Map(),
        doses: [],
      };
    case 'DeviceBound': {
      if (state.status === 'none') return state;
      const devices = new Map(state.devices);
      devices.set(event.data.deviceId, event.data.deviceKind);
      return { ...state, devices };
    }
    case 'DeviceUnbound': {
      if (state.status === 'none') return state;
      const devices = new Map(state.devices);
      devices.delete(event.data.deviceId);
      return { ...state, devices };
    }
    case 'DoseAdministered':
      if (state.status === 'none') return state;
      return {
        ...state,
        doses: [
          ...state.doses,
          { route: event.data.route, doseMg: event.data.doseMg, administeredAt: event.data.administeredAt, drug: event.data.drug ?? 'ketamine' },
        ],
      };
    case 'InterventionRecorded':
      return state;
    case 'SessionEnded':
      if (state.status === 'none') return state;
      return { ...state, status: 'ended', endedAt: event.data.at };
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

/**
 * Decides the events a command produces against the session's current state, or throws a typed
 * rejection. `sessionId` names the stream the command is addressed to.
 */
export function decideSession(command: SessionCommand, state: SessionState, sessionId: string): SessionCommandEvent[] {
  if (command.type === 'StartSession') {
    if (state.status !== 'none') throw new SessionAlreadyStartedError(sessionId);
    requireText(sessionId, 'room', command.data.room);
    requireText(sessionId, 'patientPseudonym', command.data.patientPseudonym);
    requireText(sessionId, 'clinician', command.data.clinician);
    return [{ type: 'SessionStarted', data: { ...command.data, sessionId } }];
  }
  if (state.status === 'none') throw new SessionNotFoundError(sessionId);
  if (state.status === 'ended') throw new SessionEndedError(sessionId, command.type, state.endedAt ?? state.startedAt);

  switch (command.type) {
    case 'BindDevice': {
      const { deviceId, deviceKind, by, at, heldBySessionId } = command.data;
      requireText(sessionId, 'deviceId', deviceId);
      if (state.devices.has(deviceId)) throw new DeviceAlreadyBoundError(sessionId, deviceId, sessionId);
      // The device registry (another stream) tells who else holds the device; one device feeds one patient.
      if (heldBySessionId !== undefined && heldBySessionId !== sessionId) {
        throw new DeviceAlreadyBoundError(sessionId, deviceId, heldBySessionId);
      }
      return [{ type: 'DeviceBound', data: { sessionId, deviceId, deviceKind, by, at } }];
    }
    case 'UnbindDevice': {
      const deviceKind = state.devices.get(command.data.deviceId);
      if (deviceKind === undefined) throw new DeviceNotBoundError(sessionId, command.data.deviceId);
      return [{ type: 'DeviceUnbound', data: { sessionId, ...command.data, deviceKind, reason: 'unbound' } }];
    }
    case 'AdministerDose': {
      const { route, doseMg, administeredAt, by, at, drug = 'ketamine', confirm, facts } = command.data;
      if (!Number.isFinite(doseMg) || doseMg <= 0) {
        throw new InvalidCommandError(sessionId, 'doseMg', `must be a positive number of milligrams, got ${doseMg}`);
      }
      if (Date.parse(administeredAt) < Date.parse(state.startedAt)) {
        throw new BeforeSessionStartError(sessionId, 'administeredAt', administeredAt, state.startedAt);
      }
      // A later dose is a booster: allowed, and it extends the dissociative window (issue #4).
      const booster = state.doses.length > 0;
      const checked = checkSafeguards(sessionId, command.type, sessionDrug([...state.doses, { drug }]), doseFindings(administeredAt, facts), confirm);
      return [{ type: 'DoseAdministered', data: { sessionId, route, doseMg, administeredAt, by, booster, at, drug, ...checked } }];
    }
    case 'RecordIntervention':
      requireText(sessionId, 'text', command.data.text);
      if (Date.parse(command.data.at) < Date.parse(state.startedAt)) throw new BeforeSessionStartError(sessionId, 'at', command.data.at, state.startedAt);
      return [{ type: 'InterventionRecorded', data: { sessionId, ...command.data } }];
    case 'EndSession': {
      const { by, reason, at, confirm, facts } = command.data;
      const latestDose = [...state.doses].sort((a, b) => Date.parse(a.administeredAt) - Date.parse(b.administeredAt)).pop();
      const checked = checkSafeguards(sessionId, command.type, sessionDrug(state.doses), endFindings(latestDose?.administeredAt, at, facts), confirm);
      // Ending releases every device, so the next patient's session can bind them.
      const releases: SessionCommandEvent[] = [...state.devices].map(([deviceId, deviceKind]) => ({
        type: 'DeviceUnbound',
        data: { sessionId, deviceId, deviceKind, by, at, reason: 'session-ended' },
      }));
      return [...releases, { type: 'SessionEnded', data: { sessionId, by, at, ...(reason ? { reason } : {}), ...checked } }];
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

/**
 * Findings with a confirmation are recorded with its reason; without one, esketamine is refused
 * (409 naming what is missing) and ketamine records them as warnings. A confirmation given when
 * nothing was missing is recorded too: the clinician's words belong to the record.
 */
function checkSafeguards(
  sessionId: string,
  command: string,
  drug: Drug,
  findings: string[],
  confirm: { reason: string } | undefined,
): { confirmation?: Confirmation; warnings?: string[] } {
  if (confirm !== undefined) {
    requireText(sessionId, 'confirm.reason', confirm.reason);
    return { confirmation: { reason: confirm.reason, missing: findings } };
  }
  if (findings.length === 0) return {};
  if (confirmationRequired(drug)) throw new ConfirmationRequiredError(sessionId, command, findings);
  return { warnings: findings };
}

function requireText(sessionId: string, field: string, value: string): void {
  if (value.trim().length === 0) throw new InvalidCommandError(sessionId, field, 'must not be empty');
}
