import type { SessionCommand } from './session-commands';
import type { SessionCommandEvent } from './session-events';
import { decideSession, evolveSession, initialSessionState } from './session';
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
    // A dose without a drug is ketamine, and the event says so.
    it('records the first dose', () => given(started).when(dose).then({ ...dosed, data: { ...dosed.data, drug: 'ketamine' } } as SessionCommandEvent));
    it('records a later dose as a booster', () =>
      given(started, dosed)
        .when({ type: 'AdministerDose', data: { route: 'intramuscular', doseMg: 50, administeredAt: T2, by: 'Dr Reyes', at: T2 } })
        .then({ type: 'DoseAdministered', data: { sessionId: ID, route: 'intramuscular', doseMg: 50, administeredAt: T2, by: 'Dr Reyes', booster: true, at: T2, drug: 'ketamine' } }));
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

describe('REMS safeguards (issue 14)', () => {
  const DOSE_AT = '2026-11-29T10:30:00.000Z';
  const dose = (data: Partial<Extract<SessionCommand, { type: 'AdministerDose' }>['data']>): SessionCommand => ({
    type: 'AdministerDose',
    data: { route: 'intranasal', doseMg: 56, administeredAt: DOSE_AT, by: 'Dr Reyes', at: DOSE_AT, ...data },
  });
  const esketamineDosed: SessionCommandEvent = {
    type: 'DoseAdministered',
    data: { sessionId: ID, route: 'intranasal', doseMg: 56, administeredAt: DOSE_AT, by: 'Dr Reyes', booster: false, at: DOSE_AT, drug: 'esketamine' },
  };
  const end = (at: string, data: Partial<Extract<SessionCommand, { type: 'EndSession' }>['data']> = {}): SessionCommand => ({
    type: 'EndSession',
    data: { by: 'Dr Reyes', at, facts: { observationMinutes: 120, vitalsOutsideThresholds: [] }, ...data },
  });

  describe('an esketamine dose', () => {
    it('with a blood pressure 10 minutes before it is recorded with its drug', () =>
      given(started)
        .when(dose({ drug: 'esketamine', facts: { lastBloodPressureAt: '2026-11-29T10:20:00.000Z' } }))
        .then({ ...esketamineDosed }));
    it('with no blood pressure in the 30 minutes before it is refused, naming what is missing', () =>
      given(started)
        .when(dose({ drug: 'esketamine', facts: { lastBloodPressureAt: '2026-11-29T09:59:00.000Z' } }))
        .thenRejects(ConfirmationRequiredError, /no blood pressure recorded in the 30 minutes before the dose/));
    it('with a confirmation is recorded with the reason and what was missing', () =>
      given(started)
        .when(dose({ drug: 'esketamine', facts: {}, confirm: { reason: 'cuff failed; manual BP 128/82 on paper' } }))
        .then({
          ...esketamineDosed,
          data: {
            ...esketamineDosed.data,
            confirmation: { reason: 'cuff failed; manual BP 128/82 on paper', missing: ['no blood pressure recorded in the 30 minutes before the dose'] },
          },
        }));
  });

  describe('a ketamine dose', () => {
    it('with no blood pressure before it is recorded with a warning', () =>
      given(started)
        .when(dose({ route: 'intramuscular', doseMg: 35, facts: {} }))
        .then({
          type: 'DoseAdministered',
          data: {
            sessionId: ID,
            route: 'intramuscular',
            doseMg: 35,
            administeredAt: DOSE_AT,
            by: 'Dr Reyes',
            booster: false,
            at: DOSE_AT,
            drug: 'ketamine',
            warnings: ['no blood pressure recorded in the 30 minutes before the dose'],
          },
        }));
  });

  describe('ending', () => {
    it('an esketamine session 19 s after the dose is refused, naming the observation minimum', () =>
      given(started, esketamineDosed).when(end('2026-11-29T10:30:19.000Z')).thenRejects(ConfirmationRequiredError, /observation minimum of 120 min after the dose not reached \(19 s observed\)/));
    it('an esketamine session after 2 hours with vitals outside the thresholds is refused, naming them', () =>
      given(started, esketamineDosed)
        .when(end('2026-11-29T12:31:00.000Z', { facts: { observationMinutes: 120, vitalsOutsideThresholds: ['SpO2 89 % (spo2-low: < 92)'] } }))
        .thenRejects(ConfirmationRequiredError, /SpO2 89 %/));
    it('an esketamine session after 2 hours with vitals within the thresholds ends', () =>
      given(started, esketamineDosed).when(end('2026-11-29T12:31:00.000Z')).then({ type: 'SessionEnded', data: { sessionId: ID, by: 'Dr Reyes', at: '2026-11-29T12:31:00.000Z' } }));
    it('early with a confirmation records the reason', () =>
      given(started, esketamineDosed)
        .when(end('2026-11-29T12:00:00.000Z', { confirm: { reason: 'transferred to ED' } }))
        .then({
          type: 'SessionEnded',
          data: {
            sessionId: ID,
            by: 'Dr Reyes',
            at: '2026-11-29T12:00:00.000Z',
            confirmation: { reason: 'transferred to ED', missing: ['observation minimum of 120 min after the dose not reached (90 min observed)'] },
          },
        }));
    it('a ketamine session early records warnings', () =>
      given(started, dosed)
        .when(end('2026-11-29T10:05:19.000Z'))
        .then({
          type: 'SessionEnded',
          data: { sessionId: ID, by: 'Dr Reyes', at: '2026-11-29T10:05:19.000Z', warnings: ['observation minimum of 120 min after the dose not reached (19 s observed)'] },
        }));
    it('rejects an empty confirmation reason', () =>
      given(started, esketamineDosed).when(end('2026-11-29T10:31:00.000Z', { confirm: { reason: ' ' } })).thenRejects(InvalidCommandError, /confirm.reason/));
  });
});
