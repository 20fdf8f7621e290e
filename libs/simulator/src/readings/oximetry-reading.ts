import { clamp } from '../clamp';
import type { SimulatedPatient } from '../patient/simulated-patient';
import { DESATURATION_SHAPE, isDuringEvent, SURGE_SHAPE } from '../physiology/adverse-events';
import { motionArtefactAt, sensorOffAt } from '../physiology/sensor-episodes';
import { vitalSignsAt } from '../physiology/vital-signs-model';
import { measurementNoise } from '../random/smooth-noise';
import type { SimulatedOximetry } from './simulated-reading';

/**
 * Artefacts and sensor-off episodes are held back from 30 s before a scheduled adverse event
 * until it is over, so that a demo's desaturation is not hidden behind a probe that slipped off.
 */
const EVENT_QUIET_MARGIN_SECONDS = 30;

const roundToTenth = (value: number): number => Math.round(value * 10) / 10;

export function oximetryAt(patient: SimulatedPatient, second: number): SimulatedOximetry {
  const { seed, number } = patient;
  const quiet =
    isDuringEvent(patient.desaturation, DESATURATION_SHAPE, second, EVENT_QUIET_MARGIN_SECONDS) ||
    isDuringEvent(patient.surge, SURGE_SHAPE, second, EVENT_QUIET_MARGIN_SECONDS);

  const sensorOff = quiet ? null : sensorOffAt(seed, number, second);
  if (sensorOff) return { kind: 'oximetry', second, spo2: null, pulseRate: null, perfusionIndex: null, sensorOff };

  const vitals = vitalSignsAt(patient, second);
  const artefact = quiet ? null : motionArtefactAt(seed, number, second);
  const spo2 = artefact
    ? vitals.spo2 - artefact.spo2Drop
    : vitals.spo2 + measurementNoise(seed, `spo2-noise-${number}`, second, 0.4, 1);
  const pulseRate = artefact
    ? vitals.heartRate + artefact.pulseRateOffset
    : vitals.heartRate + measurementNoise(seed, `pulse-noise-${number}`, second, 1, 3);
  const perfusionIndex = vitals.perfusionIndex * (artefact?.perfusionFactor ?? 1);

  return {
    kind: 'oximetry',
    second,
    spo2: Math.round(clamp(spo2, 50, 100)),
    pulseRate: Math.round(clamp(pulseRate, 25, 250)),
    perfusionIndex: roundToTenth(clamp(perfusionIndex, 0.1, 20)),
    sensorOff: null,
  };
}
