import type { SessionCommand } from './session-commands';
import type { SessionCommandEvent } from './session-events';
import { decideSession, evolveSession, initialSessionState } from './session';
import {
  DeviceAlreadyBoundError,
  DeviceNotBoundError,
  BeforeSessionStartError,
  InvalidCommandError,
  SessionAlreadyStartedError,
  SessionEndedError,
  SessionNotFoundError,
} from './session-errors';

const ID = 's1';
const T0 = '2026-11-29T10:00:00.000Z';
const T1 = '2026-11-29T10:05:00.000Z';
const T2 = '2026-11-29T10:50:00.000Z';

// Given / When / Then on events: the whole behaviour of the aggregate, with no mocks.
const given = (...history: SessionCommandEvent[]) => ({
  when: (command: SessionCommand) => {
    const state = history.reduce(evolveSession, initialSessionState());
    const run = () => decideSession(command, state, ID);
    return {
      then: (...expected: SessionCommandEvent[]) => expect(run()).toEqual(expected),
      thenRejects: (error: new (...args: never[]) => Error, message?: RegExp) => {
        expect(run).toThrow(error);
        if (message) expect(run).toThrow(message);
      },
    };
  },
});

const started: SessionCommandEvent = {
  type: 'SessionStarted',
  data: { sessionId: ID, room: 'Room 2', patientPseudonym: 'P-0042', clinician: 'Dr Reyes', at: T0 },
};
const oximeterBound: SessionCommandEvent = {
  type: 'DeviceBound',
  data: { sessionId: ID, deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: T0 },
};
const cuffBound: SessionCommandEvent = {
  type: 'DeviceBound',
  data: { sessionId: ID, deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'nurse', at: T0 },
};
const dosed: SessionCommandEvent = {
  type: 'DoseAdministered',
  data: { sessionId: ID, route: 'sublingual', doseMg: 200, administeredAt: T1, by: 'Dr Reyes', booster: false, at: T1 },
};
const ended: SessionCommandEvent = { type: 'SessionEnded', data: { sessionId: ID, by: 'Dr Reyes', at: T2 } };

