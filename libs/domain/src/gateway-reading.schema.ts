import { Type, type TSchema } from '@sinclair/typebox';
import { MAX_GATT_HEX_LENGTH, MAX_READINGS_PER_BATCH, PHYSIOLOGICAL_RANGES } from './gateway-reading-limits';

// The gateway wire format (docs/schemas.md "Gateway reading"), defined once: the OpenAPI document of
// POST /api/v1/ingest/readings is this schema, and the validator (reading-validation.ts) takes
// from it which fields each kind of reading has and the range of each value.

const range = (name: keyof typeof PHYSIOLOGICAL_RANGES, description: string) => {
  const { min, max, unit } = PHYSIOLOGICAL_RANGES[name];
  return Type.Number({ minimum: min, maximum: max, description: `${description} (${unit}, ${min}-${max})`, 'x-unit': unit });
};
const nullable = <T extends TSchema>(schema: T, why: string) => Type.Union([schema, Type.Null()], { description: why });
const time = (description: string) => Type.String({ format: 'date-time', description: `${description}: ISO 8601 with a zone, at most 5 min ahead of the server and at most 24 h old` });
const deviceId = Type.String({ minLength: 1, maxLength: 128, description: 'The device id the gateway reports (docs/identifiers.md)' });
const seq = Type.Optional(Type.Integer({ minimum: 0, description: "The gateway's sequence number of this reading, if it keeps one" }));

export const OXIMETRY_READING = Type.Object(
  {
    kind: Type.Literal('oximetry'),
    deviceId,
    measuredAt: time('When the oximeter measured'),
    spo2: nullable(range('spo2', 'Oxygen saturation'), 'null only with the sensor off'),
    pulseRate: nullable(range('pulseRate', 'Pulse rate'), 'null only with the sensor off'),
    perfusionIndex: Type.Optional(range('perfusionIndex', 'Perfusion index')),
    sensorOff: Type.Optional(Type.Boolean({ description: 'The probe is off the finger (default false)' })),
    seq,
  },
  { additionalProperties: false, title: 'OximetryReading', description: 'A decoded pulse-oximeter reading' },
);

export const BLOOD_PRESSURE_READING = Type.Object(
  {
    kind: Type.Literal('bloodPressure'),
    deviceId,
    measuredAt: time('When the cuff measured'),
    systolic: range('systolic', 'Systolic pressure, above diastolic'),
    diastolic: range('diastolic', 'Diastolic pressure'),
    meanArterialPressure: Type.Optional(range('meanArterialPressure', 'Mean arterial pressure, between diastolic and systolic')),
    pulseRate: Type.Optional(range('pulseRate', 'Pulse rate')),
    seq,
  },
  { additionalProperties: false, title: 'BloodPressureReading', description: 'A decoded blood-pressure reading' },
);

export const GATT_READING = Type.Object(
  {
    kind: Type.Literal('gatt'),
    deviceId,
    characteristic: Type.String({ description: 'The GATT characteristic UUID, 16-bit ("2A5F") or 128-bit (docs/ble-gatt.md)' }),
    value: Type.String({ maxLength: MAX_GATT_HEX_LENGTH, description: 'The characteristic value as sent over the air, in hex' }),
    receivedAt: time('When the gateway received the value (it stands for the measurement time)'),
    seq,
  },
  { additionalProperties: false, title: 'GattReading', description: 'A raw BLE characteristic value, decoded by Vigil (PLX, Blood Pressure, Heart Rate)' },
);

export const GATEWAY_READINGS = { oximetry: OXIMETRY_READING, bloodPressure: BLOOD_PRESSURE_READING, gatt: GATT_READING } as const;
export type ReadingKind = keyof typeof GATEWAY_READINGS;
export const READING_KINDS = Object.keys(GATEWAY_READINGS) as ReadingKind[];

/** The fields a reading of this kind may carry: any other is refused, naming it. */
export const fieldsOfReading = (kind: ReadingKind): readonly string[] => Object.keys(GATEWAY_READINGS[kind].properties);

export const READING_BATCH = Type.Object(
  {
    gatewayId: Type.String({ minLength: 1, description: 'The gateway the bearer token belongs to' }),
    readings: Type.Array(Type.Union(READING_KINDS.map((kind) => GATEWAY_READINGS[kind])), { minItems: 1, maxItems: MAX_READINGS_PER_BATCH }),
  },
  { additionalProperties: false, title: 'ReadingBatch' },
);
