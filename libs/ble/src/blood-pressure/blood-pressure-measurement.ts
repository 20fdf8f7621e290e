import type { FieldReader } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { type BloodPressureOptionalFields, type PressureUnit, readBloodPressureLayout } from './blood-pressure-layout';

export type BloodPressureMeasurement = { readonly unit: PressureUnit } & MeasurementFields<'systolic'> &
  MeasurementFields<'diastolic'> &
  MeasurementFields<'meanArterialPressure'> &
  BloodPressureOptionalFields;

/** Blood Pressure Measurement, 0x2A35: 7 to 19 bytes (docs/ble-gatt.md §3.1). Values stay in the unit sent. */
export function decodeBloodPressureMeasurement(reader: FieldReader): BloodPressureMeasurement {
  const { unit, pressures, optional } = readBloodPressureLayout(reader, [
    { key: 'systolic', label: 'Systolic' },
    { key: 'diastolic', label: 'Diastolic' },
    { key: 'meanArterialPressure', label: 'Mean Arterial Pressure' },
  ]);
  const [systolic, diastolic, meanArterialPressure] = pressures;
  return {
    unit,
    ...measurementFields('systolic', systolic),
    ...measurementFields('diastolic', diastolic),
    ...measurementFields('meanArterialPressure', meanArterialPressure),
    ...optional,
  };
}