describe('session aggregate', () => {
  describe('StartSession', () => {
    const start: SessionCommand = { type: 'StartSession', data: { sessionId: ID, room: 'Room 2', patientPseudonym: 'P-0042', clinician: 'Dr Reyes', at: T0 } };
    it('starts a new session', () => given().when(start).then(started));
    it('rejects a second start', () => given(started).when(start).thenRejects(SessionAlreadyStartedError));
    it('rejects a start after the end', () => given(started, ended).when(start).thenRejects(SessionAlreadyStartedError));
    it('rejects an empty room', () =>
      given().when({ ...start, data: { ...start.data, room: '  ' } } as SessionCommand).thenRejects(InvalidCommandError, /room: must not be empty/));
  });

  describe('BindDevice', () => {
    const bind: SessionCommand = { type: 'BindDevice', data: { deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: T0 } };
    it('binds a free device', () => given(started).when(bind).then(oximeterBound));
    it('binds a second device of another kind', () =>
      given(started, oximeterBound)
        .when({ type: 'BindDevice', data: { deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'nurse', at: T0 } })
        .then(cuffBound));
    it('rejects a device this session already holds', () =>
      given(started, oximeterBound).when(bind).thenRejects(DeviceAlreadyBoundError, /already bound to session s1/));
    it('rejects a device another active session holds', () =>
      given(started)
        .when({ type: 'BindDevice', data: { ...bind.data, heldBySessionId: 's9' } } as SessionCommand)
        .thenRejects(DeviceAlreadyBoundError, /held by active session s9/));
    it('rejects binding to an unknown session', () => given().when(bind).thenRejects(SessionNotFoundError));
    it('rejects binding after the end', () => given(started, ended).when(bind).thenRejects(SessionEndedError, /BindDevice is not allowed/));
  });

  describe('UnbindDevice', () => {
    const unbind: SessionCommand = { type: 'UnbindDevice', data: { deviceId: 'ox-1', by: 'nurse', at: T1 } };
    it('unbinds a bound device', () =>
      given(started, oximeterBound)
        .when(unbind)
        .then({ type: 'DeviceUnbound', data: { sessionId: ID, deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: T1, reason: 'unbound' } }));
    it('rejects a device that is not bound', () => given(started).when(unbind).thenRejects(DeviceNotBoundError));
    it('lets a device be bound again after it was unbound', () =>
      given(started, oximeterBound, { type: 'DeviceUnbound', data: { sessionId: ID, deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: T1, reason: 'unbound' } })
        .when({ type: 'BindDevice', data: { deviceId: 'ox-1', deviceKind: 'oximeter', by: 'nurse', at: T0 } })
        .then(oximeterBound));
    it('rejects unbinding after the end', () => given(started, oximeterBound, ended).when(unbind).thenRejects(SessionEndedError));
  });

  describe('AdministerDose', () => {
    const dose: SessionCommand = { type: 'AdministerDose', data: { route: 'sublingual', doseMg: 200, administeredAt: T1, by: 'Dr Reyes', at: T1 } };
    it('records the first dose', () => given(started).when(dose).then(dosed));
    it('records a later dose as a booster', () =>
      given(started, dosed)
        .when({ type: 'AdministerDose', data: { route: 'intramuscular', doseMg: 50, administeredAt: T2, by: 'Dr Reyes', at: T2 } })
        .then({ type: 'DoseAdministered', data: { sessionId: ID, route: 'intramuscular', doseMg: 50, administeredAt: T2, by: 'Dr Reyes', booster: true, at: T2 } }));
    it('rejects a dose before the session started', () => given().when(dose).thenRejects(SessionNotFoundError));
    it('rejects a dose timed before the session start', () =>
      given(started)
        .when({ type: 'AdministerDose', data: { ...dose.data, administeredAt: '2026-11-29T09:59:59.000Z' } } as SessionCommand)
        .thenRejects(BeforeSessionStartError));
    it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a dose of %p mg', (doseMg) =>
      given(started).when({ type: 'AdministerDose', data: { ...dose.data, doseMg } } as SessionCommand).thenRejects(InvalidCommandError, /doseMg/));
    it('rejects a dose after the end', () => given(started, ended).when(dose).thenRejects(SessionEndedError));
  });

  describe('RecordIntervention', () => {
    const note: SessionCommand = { type: 'RecordIntervention', data: { text: 'Repositioned the oximeter probe', by: 'nurse', at: T1 } };
    it('records an intervention', () =>
      given(started).when(note).then({ type: 'InterventionRecorded', data: { sessionId: ID, text: 'Repositioned the oximeter probe', by: 'nurse', at: T1 } }));
    it('rejects an empty text', () =>
      given(started).when({ type: 'RecordIntervention', data: { text: '', by: 'nurse', at: T1 } }).thenRejects(InvalidCommandError, /text/));
    it('rejects an intervention on an unknown session', () => given().when(note).thenRejects(SessionNotFoundError));
    it('rejects an intervention after the end', () => given(started, ended).when(note).thenRejects(SessionEndedError));
  });

  describe('EndSession', () => {
    const end: SessionCommand = { type: 'EndSession', data: { by: 'Dr Reyes', at: T2 } };
    it('ends a session and releases every bound device', () =>
      given(started, oximeterBound, cuffBound, dosed)
        .when(end)
        .then(
          { type: 'DeviceUnbound', data: { sessionId: ID, deviceId: 'ox-1', deviceKind: 'oximeter', by: 'Dr Reyes', at: T2, reason: 'session-ended' } },
          { type: 'DeviceUnbound', data: { sessionId: ID, deviceId: 'bp-1', deviceKind: 'bloodPressureCuff', by: 'Dr Reyes', at: T2, reason: 'session-ended' } },
          ended,
        ));
    it('keeps the reason when given', () =>
      given(started).when({ type: 'EndSession', data: { by: 'Dr Reyes', reason: 'discharged', at: T2 } }).then({ type: 'SessionEnded', data: { sessionId: ID, by: 'Dr Reyes', reason: 'discharged', at: T2 } }));
    it('rejects ending twice', () => given(started, ended).when(end).thenRejects(SessionEndedError));
    it('rejects ending an unknown session', () => given().when(end).thenRejects(SessionNotFoundError));
  });
});
