import { createSimulatedPatient } from '../patient/simulated-patient';
import { oximetryAt } from '../readings/oximetry-reading';
import { vitalSignsAt } from './vital-signs-model';
import { motionArtefactAt, sensorOffAt } from './sensor-episodes';

const DAY = 24 * 3600;

/** Runs of consecutive seconds for which `active` holds. */
function episodes(active: (second: number) => boolean, seconds: number): number[] {
  const lengths: number[] = [];
  let length = 0;
  for (let second = 0; second <= seconds; second++) {
    if (second < seconds && active(second)) length++;
    else if (length > 0) {
      lengths.push(length);
      length = 0;
    }
  }
  return lengths;
}

describe('sensor episodes', () => {
  it('produces motion artefacts of a few seconds, a few times an hour', () => {
    const lengths = episodes((second) => motionArtefactAt(4, 1, second) !== null, DAY);
    expect(lengths.length / 24).toBeGreaterThan(8);
    expect(lengths.length / 24).toBeLessThan(25);
    // Two episodes from neighbouring buckets can touch; each alone lasts 2–6 s.
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(12);
  });

  it('produces sensor-off episodes of 10–60 s, about twice an hour', () => {
    const lengths = episodes((second) => sensorOffAt(4, 1, second) !== null, DAY);
    expect(lengths.length / 24).toBeGreaterThan(1);
    expect(lengths.length / 24).toBeLessThan(4);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(120);
  });

  it('reports a sensor-off second with no values and the cause, as the device would', () => {
    const patient = createSimulatedPatient(4, 1);
    const second = Array.from({ length: DAY }, (_, index) => index).find((index) => sensorOffAt(4, 1, index) !== null);
    expect(second).toBeDefined();
    const reading = oximetryAt(patient, second ?? 0);
    expect(reading).toEqual(
      expect.objectContaining({ spo2: null, pulseRate: null, perfusionIndex: null, sensorOff: sensorOffAt(4, 1, second ?? 0) }),
    );
  });

  it('makes the oximeter report an implausible pulse or a false dip during motion', () => {
    const patient = createSimulatedPatient(4, 1);
    const motionSeconds = Array.from({ length: 3600 }, (_, second) => second).filter(
      (second) => motionArtefactAt(4, 1, second) !== null && sensorOffAt(4, 1, second) === null,
    );
    expect(motionSeconds.length).toBeGreaterThan(0);
    for (const second of motionSeconds) {
      const reading = oximetryAt(patient, second);
      const truth = vitalSignsAt(patient, second);
      expect(Math.abs((reading.pulseRate ?? 0) - truth.heartRate)).toBeGreaterThan(25);
      expect(reading.spo2 ?? 100).toBeLessThan(truth.spo2 - 4);
    }
  });

  it('holds episodes back around a scheduled adverse event', () => {
    // Find a sensor-off episode, then schedule a desaturation over it.
    const start = Array.from({ length: DAY }, (_, index) => index).find((index) => sensorOffAt(4, 1, index) !== null) ?? 0;
    const patient = createSimulatedPatient(4, 1, { desaturationAt: Math.max(0, start - 10) });
    for (let second = start; second < start + 10; second++) {
      expect(oximetryAt(patient, second).sensorOff).toBeNull();
    }
  });
});
