import { Type, type Static } from '@sinclair/typebox';
import { DEVICE_KINDS } from './device-kind';
import { DOSE_ROUTES } from './dose-route';
import { DRUGS } from './drug';
import { oneOf, Text, Time } from './schema/schema-words';

// Events are past-tense facts (docs/architecture.md "Events and streams"). `at` is when the fact happened (clinician or
// device time); the store records when it was written. Each event's data is defined once, here,
// as a schema: its TypeScript type is derived from it, and stored events are read back through it
// (stored-session-events.ts), so no reader trusts a stored event on faith.


const ConfirmationSchema = Type.Object({ reason: Text, missing: Type.Array(Text) }, { additionalProperties: false });

export const SESSION_EVENT_DATA = {
  SessionStarted: Type.Object({ sessionId: Text, room: Text, patientPseudonym: Text, clinician: Text, at: Time }, { additionalProperties: false }),
  DeviceBound: Type.Object({ sessionId: Text, deviceId: Text, deviceKind: oneOf(DEVICE_KINDS), by: Text, at: Time }, { additionalProperties: false }),
  DeviceUnbound: Type.Object(
    { sessionId: Text, deviceId: Text, deviceKind: oneOf(DEVICE_KINDS), by: Text, at: Time, reason: oneOf(['unbound', 'session-ended'] as const) },
    { additionalProperties: false },
  ),
  DoseAdministered: Type.Object(
    {
      sessionId: Text,
      route: oneOf(DOSE_ROUTES),
      doseMg: Type.Number(),
      administeredAt: Time,
      by: Text,
      booster: Type.Boolean(),
      at: Time,
      /** Events stored before issue 14 have none; they are read as ketamine (stored-session-events.ts). */
      drug: Type.Optional(oneOf(DRUGS)),
      /** The clinician confirmed despite what a safeguard found missing (esketamine). */
      confirmation: Type.Optional(ConfirmationSchema),
      /** What a safeguard found missing when no confirmation was required (ketamine). */
      warnings: Type.Optional(Type.Array(Text)),
    },
    { additionalProperties: false },
  ),
  InterventionRecorded: Type.Object({ sessionId: Text, text: Text, by: Text, at: Time }, { additionalProperties: false }),
  SessionEnded: Type.Object(
    { sessionId: Text, by: Text, reason: Type.Optional(Text), at: Time, confirmation: Type.Optional(ConfirmationSchema), warnings: Type.Optional(Type.Array(Text)) },
    { additionalProperties: false },
  ),
} as const;

type EventOf<K extends keyof typeof SESSION_EVENT_DATA> = { type: K; data: Static<(typeof SESSION_EVENT_DATA)[K]> };
export type SessionStarted = EventOf<'SessionStarted'>;
export type DeviceBound = EventOf<'DeviceBound'>;
export type DeviceUnbound = EventOf<'DeviceUnbound'>;
export type DoseAdministered = EventOf<'DoseAdministered'>;
export type InterventionRecorded = EventOf<'InterventionRecorded'>;
export type SessionEnded = EventOf<'SessionEnded'>;

export type SessionCommandEvent =
  | SessionStarted
  | DeviceBound
  | DeviceUnbound
  | DoseAdministered
  | InterventionRecorded
  | SessionEnded;

export const SESSION_COMMAND_EVENT_TYPES: readonly SessionCommandEvent['type'][] = [
  'SessionStarted',
  'DeviceBound',
  'DeviceUnbound',
  'DoseAdministered',
  'InterventionRecorded',
  'SessionEnded',
];

