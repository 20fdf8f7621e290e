import { Type, type Static } from '@sinclair/typebox';
import { NumberOrNull, oneOf, strict, Text, Time } from './schema/schema-words';

// Readings as stored (docs/architecture.md "Events and streams"): kept with the gateway and device that sent them, the
// measurement time and, for raw GATT values, the gateway's receive time. The server's receive time
// is the event's `recordedAt`: it is kept out of `data` so that a re-posted batch carries exactly
// the same content and is recognised as a duplicate, and it is still covered by the hash chain.
const Source = oneOf(['decoded', 'gatt'] as const);
const DEVICE_SPECIAL_VALUES = ['NaN', 'NRes', '+INFINITY', '-INFINITY', 'Reserved'] as const;

/**
 * A reading whose device reported a value as unavailable (IEEE 11073 NaN, NRes, ±INFINITY or a
 * reserved word) while its sensor was on: stored with the value null and this reason, so it is
 * never mistaken for a sensor-off reading nor for a number. Rules treat it as no reading.
 */
const MeasurementUnavailableSchema = Type.Object(
  {
    reason: Type.Literal('measurementUnavailable'),
    values: Type.Object({ spo2: Type.Optional(oneOf(DEVICE_SPECIAL_VALUES)), pulseRate: Type.Optional(oneOf(DEVICE_SPECIAL_VALUES)) }, strict),
  },
  strict,
);
export type MeasurementUnavailable = Static<typeof MeasurementUnavailableSchema>;
export type DeviceSpecialValue = (typeof DEVICE_SPECIAL_VALUES)[number];

const Common = {
  /** Absent for a device bound to no session (stream `device-<id>`). */
  sessionId: Type.Optional(Text),
  deviceId: Text,
  gatewayId: Text,
  measuredAt: Time,
  gatewayReceivedAt: Type.Optional(Time),
  source: Source,
  seq: Type.Optional(Type.Integer({ minimum: 0 })),
};

export const READING_EVENT_DATA = {
  OximetryObserved: Type.Object(
    {
      ...Common,
      spo2: NumberOrNull,
      pulseRate: NumberOrNull,
      perfusionIndex: Type.Optional(Type.Number()),
      sensorOff: Type.Boolean(),
      /** Present when the device sent no number for a value with the sensor on (docs/identifiers.md). */
      unavailable: Type.Optional(MeasurementUnavailableSchema),
      status: Type.Optional(Type.Object({ measurementStatus: Type.Optional(Type.Integer()), deviceAndSensorStatus: Type.Optional(Type.Integer()) }, strict)),
    },
    strict,
  ),
  BloodPressureObserved: Type.Object(
    {
      ...Common,
      systolic: Type.Number(),
      diastolic: Type.Number(),
      meanArterialPressure: Type.Optional(Type.Number()),
      pulseRate: Type.Optional(Type.Number()),
      status: Type.Optional(Type.Object({ measurementStatus: Type.Optional(Type.Integer()) }, strict)),
    },
    strict,
  ),
} as const;

export type OximetryObserved = { type: 'OximetryObserved'; data: Static<(typeof READING_EVENT_DATA)['OximetryObserved']> };
export type BloodPressureObserved = { type: 'BloodPressureObserved'; data: Static<(typeof READING_EVENT_DATA)['BloodPressureObserved']> };

export type ReadingEvent = OximetryObserved | BloodPressureObserved;

export const READING_EVENT_TYPES: readonly ReadingEvent['type'][] = ['OximetryObserved', 'BloodPressureObserved'];
