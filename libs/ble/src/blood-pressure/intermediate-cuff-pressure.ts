import type { FieldReader } from '../decode/field-reader';
import { type MeasurementFields, measurementFields } from '../decode/measurement-fields';
import { type BloodPressureOptionalFields, type PressureUnit, readBloodPressureLayout } from './blood-pressure-layout';

export type IntermediateCuffPressure = { readonly unit: PressureUnit } & MeasurementFields<'cuffPressure'> &
  BloodPressureOptionalFields;

/**
 * Intermediate Cuff Pressure, 0x2A36: the 0x2A35 layout with the current cuff pressure in the
 * systolic slot (docs/ble-gatt.md §3.2). The diastolic and MAP slots must be there (7-byte minimum) but their
 * content is ignored: GSS says NaN, Nordic's tests send 0 (docs/ble-gatt.md §0.7).
 */
export function decodeIntermediateCuffPressure(reader: FieldReader): IntermediateCuffPressure {
  const { unit, pressures, optional } = readBloodPressureLayout(reader, [
    { key: 'cuffPressure', label: 'Current Cuff Pressure' },
    { key: 'diastolic', label: 'Diastolic (unused)' },
    { key: 'meanArterialPressure', label: 'Mean Arterial Pressure (unused)' },
  ]);
  return { unit, ...measurementFields('cuffPressure', pressures[0]), ...optional };
}
