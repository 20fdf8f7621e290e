import { Type, type TObject } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DOSE_ROUTES } from '@vigil/domain';
import { SESSION_INPUT_TYPES, type SessionInputType } from './engine-io';

// One engine input line `{type, sessionId, at, data}` (docs/schemas.md "Engine input line"), defined
// once: the CLI's replay files, recorded events and the live engine are all checked against it.
// Tolerant of what the engine does not read (an exported event's id or metadata, a reading's
// device and gateway): strict about what it does.

const oneOf = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const measurement = Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'null: no valid value in this reading' }));
const alarmName = Type.Optional(Type.String({ minLength: 1 }));

const DATA: Record<SessionInputType, TObject> = {
  SessionStarted: Type.Object({}),
  DeviceBound: Type.Object({}),
  DeviceUnbound: Type.Object({}),
  SessionEnded: Type.Object({}),
  DoseAdministered: Type.Object({
    route: oneOf(DOSE_ROUTES),
    doseMg: Type.Number({ exclusiveMinimum: 0, 'x-must': 'a positive number of milligrams' }),
  }),
  OximetryObserved: Type.Object({ spo2: measurement, pulseRate: measurement, sensorOff: Type.Optional(Type.Boolean()) }),
  BloodPressureObserved: Type.Object({ systolic: measurement, diastolic: measurement }),
  AlertAcknowledged: Type.Object({ alertId: alarmName, ruleId: alarmName }),
};

export const ENGINE_INPUT_SCHEMA = Type.Union([
  ...SESSION_INPUT_TYPES.map((type) => Type.Object({ type: Type.Literal(type), sessionId: Type.String(), at: Type.String(), data: DATA[type] })),
  Type.Object({ type: Type.Literal('Tick'), at: Type.String() }),
]);

/** Compiled once: the live engine checks every input it evaluates. */
export const compiledEngineInput = TypeCompiler.Compile(ENGINE_INPUT_SCHEMA);
