import type { SimulatedPatient } from '../patient/simulated-patient';
import type { SimulatedBloodPressure, SimulatedOximetry, SimulatedReading } from '../readings/simulated-reading';
import { encodeBloodPressureAsGatt, encodeOximetryAsGatt } from './gatt-encoding';
import type { BloodPressureIngestReading, IngestReading, OximetryIngestReading } from './ingest-reading';

/** Wall-clock instant (epoch ms) of simulation second 0; every reading's time is placed from it. */
export type TimelineStart = number;

export const instantOfSecond = (timelineStart: TimelineStart, second: number): Date =>
  new Date(timelineStart + second * 1000);

/**
 * `seq` is the reading's Unix time in whole seconds. Each device reports at most once a second,
 * so this is unique and increasing per device within a run, and, unlike a counter from 0, a
 * second run with the same seed (same device ids) does not repeat the first run's seq numbers and
 * have its readings discarded as duplicates. It fits a signed 32-bit integer until 2038.
 */
export const seqOfSecond = (timelineStart: TimelineStart, second: number): number =>
  Math.floor(instantOfSecond(timelineStart, second).getTime() / 1000);

export function toIngestReading(
  patient: SimulatedPatient,
  reading: SimulatedReading,
  timelineStart: TimelineStart,
): IngestReading {
  const at = instantOfSecond(timelineStart, reading.second);
  const seq = seqOfSecond(timelineStart, reading.second);
  if (patient.gatewayProfile === 'raw-gatt') {
    return reading.kind === 'oximetry'
      ? { kind: 'gatt', deviceId: patient.oximeterId, characteristic: '2A5F', value: encodeOximetryAsGatt(reading), receivedAt: at.toISOString(), seq }
      : { kind: 'gatt', deviceId: patient.cuffId, characteristic: '2A35', value: encodeBloodPressureAsGatt(reading, at), receivedAt: at.toISOString(), seq };
  }
  return reading.kind === 'oximetry'
    ? decodedOximetry(patient, reading, at, seq)
    : decodedBloodPressure(patient, reading, at, seq);
}

function decodedOximetry(patient: SimulatedPatient, reading: SimulatedOximetry, at: Date, seq: number): OximetryIngestReading {
  return {
    kind: 'oximetry',
    deviceId: patient.oximeterId,
    measuredAt: at.toISOString(),
    spo2: reading.spo2,
    pulseRate: reading.pulseRate,
    ...(reading.perfusionIndex !== null && { perfusionIndex: reading.perfusionIndex }),
    ...(reading.sensorOff !== null && { sensorOff: true }),
    seq,
  };
}

function decodedBloodPressure(
  patient: SimulatedPatient,
  reading: SimulatedBloodPressure,
  at: Date,
  seq: number,
): BloodPressureIngestReading {
  return {
    kind: 'bloodPressure',
    deviceId: patient.cuffId,
    measuredAt: at.toISOString(),
    systolic: reading.systolic,
    diastolic: reading.diastolic,
    meanArterialPressure: reading.meanArterialPressure,
    pulseRate: reading.pulseRate,
    seq,
  };
}
