import { formatRooms, gatewayOutages } from './gateway-outages';
import type { DeviceStatus } from './session-status';

const oximeter = (deviceId: string, gatewayId: string, signal: DeviceStatus['signal'], silentForMs?: number): DeviceStatus => ({
  deviceId,
  deviceKind: 'oximeter',
  boundAt: '2026-12-01T10:00:00Z',
  gatewayClock: { gatewayId, samples: [] } as unknown as NonNullable<DeviceStatus['gatewayClock']>,
  signal,
  ...(silentForMs === undefined ? {} : { silentForMs }),
});

describe('gateway-level faults', () => {
  it('names a gateway whose oximeters all went silent, with the rooms it served and the shortest silence', () => {
    const sessions = [1, 2, 3].map((n) => ({ room: `Room ${n}`, devices: [oximeter(`ox-${n}`, 'gw-1', 'silent', 45_000 + n * 1000)] }));
    sessions.push({ room: 'Room 9', devices: [oximeter('ox-9', 'gw-2', 'sending')] });
    expect(gatewayOutages(sessions)).toEqual([{ gatewayId: 'gw-1', silentForMs: 46_000, rooms: ['Room 1', 'Room 2', 'Room 3'] }]);
  });

  it('says nothing while one of its oximeters still sends, or when it served only one', () => {
    expect(gatewayOutages([{ room: 'Room 1', devices: [oximeter('a', 'gw-1', 'silent', 30_000)] }, { room: 'Room 2', devices: [oximeter('b', 'gw-1', 'sending')] }])).toEqual([]);
    expect(gatewayOutages([{ room: 'Room 1', devices: [oximeter('a', 'gw-1', 'silent', 30_000)] }])).toEqual([]);
  });

  it('writes rooms as staff say them', () => {
    expect(formatRooms(['Room 3', 'Room 1', 'Room 2', 'Room 8', 'Room 10', 'Room 9'])).toBe('rooms 1–3, 8–10');
    expect(formatRooms(['Room 4'])).toBe('room 4');
    expect(formatRooms(['Bay B', 'Room 2'])).toBe('Bay B, Room 2');
  });
});
