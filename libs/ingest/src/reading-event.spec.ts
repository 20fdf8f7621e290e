import type { IngestedReading } from './ingested-reading';
import { readingEvent, readingEventId } from './reading-event';

// A reading's identity is (gateway, device, seq) or, without seq, (gateway, device, measuredAt):
// the same identity always gives the same event id, so a re-posted batch maps onto what is stored.
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const oximetry = (overrides: Partial<Extract<IngestedReading, { kind: 'oximetry' }>> = {}): IngestedReading => ({
  kind: 'oximetry',
  deviceId: 'ox-1',
  measuredAt: '2026-11-29T10:00:00.000Z',
  spo2: 97,
  pulseRate: 72,
  sensorOff: false,
  source: 'decoded',
  ...overrides,
});

const bloodPressure = (overrides: Partial<Extract<IngestedReading, { kind: 'bloodPressure' }>> = {}): IngestedReading => ({
  kind: 'bloodPressure',
  deviceId: 'bp-1',
  measuredAt: '2026-11-29T10:00:00.000Z',
  systolic: 120,
  diastolic: 80,
  source: 'decoded',
  ...overrides,
});

describe('readingEventId', () => {
  it('is UUID-shaped and the same for the same inputs', () => {
    const id = readingEventId('gw-1', oximetry({ seq: 5 }));
    expect(id).toMatch(UUID_SHAPE);
    expect(readingEventId('gw-1', oximetry({ seq: 5 }))).toBe(id);
  });

  it('with seq, identifies the reading by seq: another measured time keeps the id', () => {
    expect(readingEventId('gw-1', oximetry({ seq: 5, measuredAt: '2026-11-29T10:00:01.000Z' }))).toBe(readingEventId('gw-1', oximetry({ seq: 5 })));
  });

  it('with seq, gives another id for another seq', () => {
    expect(readingEventId('gw-1', oximetry({ seq: 6 }))).not.toBe(readingEventId('gw-1', oximetry({ seq: 5 })));
  });

  it('without seq, identifies the reading by its measured time', () => {
    expect(readingEventId('gw-1', oximetry())).toBe(readingEventId('gw-1', oximetry({ spo2: 95 })));
    expect(readingEventId('gw-1', oximetry({ measuredAt: '2026-11-29T10:00:00.001Z' }))).not.toBe(readingEventId('gw-1', oximetry()));
  });

  it('tells a reading with seq from one without, even when seq looks like the time', () => {
    expect(readingEventId('gw-1', oximetry({ seq: 0 }))).not.toBe(readingEventId('gw-1', oximetry()));
    expect(readingEventId('gw-1', oximetry({ seq: Date.parse('2026-11-29T10:00:00.000Z') }))).not.toBe(readingEventId('gw-1', oximetry()));
  });

  it('gives another id for another gateway or another device', () => {
    const id = readingEventId('gw-1', oximetry({ seq: 5 }));
    expect(readingEventId('gw-2', oximetry({ seq: 5 }))).not.toBe(id);
    expect(readingEventId('gw-1', oximetry({ seq: 5, deviceId: 'ox-2' }))).not.toBe(id);
  });

  it('does not depend on the values, so a changed value under the same seq is caught as a conflict', () => {
    expect(readingEventId('gw-1', oximetry({ seq: 5, spo2: 80 }))).toBe(readingEventId('gw-1', oximetry({ seq: 5 })));
  });

  it('does not let gateway and device ids run into each other', () => {
    expect(readingEventId('gw-1', oximetry({ deviceId: 'a', seq: 1 }))).not.toBe(readingEventId('gw-1a', oximetry({ deviceId: '', seq: 1 })));
    expect(readingEventId('gw', oximetry({ deviceId: '1:ox', seq: 1 }))).not.toBe(readingEventId('gw:1', oximetry({ deviceId: 'ox', seq: 1 })));
  });
});

describe('readingEvent', () => {
  it('makes an oximetry reading of a bound device an OximetryObserved for its session', () => {
    expect(readingEvent('gw-1', oximetry({ seq: 5, perfusionIndex: 3.1 }), 'S-1')).toEqual({
      id: readingEventId('gw-1', oximetry({ seq: 5 })),
      type: 'OximetryObserved',
      data: {
        sessionId: 'S-1',
        gatewayId: 'gw-1',
        deviceId: 'ox-1',
        measuredAt: '2026-11-29T10:00:00.000Z',
        spo2: 97,
        pulseRate: 72,
        perfusionIndex: 3.1,
        sensorOff: false,
        seq: 5,
        source: 'decoded',
      },
      metadata: { causedBy: 'gateway:gw-1', schemaVersion: 1 },
      occurredAt: '2026-11-29T10:00:00.000Z',
    });
  });

  it('makes a blood-pressure reading a BloodPressureObserved, without a session when unbound', () => {
    const event = readingEvent('gw-1', bloodPressure({ meanArterialPressure: 93 }), undefined);
    expect(event.type).toBe('BloodPressureObserved');
    expect(event.data).toEqual({
      gatewayId: 'gw-1',
      deviceId: 'bp-1',
      measuredAt: '2026-11-29T10:00:00.000Z',
      systolic: 120,
      diastolic: 80,
      meanArterialPressure: 93,
      source: 'decoded',
    });
  });

  it('keeps the gateway receive time and the status of a raw GATT reading', () => {
    const reading = oximetry({ source: 'gatt', gatewayReceivedAt: '2026-11-29T10:00:00.000Z', sensorOff: true, spo2: null, status: { deviceAndSensorStatus: 0x8000 } });
    expect(readingEvent('gw-1', reading, 'S-1').data).toMatchObject({ gatewayReceivedAt: '2026-11-29T10:00:00.000Z', source: 'gatt', sensorOff: true, spo2: null, status: { deviceAndSensorStatus: 0x8000 } });
  });

  it('keeps the same id whether the device is bound or not', () => {
    expect(readingEvent('gw-1', oximetry({ seq: 1 }), 'S-1').id).toBe(readingEvent('gw-1', oximetry({ seq: 1 }), undefined).id);
  });
});
