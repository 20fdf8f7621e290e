import { bytesToHex, encodeBloodPressureMeasurement, encodePlxContinuous } from '@vigil/ble';
import type { SimulatedBloodPressure, SimulatedOximetry } from '../readings/simulated-reading';
import type { SensorOffCause } from '../physiology/sensor-episodes';

// How a raw-GATT gateway's devices put the simulated readings on the air, encoded by @vigil/ble's
// encoder so that the bytes are exactly what its decoder (and so the server) reads back.

/** Device and Sensor Status bits (docs/ble-gatt.md §2.4, PLXS Table 3.5). */
const SENSOR_STATUS_BIT: Readonly<Record<SensorOffCause, number>> = {
  'unconnected-to-user': 1 << 11,
  disconnected: 1 << 15,
};

/**
 * PLX Continuous Measurement (0x2A5F). Device and Sensor Status is sent on every notification,
 * as PLXS requires once the device claims the feature (docs/ble-gatt.md §2.5), 0 when all is
 * well. Motion artefacts are deliberately not flagged (no "Erratic Signal" bit): many oximeters
 * report them as plain numbers, which is what the alert rules must cope with, and the decoded
 * form has no field for it either. Measurement Status stays off: bits 10/11 (demonstration and
 * testing data) may make the server reject the reading (§2.3), and the pseudonyms and device ids
 * already mark the data as simulated.
 */
export function encodeOximetryAsGatt(reading: SimulatedOximetry): string {
  return bytesToHex(
    encodePlxContinuous({
      spo2: reading.spo2,
      pulseRate: reading.pulseRate,
      deviceAndSensorStatus: reading.sensorOff ? SENSOR_STATUS_BIT[reading.sensorOff] : 0,
      pulseAmplitudeIndex: reading.perfusionIndex,
    }),
  );
}

/**
 * Blood Pressure Measurement (0x2A35) in mmHg, with the cuff's time stamp and pulse rate. BLE
 * Date Time carries no zone (docs/ble-gatt.md §1.3); the simulated cuff's clock is set to UTC.
 */
export function encodeBloodPressureAsGatt(reading: SimulatedBloodPressure, measuredAt: Date): string {
  return bytesToHex(
    encodeBloodPressureMeasurement({
      unit: 'mmHg',
      systolic: reading.systolic,
      diastolic: reading.diastolic,
      meanArterialPressure: reading.meanArterialPressure,
      timestamp: {
        year: measuredAt.getUTCFullYear(),
        month: measuredAt.getUTCMonth() + 1,
        day: measuredAt.getUTCDate(),
        hours: measuredAt.getUTCHours(),
        minutes: measuredAt.getUTCMinutes(),
        seconds: measuredAt.getUTCSeconds(),
      },
      pulseRate: reading.pulseRate,
    }),
  );
}
