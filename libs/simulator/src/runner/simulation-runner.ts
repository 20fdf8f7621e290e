import type { HttpClient } from '../http/http-client';
import { postReadings, type IngestOutcome, type IngestTarget } from '../http/ingest-api';
import { StaffApiError, staffApi, type StaffApi } from '../http/staff-api';
import { describeFieldErrors } from '../http/server-error-body';
import { createSimulatedPatient, type SimulatedPatient } from '../patient/simulated-patient';
import { readingsForSecond } from '../readings/readings-for-second';
import { splitIntoIngestBatches } from '../wire/ingest-batches';
import type { IngestReading } from '../wire/ingest-reading';
import { instantOfSecond, toIngestReading } from '../wire/to-ingest-reading';
import { SIMULATION_DEFAULTS, validateSimulationConfig, type SimulationConfig } from './simulation-config';
import { countOutcome, emptyStats, formatStats, type SimulationStats } from './simulation-stats';
import { lastDueSecond, timelineStartFor, wallOffsetOfSecond } from './simulation-timeline';

export type SimulationLog = { info(line: string): void; warn(line: string): void };

/** Everything the runner touches outside itself, injected so that tests run on a fake clock and server. */
export type SimulationPorts = {
  http: HttpClient;
  /** Wall clock, epoch ms. */
  now: () => number;
  /** Waits `ms`, or less if `signal` aborts; never rejects. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: SimulationLog;
  /** Aborting stops the run after the request in flight (SIGINT / SIGTERM in the CLI). */
  signal?: AbortSignal;
};

export type SimulatedSession = { patient: SimulatedPatient; sessionId: string };

export type SimulationReport = {
  stats: SimulationStats;
  stoppedBy: 'duration' | 'signal';
  /** Simulation seconds whose readings were all posted. */
  simulatedSeconds: number;
  sessions: SimulatedSession[];
  endedSessions: number;
};

/**
 * Readings posted per loop turn when catching up after a stall (a slow server, a retried
 * batch): a few full requests' worth, so the loop keeps checking the clock and the stop signal.
 */
const CATCH_UP_READINGS_PER_TURN = 5_000;

