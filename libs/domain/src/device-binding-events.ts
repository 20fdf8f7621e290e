import { Type, type Static } from '@sinclair/typebox';
import { DEVICE_KINDS } from './device-kind';
import { oneOf, strict, Text, Time } from './schema/schema-words';

// Which session claims a device (stream `device-binding-<deviceId>`, docs/streams.md): written
// compare-and-set by the sessions module so that two sessions cannot hold one device.
export const DEVICE_BINDING_EVENT_DATA = {
  DeviceAssigned: Type.Object({ deviceId: Text, sessionId: Text, deviceKind: oneOf(DEVICE_KINDS), at: Time }, strict),
  DeviceReleased: Type.Object({ deviceId: Text, sessionId: Text, at: Time }, strict),
} as const;

export type DeviceAssigned = { type: 'DeviceAssigned'; data: Static<(typeof DEVICE_BINDING_EVENT_DATA)['DeviceAssigned']> };
export type DeviceReleased = { type: 'DeviceReleased'; data: Static<(typeof DEVICE_BINDING_EVENT_DATA)['DeviceReleased']> };
export type DeviceBindingEvent = DeviceAssigned | DeviceReleased;
