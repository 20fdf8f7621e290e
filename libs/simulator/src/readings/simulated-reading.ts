import type { SensorOffCause } from '../physiology/sensor-episodes';

/** What the patient's pulse oximeter reports at one second (integers, as devices display them). */
export type SimulatedOximetry = {
  kind: 'oximetry';
  second: number;
  spo2: number | null;
  pulseRate: number | null;
  perfusionIndex: number | null;
  sensorOff: SensorOffCause | null;
};

/** What the patient's cuff reports for one measurement, in mmHg and beats per minute. */
export type SimulatedBloodPressure = {
  kind: 'bloodPressure';
  second: number;
  systolic: number;
  diastolic: number;
  meanArterialPressure: number;
  pulseRate: number;
};

export type SimulatedReading = SimulatedOximetry | SimulatedBloodPressure;