export async function runSimulation(config: SimulationConfig, ports: SimulationPorts): Promise<SimulationReport> {
  validateSimulationConfig(config);
  const { log, signal } = ports;
  const staff = staffApi(ports.http, config.baseUrl, config.staffToken);
  const patients = Array.from({ length: config.sessions }, (_, index) =>
    createSimulatedPatient(config.seed, index + 1, config.scenarios?.[index]),
  );

  const wallStart = ports.now();
  const timelineStart = timelineStartFor(wallStart, config.rate, config.durationSeconds);
  const sessions = await openSessions(staff, patients, config.seed, timelineStart, ports);
  if (signal?.aborted) return finish(config, staff, sessions, emptyStats(), 'signal', 0, log);
  const pendingDoses = new Map<number, SimulatedSession[]>();
  for (const session of sessions) {
    const doseSecond = Math.ceil(-session.patient.doseOffsetSeconds);
    if (doseSecond <= 0) await recordDose(staff, session, timelineStart, log);
    else pendingDoses.set(doseSecond, [...(pendingDoses.get(doseSecond) ?? []), session]);
  }

  const target: IngestTarget = { baseUrl: config.baseUrl, token: config.token, retry: config.retry ?? SIMULATION_DEFAULTS.retry };
  const summaryIntervalMs = config.summaryIntervalMs ?? SIMULATION_DEFAULTS.summaryIntervalMs;
  const maxSecondsPerTurn = Math.max(1, Math.floor(CATCH_UP_READINGS_PER_TURN / patients.length));
  const lastSecond = config.durationSeconds === undefined ? Number.POSITIVE_INFINITY : config.durationSeconds - 1;
  let stats = emptyStats();
  let reportedRejection = false;
  let nextSecond = 0;
  let lastSummaryAt = wallStart;

  while (nextSecond <= lastSecond && !signal?.aborted) {
    const elapsedMs = ports.now() - wallStart;
    const through = Math.min(lastDueSecond(elapsedMs, config.rate), lastSecond, nextSecond + maxSecondsPerTurn - 1);
    if (through < nextSecond) {
      await ports.sleep(wallOffsetOfSecond(nextSecond, config.rate) - elapsedMs, signal);
      continue;
    }

    const readings: IngestReading[] = [];
    for (let second = nextSecond; second <= through; second++) {
      for (const session of pendingDoses.get(second) ?? []) await recordDose(staff, session, timelineStart, log);
      pendingDoses.delete(second);
      for (const patient of patients) {
        for (const reading of readingsForSecond(patient, second)) readings.push(toIngestReading(patient, reading, timelineStart));
      }
    }

    let stopped = false;
    for (const batch of splitIntoIngestBatches(config.gatewayId, readings)) {
      const outcome = await postReadings({ http: ports.http, sleep: ports.sleep, signal }, target, batch);
      stats = countOutcome(stats, batch.readings.length, outcome);
      reportedRejection = reportProblems(outcome, batch.readings, reportedRejection, log);
      if (signal?.aborted) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    nextSecond = through + 1;

    if (ports.now() - lastSummaryAt >= summaryIntervalMs) {
      lastSummaryAt = ports.now();
      log.info(`+${Math.round((lastSummaryAt - wallStart) / 1000)}s simulated=${nextSecond}s ${formatStats(stats)}`);
    }
  }

  const stoppedBy = nextSecond > lastSecond ? 'duration' : 'signal';
  return finish(config, staff, sessions, stats, stoppedBy, nextSecond, log);
}

/**
 * Monitoring starts with a pre-dose baseline (the label asks for BP before dosing, docs/clinical-sources.md
 * §1.2), so a patient dosed before the simulation began has a session that started this long
 * before the dose; the server also refuses a dose timed before its session's start.
 */
const PRE_DOSE_BASELINE_SECONDS = 10 * 60;

/** Simulation second at which the patient's session started (0, or earlier for a past dose). */
const sessionStartSecond = (patient: SimulatedPatient): number =>
  patient.doseOffsetSeconds > 0 ? -patient.doseOffsetSeconds - PRE_DOSE_BASELINE_SECONDS : 0;

async function openSessions(
  staff: StaffApi,
  patients: readonly SimulatedPatient[],
  seed: number,
  timelineStart: number,
  ports: SimulationPorts,
): Promise<SimulatedSession[]> {
  const sessions: SimulatedSession[] = [];
  for (const patient of patients) {
    if (ports.signal?.aborted) break;
    const sessionId = await staff.createSession({
      room: patient.room,
      patientPseudonym: patient.pseudonym,
      clinician: `Simulator-${seed}`,
      at: instantOfSecond(timelineStart, sessionStartSecond(patient)).toISOString(),
    });
    for (const [deviceId, deviceKind] of [
      [patient.oximeterId, 'oximeter'],
      [patient.cuffId, 'bloodPressureCuff'],
    ] as const) {
      try {
        await staff.bindDevice(sessionId, { deviceId, deviceKind });
      } catch (error) {
        throw error instanceof StaffApiError && error.status === 409 ? new DeviceStillBoundError(deviceId, seed, error) : error;
      }
    }
    sessions.push({ patient, sessionId });
    ports.log.info(describeSession(patient, sessionId));
  }
  return sessions;
}

/**
 * Device ids come from the seed, and sessions are left open when a run stops, so a second run
 * with the same seed finds its devices still bound to the first run's sessions.
 */
export class DeviceStillBoundError extends Error {
  constructor(
    readonly deviceId: string,
    readonly seed: number,
    readonly serverError: StaffApiError,
  ) {
    super(
      `${serverError.message}. Device ${deviceId} is probably still bound to an open session from an earlier run ` +
        `with --seed ${seed}: end those sessions (or run with --end-sessions next time), or use another --seed`,
    );
    this.name = 'DeviceStillBoundError';
  }
}

function describeSession(patient: SimulatedPatient, sessionId: string): string {
  const { route, doseMg } = patient.profile;
  const dose = patient.doseOffsetSeconds >= 0
    ? `dosed ${Math.round(patient.doseOffsetSeconds / 60)} min ago`
    : `dose due in ${Math.round(-patient.doseOffsetSeconds / 60)} min`;
  const events = [
    patient.desaturation && `desaturation at ${patient.desaturation.startSecond}s`,
    patient.surge && `hypertensive surge at ${patient.surge.startSecond}s`,
  ].filter(Boolean);
  return (
    `session ${sessionId}: ${patient.room}, ${patient.pseudonym}, ${route} ${doseMg} mg ${dose}, ` +
    `${patient.oximeterId} + ${patient.cuffId} (${patient.gatewayProfile})` +
    (events.length > 0 ? `, ${events.join(', ')}` : '')
  );
}

/** A failed dose record is reported, not fatal: the readings are still worth sending. */
async function recordDose(staff: StaffApi, session: SimulatedSession, timelineStart: number, log: SimulationLog): Promise<void> {
  const { patient } = session;
  const administeredAt = instantOfSecond(timelineStart, -patient.doseOffsetSeconds).toISOString();
  try {
    await staff.recordDose(session.sessionId, { route: patient.profile.route, doseMg: patient.profile.doseMg, administeredAt });
    log.info(`session ${session.sessionId}: dose recorded, ${patient.profile.route} ${patient.profile.doseMg} mg at ${administeredAt}`);
  } catch (error) {
    log.warn(`session ${session.sessionId}: could not record the dose: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function reportProblems(
  outcome: IngestOutcome,
  readings: readonly IngestReading[],
  reportedRejection: boolean,
  log: SimulationLog,
): boolean {
  if (outcome.outcome === 'refused') {
    log.warn(`ingest refused a batch of ${readings.length} readings: ${outcome.status} ${outcome.message}`);
  } else if (outcome.outcome === 'undelivered') {
    log.warn(`a batch of ${readings.length} readings was not delivered: ${outcome.reason}`);
  } else if (outcome.rejected.length > 0 && !reportedRejection) {
    const first = outcome.rejected[0];
    const reading = first && readings[first.index];
    log.warn(
      `ingest rejected ${outcome.rejected.length} reading(s); first: ${reading ? `${reading.kind} from ${reading.deviceId}` : `index ${first?.index}`}` +
        ` (${describeFieldErrors(first?.errors ?? [])}); later rejections are only counted`,
    );
    return true;
  }
  return reportedRejection;
}

async function finish(
  config: SimulationConfig,
  staff: StaffApi,
  sessions: SimulatedSession[],
  stats: SimulationStats,
  stoppedBy: SimulationReport['stoppedBy'],
  simulatedSeconds: number,
  log: SimulationLog,
): Promise<SimulationReport> {
  let endedSessions = 0;
  if (config.endSessions) {
    for (const session of sessions) {
      try {
        await staff.endSession(session.sessionId);
        endedSessions++;
      } catch (error) {
        log.warn(`session ${session.sessionId}: could not end it: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { stats, stoppedBy, simulatedSeconds, sessions, endedSessions };
}
