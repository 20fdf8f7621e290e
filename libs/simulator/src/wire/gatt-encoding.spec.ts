import { decodeCharacteristic, toVitalObservation } from '@vigil/ble';
import { createSimulatedPatient } from '../patient/simulated-patient';
import { readingsForSecond } from '../readings/readings-for-second';
import type { BloodPressureIngestReading, GattIngestReading, OximetryIngestReading } from './ingest-reading';
import { toIngestReading } from './to-ingest-reading';

const START = Date.parse('2026-03-14T09:00:00.000Z');

/** The same simulated readings through both gateway profiles: decoded (odd patient) and raw (even). */
function bothForms(seed: number, seconds: number) {
  const scenario = { desaturationAt: 200, surgeAt: 600 };
  const decodedPatient = createSimulatedPatient(seed, 1, scenario);
  const rawPatient = { ...decodedPatient, gatewayProfile: 'raw-gatt' as const };
  return Array.from({ length: seconds }, (_, second) => readingsForSecond(decodedPatient, second))
    .flat()
    .map((reading) => ({
      decoded: toIngestReading(decodedPatient, reading, START) as OximetryIngestReading | BloodPressureIngestReading,
      raw: toIngestReading(rawPatient, reading, START) as GattIngestReading,
    }));
}

describe('raw GATT readings', () => {
  const pairs = bothForms(4, 3600);

  it('covers normal, artefact, sensor-off, desaturation and surge readings', () => {
    const oximetry = pairs.map(({ decoded }) => decoded).filter((reading): reading is OximetryIngestReading => reading.kind === 'oximetry');
    expect(oximetry.some((reading) => reading.sensorOff)).toBe(true);
    expect(oximetry.some((reading) => (reading.spo2 ?? 100) < 87)).toBe(true);
    expect(pairs.some(({ decoded }) => decoded.kind === 'bloodPressure' && decoded.systolic >= 185)).toBe(true);
  });

  it('decode through @vigil/ble to the same values as the decoded form', () => {
    for (const { decoded, raw } of pairs) {
      const observation = toVitalObservation(decodeCharacteristic(raw.characteristic, raw.value));
      expect(raw.receivedAt).toBe(decoded.measuredAt);
      expect(raw.seq).toBe(decoded.seq);
      if (decoded.kind === 'oximetry') {
        expect(raw.characteristic).toBe('2A5F');
        expect(observation).toEqual(
          expect.objectContaining({
            kind: 'oximetry',
            spo2: decoded.spo2,
            pulseRate: decoded.pulseRate,
            sensorOff: decoded.sensorOff === true,
          }),
        );
        if (observation?.kind !== 'oximetry') throw new Error('expected an oximetry observation');
        expect(observation.perfusionIndex).toBe(decoded.perfusionIndex);
      } else {
        expect(raw.characteristic).toBe('2A35');
        expect(observation).toEqual(
          expect.objectContaining({
            kind: 'bloodPressure',
            systolic: decoded.systolic,
            diastolic: decoded.diastolic,
            meanArterialPressure: decoded.meanArterialPressure,
            pulseRate: decoded.pulseRate,
            unit: 'mmHg',
          }),
        );
      }
    }
  });

  it('stamps cuff readings with the measurement time (UTC)', () => {
    const cuff = pairs.find(({ decoded }) => decoded.kind === 'bloodPressure' && decoded.measuredAt.endsWith('09:05:00.000Z'));
    if (!cuff) throw new Error('no cuff reading at 09:05');
    const observation = toVitalObservation(decodeCharacteristic(cuff.raw.characteristic, cuff.raw.value));
    expect(observation?.deviceTimestamp).toEqual({ year: 2026, month: 3, day: 14, hours: 9, minutes: 5, seconds: 0 });
  });

  it('raise Device and Sensor Status bit 11 or 15 while the sensor is off, and nothing otherwise', () => {
    for (const { decoded, raw } of pairs) {
      if (decoded.kind !== 'oximetry') continue;
      const observation = toVitalObservation(decodeCharacteristic(raw.characteristic, raw.value));
      const status = observation?.kind === 'oximetry' ? observation.status.deviceAndSensorStatus : undefined;
      expect(status).toBeDefined();
      if (decoded.sensorOff) expect([1 << 11, 1 << 15]).toContain(status);
      else expect(status).toBe(0);
    }
  });
});
