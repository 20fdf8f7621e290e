// The vital signs rules can read, the input event that carries each, and its UCUM unit
// (docs/clinical-sources.md §5.1: SpO2 `%`, rates `/min`, pressures `mm[Hg]`). One place for all three.
export { BLOOD_PRESSURE_MEASURES, MEASURES, OXIMETRY_MEASURES, type BloodPressureMeasure, type Measure, type OximetryMeasure, type Unit } from '@vigil/domain';
import { BLOOD_PRESSURE_MEASURES, MEASURES, OXIMETRY_MEASURES, type BloodPressureMeasure, type Measure, type OximetryMeasure, type Unit } from '@vigil/domain';

export type ReadingType = 'OximetryObserved' | 'BloodPressureObserved';

export const MEASURE_READING: Readonly<Record<Measure, ReadingType>> = {
  spo2: 'OximetryObserved',
  pulseRate: 'OximetryObserved',
  systolic: 'BloodPressureObserved',
  diastolic: 'BloodPressureObserved',
};

export const MEASURE_UNIT: Readonly<Record<Measure, Unit>> = {
  spo2: '%',
  pulseRate: '/min',
  systolic: 'mm[Hg]',
  diastolic: 'mm[Hg]',
};

export const isMeasure = (value: unknown): value is Measure =>
  typeof value === 'string' && (MEASURES as readonly string[]).includes(value);

export const isBloodPressureMeasure = (value: unknown): value is BloodPressureMeasure =>
  typeof value === 'string' && (BLOOD_PRESSURE_MEASURES as readonly string[]).includes(value);

export const isOximetryMeasure = (value: unknown): value is OximetryMeasure =>
  typeof value === 'string' && (OXIMETRY_MEASURES as readonly string[]).includes(value);
