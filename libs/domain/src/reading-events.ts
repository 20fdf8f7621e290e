// Readings as stored (DESIGN.md "Events"): kept with the gateway and device that sent them, the
// measurement time and, for raw GATT values, the gateway's receive time. The server's receive time
// is the event's `recordedAt`: it is kept out of `data` so that a re-posted batch carries exactly
// the same content and is recognised as a duplicate, and it is still covered by the hash chain.
export type OximetryObserved = {
  type: 'OximetryObserved';
  data: {
    sessionId?: string;
    deviceId: string;
    gatewayId: string;
    spo2: number | null;
    pulseRate: number | null;
    perfusionIndex?: number;
    sensorOff: boolean;
    /** Present when the device sent no number for a value with the sensor on (docs/identifiers.md). */
    unavailable?: MeasurementUnavailable;
    measuredAt: string;
    gatewayReceivedAt?: string;
    source: 'decoded' | 'gatt';
    seq?: number;
    status?: { measurementStatus?: number; deviceAndSensorStatus?: number };
  };
};

/**
 * A reading whose device reported a value as unavailable (IEEE 11073 NaN, NRes, ±INFINITY or a
 * reserved word) while its sensor was on: stored with the value null and this reason, so it is
 * never mistaken for a sensor-off reading nor for a number. Rules treat it as no reading.
 */
export type MeasurementUnavailable = {
  reason: 'measurementUnavailable';
  values: { spo2?: DeviceSpecialValue; pulseRate?: DeviceSpecialValue };
};
export type DeviceSpecialValue = 'NaN' | 'NRes' | '+INFINITY' | '-INFINITY' | 'Reserved';

export type BloodPressureObserved = {
  type: 'BloodPressureObserved';
  data: {
    sessionId?: string;
    deviceId: string;
    gatewayId: string;
    systolic: number;
    diastolic: number;
    meanArterialPressure?: number;
    pulseRate?: number;
    measuredAt: string;
    gatewayReceivedAt?: string;
    source: 'decoded' | 'gatt';
    seq?: number;
    status?: { measurementStatus?: number };
  };
};

export type ReadingEvent = OximetryObserved | BloodPressureObserved;

export const READING_EVENT_TYPES: readonly ReadingEvent['type'][] = ['OximetryObserved', 'BloodPressureObserved'];
