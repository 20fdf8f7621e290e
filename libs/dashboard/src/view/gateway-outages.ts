import type { DeviceStatus } from './session-status';
import { DEVICE_SILENCE_LIMIT_MS } from './view-limits';

// Gateway-level faults (issue 15 item 4): when every oximeter a gateway was forwarding has gone
// silent at once, the likely fault is the gateway (power, network), not eight sensors; the wall says
// so in one message naming the gateway and the rooms it served, beside the per-device alarms.
// Oximeters only: they send every second, so their silence is news within seconds; a cuff's
// 5-minute cadence says nothing about a gateway that stopped a minute ago.

export type GatewayOutage = { gatewayId: string; silentForMs: number; rooms: string[] };

type SessionDevices = { room: string; devices: readonly DeviceStatus[] };

/**
 * Gateways whose oximeters (at least two, or one device's silence is that device's alarm) are all
 * silent, with the time since the newest of them was heard. A gateway is known from its readings
 * (`gatewayClock.gatewayId`), so one that never sent is not named.
 */
export function gatewayOutages(sessions: readonly SessionDevices[]): GatewayOutage[] {
  const byGateway = new Map<string, { devices: DeviceStatus[]; rooms: Set<string> }>();
  for (const { room, devices } of sessions) {
    for (const device of devices) {
      const gatewayId = device.gatewayClock?.gatewayId;
      if (device.deviceKind !== 'oximeter' || gatewayId === undefined) continue;
      const entry = byGateway.get(gatewayId) ?? { devices: [], rooms: new Set<string>() };
      entry.devices.push(device);
      entry.rooms.add(room);
      byGateway.set(gatewayId, entry);
    }
  }
  const outages: GatewayOutage[] = [];
  for (const [gatewayId, { devices, rooms }] of byGateway) {
    if (devices.length < 2 || !devices.every((d) => d.signal === 'silent')) continue;
    const silentForMs = Math.min(...devices.map((d) => d.silentForMs ?? DEVICE_SILENCE_LIMIT_MS.oximeter));
    outages.push({ gatewayId, silentForMs, rooms: [...rooms] });
  }
  return outages.sort((a, b) => a.gatewayId.localeCompare(b.gatewayId));
}

/** "rooms 1–8, 10" when every room is "Room <n>", otherwise the names: how staff say a range of rooms. */
export function formatRooms(rooms: readonly string[]): string {
  const numbers = rooms.map((room) => /^room\s+(\d+)$/i.exec(room.trim())?.[1]);
  if (numbers.some((n) => n === undefined)) return [...rooms].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).join(', ');
  const sorted = [...new Set(numbers.map(Number))].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'room' : 'rooms'} ${runs.join(', ')}`;
}
