import { RandomStream } from '../random/seeded-random';

// Oximeter trouble that has nothing to do with the patient's physiology. Episodes are placed by
// time bucket: each bucket of `bucketSeconds` may hold one episode, whose start and length are
// drawn from (seed, patient, bucket). An episode is shorter than its bucket, so the episode
// covering second t (if any) started in t's bucket or the one before: the answer for any second
// is a pure function of the seed, like every other part of the model.

type EpisodePlan = { bucketSeconds: number; probability: number; minSeconds: number; maxSeconds: number };

/**
 * Motion artefacts: the patient moves their hand and for a few seconds the oximeter reports an
 * implausible pulse rate and a falsely low SpO2. About one every 4 minutes, 2–6 s long.
 */
const MOTION_PLAN: EpisodePlan = { bucketSeconds: 60, probability: 0.25, minSeconds: 2, maxSeconds: 6 };

/**
 * Sensor off: the probe slips off the finger or its cable comes out, so the oximeter reports no
 * SpO2 or pulse and flags its Device and Sensor Status (docs/ble-gatt.md §2.4). About one every
 * 30 minutes, 10–60 s long.
 */
const SENSOR_OFF_PLAN: EpisodePlan = { bucketSeconds: 600, probability: 0.33, minSeconds: 10, maxSeconds: 60 };

type Episode = { startSecond: number; lengthSeconds: number; random: RandomStream };

function episodeInBucket(seed: number, patientNumber: number, kind: string, plan: EpisodePlan, bucket: number): Episode | null {
  const random = RandomStream.of(seed, kind, patientNumber, bucket);
  if (!random.chance(plan.probability)) return null;
  const lengthSeconds = random.integerBetween(plan.minSeconds, plan.maxSeconds);
  const startSecond = bucket * plan.bucketSeconds + random.integerBetween(0, plan.bucketSeconds - 1);
  return { startSecond, lengthSeconds, random };
}

function episodeAt(seed: number, patientNumber: number, kind: string, plan: EpisodePlan, second: number): Episode | null {
  const bucket = Math.floor(second / plan.bucketSeconds);
  for (const candidate of [bucket, bucket - 1]) {
    const episode = episodeInBucket(seed, patientNumber, kind, plan, candidate);
    if (episode && second >= episode.startSecond && second < episode.startSecond + episode.lengthSeconds) return episode;
  }
  return null;
}

/** What a motion artefact does to the reading, relative to the true values. */
export type MotionArtefact = { pulseRateOffset: number; spo2Drop: number; perfusionFactor: number };

export function motionArtefactAt(seed: number, patientNumber: number, second: number): MotionArtefact | null {
  const episode = episodeAt(seed, patientNumber, 'motion-artefact', MOTION_PLAN, second);
  if (!episode) return null;
  const { random } = episode;
  // Movement is read by the oximeter either as a racing pulse or a dropped-out one.
  const spike = random.chance(0.6);
  return {
    pulseRateOffset: spike ? random.between(45, 90) : -random.between(30, 45),
    spo2Drop: random.between(6, 20),
    perfusionFactor: spike ? random.between(2, 4) : random.between(0.1, 0.3),
  };
}

/**
 * Which Device and Sensor Status bit a sensor-off episode raises (docs/ble-gatt.md §2.4): a
 * finger out of the probe is bit 11 "Sensor Unconnected to User", a pulled cable bit 15
 * "Sensor Disconnected".
 */
export type SensorOffCause = 'unconnected-to-user' | 'disconnected';

export function sensorOffAt(seed: number, patientNumber: number, second: number): SensorOffCause | null {
  const episode = episodeAt(seed, patientNumber, 'sensor-off', SENSOR_OFF_PLAN, second);
  if (!episode) return null;
  return episode.random.chance(0.75) ? 'unconnected-to-user' : 'disconnected';
}
