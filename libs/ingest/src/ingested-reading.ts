import type { MeasurementUnavailable } from '@vigil/domain';

/** A reading that passed validation, in the units and names Vigil stores. */
export type IngestedReading =
  | {
      kind: 'oximetry';
      deviceId: string;
      measuredAt: string;
      spo2: number | null;
      pulseRate: number | null;
      perfusionIndex?: number;
      sensorOff: boolean;
      unavailable?: MeasurementUnavailable;
      seq?: number;
      source: 'decoded' | 'gatt';
      gatewayReceivedAt?: string;
      status?: { measurementStatus?: number; deviceAndSensorStatus?: number };
    }
  | {
      kind: 'bloodPressure';
      deviceId: string;
      measuredAt: string;
      systolic: number;
      diastolic: number;
      meanArterialPressure?: number;
      pulseRate?: number;
      seq?: number;
      source: 'decoded' | 'gatt';
      gatewayReceivedAt?: string;
      status?: { measurementStatus?: number };
    };

export type FieldError = { field: string; message: string };
