import { bytesToHex, encodeBloodPressureMeasurement, encodePlxContinuous, SFLOAT_SPECIAL_WORDS } from '@vigil/ble';
import type { FieldError, IngestedReading } from './ingested-reading';
import { MAX_GATT_HEX_LENGTH } from './ingest-limits';
import { validateReading } from './reading-validation';

// Given a reading as a gateway sends it and the server's clock, then the reading Vigil stores or
// the fields it names as wrong. The clock is fixed: the time-window rules are judged against it.
const NOW = new Date('2026-11-29T10:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (offsetMs: number, now = NOW) => new Date(now.getTime() + offsetMs).toISOString();

const oximetry = (overrides: Record<string, unknown> = {}) => ({ kind: 'oximetry', deviceId: 'ox-1', measuredAt: at(-1000), spo2: 97, pulseRate: 72, ...overrides });
const bloodPressure = (overrides: Record<string, unknown> = {}) => ({ kind: 'bloodPressure', deviceId: 'bp-1', measuredAt: at(-1000), systolic: 120, diastolic: 80, ...overrides });
const gatt = (characteristic: string, value: Uint8Array | string, overrides: Record<string, unknown> = {}) => ({
  kind: 'gatt',
  deviceId: 'ox-1',
  characteristic,
  value: typeof value === 'string' ? value : bytesToHex(value),
  receivedAt: at(-1000),
  ...overrides,
});
const without = (reading: Record<string, unknown>, field: string) => {
  const { [field]: _dropped, ...rest } = reading;
  return rest;
};

function accepted(raw: unknown, now = NOW): IngestedReading {
  const validation = validateReading(raw, now);
  if (!validation.ok) throw new Error(`expected the reading to be accepted, but it was rejected: ${JSON.stringify(validation.errors)}`);
  return validation.reading;
}

function rejected(raw: unknown, now = NOW): FieldError[] {
  const validation = validateReading(raw, now);
  if (validation.ok) throw new Error(`expected the reading to be rejected, but it was accepted as ${JSON.stringify(validation.reading)}`);
  return validation.errors;
}

const rejectedFields = (raw: unknown, now = NOW) => rejected(raw, now).map((e) => e.field);

describe('validateReading: shape', () => {
  it.each([null, 42, 'oximetry', [], true])('rejects %p as not an object', (raw) => {
    expect(rejected(raw)).toEqual([{ field: '', message: expect.stringMatching(/must be an object/) }]);
  });

  it.each([undefined, 'pulseOx', 'OXIMETRY', 7])('rejects kind %p, saying which kinds exist', (kind) => {
    const errors = rejected(oximetry({ kind }));
    expect(errors).toEqual([{ field: 'kind', message: expect.stringMatching(/"oximetry", "bloodPressure" or "gatt"/) }]);
  });

  it('accepts a decoded oximetry reading as Vigil stores it', () => {
    expect(accepted(oximetry({ seq: 7 }))).toEqual({
      kind: 'oximetry',
      deviceId: 'ox-1',
      measuredAt: at(-1000),
      spo2: 97,
      pulseRate: 72,
      sensorOff: false,
      seq: 7,
      source: 'decoded',
    });
  });

  it('accepts a decoded blood-pressure reading with its optional fields', () => {
    expect(accepted(bloodPressure({ meanArterialPressure: 93, pulseRate: 64, seq: 0 }))).toEqual({
      kind: 'bloodPressure',
      deviceId: 'bp-1',
      measuredAt: at(-1000),
      systolic: 120,
      diastolic: 80,
      meanArterialPressure: 93,
      pulseRate: 64,
      seq: 0,
      source: 'decoded',
    });
  });

  it('keeps the perfusion index of an oximetry reading', () => {
    expect(accepted(oximetry({ perfusionIndex: 2.5 }))).toMatchObject({ perfusionIndex: 2.5 });
  });

  it.each(['deviceId', 'measuredAt', 'spo2', 'pulseRate'])('requires %s of an oximetry reading, naming it', (field) => {
    expect(rejectedFields(without(oximetry(), field))).toEqual([field]);
  });

  it.each(['deviceId', 'measuredAt', 'systolic', 'diastolic'])('requires %s of a blood-pressure reading, naming it', (field) => {
    expect(rejectedFields(without(bloodPressure(), field))).toEqual([field]);
  });

  it.each(['deviceId', 'characteristic', 'value', 'receivedAt'])('requires %s of a raw GATT reading, naming it', (field) => {
    const reading = gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72 }));
    expect(rejectedFields(without(reading, field))).toEqual([field]);
  });

  it.each([
    ['oximetry', oximetry({ systolic: 120 }), 'systolic'],
    ['oximetry', oximetry({ receivedAt: at(0) }), 'receivedAt'],
    ['bloodPressure', bloodPressure({ spo2: 97 }), 'spo2'],
    ['bloodPressure', bloodPressure({ sensorOff: false }), 'sensorOff'],
    ['gatt', gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72 }), { measuredAt: at(0) }), 'measuredAt'],
    ['gatt', gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72 }), { spo2: 97 }), 'spo2'],
  ])('rejects a %s reading with the unknown property %#, naming it', (kind, reading, field) => {
    const errors = rejected(reading);
    expect(errors).toEqual([{ field, message: expect.stringContaining(`property ${field} is not part of a ${kind} reading`) }]);
  });

  it.each(['', 'x'.repeat(65), 'ox 1', 'ox/1', 'ox-1\n', 'ox-ü', 12, null])('rejects deviceId %p', (deviceId) => {
    expect(rejectedFields(oximetry({ deviceId }))).toEqual(['deviceId']);
  });

  it.each(['x'.repeat(64), 'AA:BB:CC:DD:EE:FF', 'ox_1.a-b'])('accepts deviceId %p', (deviceId) => {
    expect(accepted(oximetry({ deviceId })).deviceId).toBe(deviceId);
  });

  it('reports every wrong field of a reading at once', () => {
    expect(rejectedFields(oximetry({ deviceId: '', spo2: 101, pulseRate: 'fast', seq: -1 })).sort()).toEqual(['deviceId', 'pulseRate', 'seq', 'spo2']);
  });
});

describe('validateReading: physiological ranges', () => {
  it.each([
    ['spo2', 0],
    ['spo2', 100],
    ['pulseRate', 20],
    ['pulseRate', 300],
    ['perfusionIndex', 0],
    ['perfusionIndex', 100],
  ])('accepts oximetry %s at its edge %p', (field, value) => {
    expect(accepted(oximetry({ [field]: value }))).toMatchObject({ [field]: value });
  });

  it.each([
    ['spo2', -0.1, '0-100 %'],
    ['spo2', 100.1, '0-100 %'],
    ['pulseRate', 19.9, '20-300 bpm'],
    ['pulseRate', 300.1, '20-300 bpm'],
    ['perfusionIndex', -0.1, '0-100 %'],
    ['perfusionIndex', 100.1, '0-100 %'],
  ])('rejects oximetry %s %p just outside its range, naming field and range', (field, value, range) => {
    const errors = rejected(oximetry({ [field]: value }));
    expect(errors).toEqual([{ field, message: expect.stringContaining(range) }]);
    expect(errors[0]!.message).toContain(`${field} ${value}`);
  });

  it.each([
    [{ systolic: 40, diastolic: 20 }],
    [{ systolic: 300, diastolic: 200 }],
    [{ systolic: 120, diastolic: 80, pulseRate: 20 }],
    [{ systolic: 120, diastolic: 80, pulseRate: 300 }],
    [{ systolic: 41, diastolic: 40 }],
  ])('accepts blood pressure at the range edges %p', (values) => {
    expect(accepted(bloodPressure(values))).toMatchObject(values);
  });

  it.each([
    [{ systolic: 39.9, diastolic: 20 }, 'systolic', '40-300 mmHg'],
    [{ systolic: 300.1, diastolic: 80 }, 'systolic', '40-300 mmHg'],
    [{ systolic: 120, diastolic: 19.9 }, 'diastolic', '20-200 mmHg'],
    [{ systolic: 250, diastolic: 200.1 }, 'diastolic', '20-200 mmHg'],
    [{ pulseRate: 19.9 }, 'pulseRate', '20-300 bpm'],
    [{ pulseRate: 300.1 }, 'pulseRate', '20-300 bpm'],
  ])('rejects blood pressure %p just outside the range of %s', (values, field, range) => {
    expect(rejected(bloodPressure(values))).toEqual([{ field, message: expect.stringContaining(range) }]);
  });

  it.each([
    [{ systolic: 80, diastolic: 80 }, 'equal'],
    [{ systolic: 70, diastolic: 90 }, 'below'],
  ])('rejects systolic %p diastolic (%s), naming systolic', (values) => {
    expect(rejected(bloodPressure(values))).toEqual([{ field: 'systolic', message: expect.stringMatching(/systolic \(\d+\) must be above diastolic \(\d+\)/) }]);
  });

  it('rejects a mean arterial pressure outside diastolic..systolic', () => {
    expect(rejectedFields(bloodPressure({ meanArterialPressure: 130 }))).toEqual(['meanArterialPressure']);
    expect(rejectedFields(bloodPressure({ meanArterialPressure: 79 }))).toEqual(['meanArterialPressure']);
  });

  it.each(['97', 'NaN', 'Infinity', true, [97], { value: 97 }, Number.NaN, Number.POSITIVE_INFINITY, 1e308 * 10])('rejects spo2 %p as not a number', (spo2) => {
    expect(rejected(oximetry({ spo2 }))).toEqual([{ field: 'spo2', message: expect.stringMatching(/^spo2 must be a number/) }]);
  });

  it.each(['120', null, Number.NaN])('rejects systolic %p as not a number', (systolic) => {
    expect(rejectedFields(bloodPressure({ systolic }))).toEqual(['systolic']);
  });
});

describe('validateReading: sensor off', () => {
  it('accepts null spo2 and pulse rate with the sensor off', () => {
    expect(accepted(oximetry({ spo2: null, pulseRate: null, sensorOff: true }))).toMatchObject({ spo2: null, pulseRate: null, sensorOff: true });
  });

  it.each([
    [{ spo2: null }, 'spo2'],
    [{ pulseRate: null }, 'pulseRate'],
    [{ spo2: null, sensorOff: false }, 'spo2'],
    [{ pulseRate: null, sensorOff: false }, 'pulseRate'],
  ])('rejects %p without sensorOff true', (values, field) => {
    expect(rejected(oximetry(values))).toEqual([{ field, message: `${field} must be a number, got null` }]);
  });

  it('still range-checks values sent with the sensor off', () => {
    expect(rejectedFields(oximetry({ spo2: 101, sensorOff: true }))).toEqual(['spo2']);
  });

  it.each(['true', 1, null])('rejects sensorOff %p', (sensorOff) => {
    expect(rejectedFields(oximetry({ sensorOff }))).toEqual(['sensorOff']);
  });
});

describe('validateReading: time window', () => {
  it('accepts a measurement exactly 5 minutes ahead of the server clock', () => {
    expect(accepted(oximetry({ measuredAt: at(5 * MINUTE) })).measuredAt).toBe(at(5 * MINUTE));
  });

  it('rejects a measurement 5 minutes and 1 second ahead, saying by how much', () => {
    expect(rejected(oximetry({ measuredAt: at(5 * MINUTE + 1000) }))).toEqual([{ field: 'measuredAt', message: expect.stringMatching(/301 s ahead of the server clock/) }]);
  });

  it('accepts a measurement exactly 24 hours old', () => {
    expect(accepted(bloodPressure({ measuredAt: at(-24 * HOUR) })).measuredAt).toBe(at(-24 * HOUR));
  });

  it('rejects a measurement 24 hours and 1 second old', () => {
    expect(rejected(bloodPressure({ measuredAt: at(-24 * HOUR - 1000) }))).toEqual([{ field: 'measuredAt', message: expect.stringMatching(/older than 24 h/) }]);
  });

  it('normalises an offset time to UTC so one instant always has one spelling', () => {
    expect(accepted(oximetry({ measuredAt: '2026-11-29T10:59:30+01:00' })).measuredAt).toBe('2026-11-29T09:59:30.000Z');
    expect(accepted(oximetry({ measuredAt: '2026-11-29T09:59:30.5Z' })).measuredAt).toBe('2026-11-29T09:59:30.500Z');
  });

  it.each([
    '2026-11-29T09:59:00',
    '2026-11-29T09:59:00.000',
    '2026-11-29',
    '2026-11-29 09:59:00Z',
    '29/11/2026 09:59',
    'yesterday',
    '',
    1_795_000_000_000,
    null,
  ])('rejects measuredAt %p, which is no ISO 8601 time with a zone', (measuredAt) => {
    expect(rejected(oximetry({ measuredAt }))).toEqual([{ field: 'measuredAt', message: expect.stringContaining('ISO 8601 time with a zone') }]);
  });

  it('rejects a calendar date that does not exist rather than storing another day', () => {
    // 30 February would otherwise be read as 2 March, a time the device never sent.
    const now = new Date('2026-03-02T10:01:00.000Z');
    expect(rejectedFields(oximetry({ measuredAt: '2026-02-30T10:00:00.000Z' }), now)).toEqual(['measuredAt']);
  });

  it('applies the same window to the receive time of a raw GATT reading', () => {
    const value = encodePlxContinuous({ spo2: 97, pulseRate: 72 });
    expect(rejectedFields(gatt('2A5F', value, { receivedAt: at(5 * MINUTE + 1000) }))).toEqual(['receivedAt']);
    expect(rejectedFields(gatt('2A5F', value, { receivedAt: at(-24 * HOUR - 1000) }))).toEqual(['receivedAt']);
    expect(rejectedFields(gatt('2A5F', value, { receivedAt: '2026-11-29T09:59:00' }))).toEqual(['receivedAt']);
  });
});

describe('validateReading: seq', () => {
  it.each([0, 1, Number.MAX_SAFE_INTEGER])('accepts seq %p', (seq) => {
    expect(accepted(oximetry({ seq })).seq).toBe(seq);
  });

  it('leaves seq out when the gateway sends none', () => {
    expect(accepted(oximetry())).not.toHaveProperty('seq');
  });

  it.each([-1, 1.5, '1', null, true, 2 ** 53, Number.NaN, [1]])('rejects seq %p', (seq) => {
    expect(rejected(oximetry({ seq }))).toEqual([{ field: 'seq', message: expect.stringContaining('seq must be a non-negative integer') }]);
  });
});

describe('validateReading: raw GATT values', () => {
  const plx = encodePlxContinuous({ spo2: 97, pulseRate: 72 });

  it.each(['2A5F', '0x2A5F', '0x2a5f', '00002a5f-0000-1000-8000-00805f9b34fb', '00002A5F-0000-1000-8000-00805F9B34FB'])(
    'decodes PLX Continuous named %p',
    (characteristic) => {
      expect(accepted(gatt(characteristic, plx, { seq: 3 }))).toEqual({
        kind: 'oximetry',
        deviceId: 'ox-1',
        measuredAt: at(-1000),
        gatewayReceivedAt: at(-1000),
        spo2: 97,
        pulseRate: 72,
        sensorOff: false,
        status: {},
        seq: 3,
        source: 'gatt',
      });
    },
  );

  // IEEE 11073 special values with the sensor on: the device says "no number", not "sensor off".
  const specialPlx = (spo2Word: number, pulseWord: number) =>
    bytesToHex(new Uint8Array([0x00, spo2Word & 0xff, spo2Word >> 8, pulseWord & 0xff, pulseWord >> 8]));
  it.each(Object.entries(SFLOAT_SPECIAL_WORDS))('keeps a %s SpO2 as a reading with no value and the reason', (special, word) => {
    expect(accepted(gatt('2A5F', specialPlx(word, 0x0048)))).toMatchObject({
      spo2: null,
      pulseRate: 72,
      sensorOff: false,
      unavailable: { reason: 'measurementUnavailable', values: { spo2: special } },
    });
    expect(accepted(gatt('2A5F', specialPlx(0x0061, word)))).toMatchObject({
      spo2: 97,
      pulseRate: null,
      sensorOff: false,
      unavailable: { reason: 'measurementUnavailable', values: { pulseRate: special } },
    });
  });

  it('says nothing is unavailable when every value is a number, or when the sensor is off', () => {
    expect(accepted(gatt('2A5F', plx))).not.toHaveProperty('unavailable');
    const off = encodePlxContinuous({ spo2: null, pulseRate: null, deviceAndSensorStatus: 1 << 15 });
    expect(accepted(gatt('2A5F', off))).toMatchObject({ sensorOff: true });
    expect(accepted(gatt('2A5F', off))).not.toHaveProperty('unavailable');
  });

  it('accepts hex in upper case and with separators between bytes', () => {
    const spaced = bytesToHex(plx).toUpperCase().replace(/(..)(?!$)/g, '$1 ');
    expect(accepted(gatt('2A5F', spaced))).toMatchObject({ spo2: 97, pulseRate: 72 });
  });

  it('turns the NaN special into null and takes sensorOff from Device and Sensor Status (bit 15, sensor disconnected)', () => {
    const value = encodePlxContinuous({ spo2: null, pulseRate: null, deviceAndSensorStatus: 1 << 15 });
    expect(accepted(gatt('2A5F', value))).toMatchObject({ spo2: null, pulseRate: null, sensorOff: true, status: { deviceAndSensorStatus: 0x8000 } });
  });

  it('takes sensorOff from Measurement Status (bit 13, measurement unavailable)', () => {
    const value = encodePlxContinuous({ spo2: null, pulseRate: 61, measurementStatus: 1 << 13 });
    expect(accepted(gatt('2A5F', value))).toMatchObject({ spo2: null, pulseRate: 61, sensorOff: true, status: { measurementStatus: 0x2000 } });
  });

  it('keeps sensorOff false when no status bit says the sensor is off', () => {
    const value = encodePlxContinuous({ spo2: null, pulseRate: 61, deviceAndSensorStatus: 1 << 0 });
    expect(accepted(gatt('2A5F', value))).toMatchObject({ spo2: null, sensorOff: false, status: { deviceAndSensorStatus: 1 } });
  });

  it('range-checks decoded values, naming the field inside the value', () => {
    expect(rejectedFields(gatt('2A5F', encodePlxContinuous({ spo2: 101, pulseRate: 72 })))).toEqual(['value.spo2']);
    expect(rejectedFields(gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 301 })))).toEqual(['value.pulseRate']);
  });

  it('range-checks the pulse amplitude index as the decoded perfusion index is', () => {
    expect(accepted(gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72, pulseAmplitudeIndex: 4.2 })))).toMatchObject({ perfusionIndex: 4.2 });
    expect(rejectedFields(gatt('2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72, pulseAmplitudeIndex: 150 })))).toEqual(['value.perfusionIndex']);
  });

  it.each(['2A36', '2A37', '0x2A49', '2A60'])('rejects %s as a characteristic that carries no reading', (characteristic) => {
    const value = characteristic === '2A36' ? encodeBloodPressureMeasurement({ systolic: 120, diastolic: 80, meanArterialPressure: 93 }) : '0048';
    expect(rejected(gatt(characteristic, value))).toEqual([{ field: 'characteristic', message: expect.stringContaining('carries no reading') }]);
  });

  it.each(['2A99', '0x180D', 'heart-rate', '12345678-1234-1234-1234-123456789abc', ''])('rejects the unknown characteristic %p, naming it', (characteristic) => {
    expect(rejected(gatt(characteristic, plx))).toEqual([{ field: 'characteristic', message: expect.stringContaining('unknown characteristic') }]);
  });

  it('explains that a vendor 128-bit UUID has no standard decoder', () => {
    expect(rejected(gatt('12345678-1234-1234-1234-123456789abc', plx))[0]!.message).toMatch(/vendor-specific 128-bit UUID/);
  });

  it.each([0x2a5f, null, ['2A5F']])('rejects characteristic %p that is not a string', (characteristic) => {
    expect(rejectedFields(gatt('2A5F', plx, { characteristic }))).toEqual(['characteristic']);
  });

  it.each([
    ['an odd number of digits', '006100480', /odd number of hex digits/],
    ['a non-hex digit', '00zz0048', /not a hex digit/],
    ['nothing', '', /no hex digits/],
    ['a separator inside a byte', '0 06100', /separator splits a byte/],
  ])('rejects a value with %s as value.hex', (_, value, message) => {
    expect(rejected(gatt('2A5F', value))).toEqual([{ field: 'value.hex', message: expect.stringMatching(message) }]);
  });

  it('rejects a value that is not a string, or longer than the limit', () => {
    expect(rejectedFields(gatt('2A5F', plx, { value: [0, 97] }))).toEqual(['value']);
    expect(rejectedFields(gatt('2A5F', '00'.repeat(MAX_GATT_HEX_LENGTH / 2 + 1)))).toEqual(['value']);
  });

  it.each([
    ['PLX Continuous without its pulse rate', '2A5F', plx.slice(0, 3), 'value.pulseRate', /SpO2PR-Normal PR/],
    ['PLX Continuous whose flags announce a missing Measurement Status', '2A5F', encodePlxContinuous({ spo2: 97, pulseRate: 72, measurementStatus: 0 }).slice(0, 5), 'value.measurementStatus', /Measurement Status/],
    ['PLX Continuous with only its flags', '2A5F', plx.slice(0, 1), 'value.spo2', /SpO2PR-Normal SpO2/],
    ['Blood Pressure Measurement cut after systolic', '2A35', encodeBloodPressureMeasurement({ systolic: 120, diastolic: 80, meanArterialPressure: 93 }).slice(0, 3), 'value.diastolic', /Diastolic/],
    [
      'Blood Pressure Measurement whose flags announce a missing pulse rate',
      '2A35',
      encodeBloodPressureMeasurement({ systolic: 120, diastolic: 80, meanArterialPressure: 93, pulseRate: 70 }).slice(0, 7),
      'value.pulseRate',
      /Pulse Rate/,
    ],
  ])('rejects %s, naming the missing field', (_, characteristic, bytes, field, message) => {
    expect(rejected(gatt(characteristic, bytes))).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('decodes a Blood Pressure Measurement in mmHg, keeping pulse rate and status', () => {
    const value = encodeBloodPressureMeasurement({ systolic: 121, diastolic: 79, meanArterialPressure: 93, pulseRate: 66, measurementStatus: 0x0001 });
    expect(accepted(gatt('2A35', value, { deviceId: 'bp-1' }))).toEqual({
      kind: 'bloodPressure',
      deviceId: 'bp-1',
      measuredAt: at(-1000),
      gatewayReceivedAt: at(-1000),
      systolic: 121,
      diastolic: 79,
      meanArterialPressure: 93,
      pulseRate: 66,
      status: { measurementStatus: 1 },
      source: 'gatt',
    });
  });

  it('converts a Blood Pressure Measurement sent in kPa to mmHg (1 mmHg = 0.133322 kPa)', () => {
    const value = encodeBloodPressureMeasurement({ unit: 'kPa', systolic: 16, diastolic: 10.7, meanArterialPressure: 12.8, pulseRate: 66 });
    const reading = accepted(gatt('2A35', value));
    expect(reading).toMatchObject({ kind: 'bloodPressure', pulseRate: 66 });
    if (reading.kind !== 'bloodPressure') throw new Error('expected a blood-pressure reading');
    expect(reading.systolic).toBeCloseTo(120.0, 1);
    expect(reading.diastolic).toBeCloseTo(80.3, 1);
    expect(reading.meanArterialPressure).toBeCloseTo(96.0, 1);
  });

  it('range-checks kPa pressures after converting them', () => {
    // 42 kPa is 315 mmHg: above the systolic range although the number sent is small.
    const value = encodeBloodPressureMeasurement({ unit: 'kPa', systolic: 42, diastolic: 10.7, meanArterialPressure: 12.8 });
    expect(rejected(gatt('2A35', value))).toEqual([{ field: 'value.systolic', message: expect.stringContaining('40-300 mmHg') }]);
  });

  it('rejects a Blood Pressure Measurement whose systolic is the NaN special', () => {
    const value = encodeBloodPressureMeasurement({ systolic: null, diastolic: 80, meanArterialPressure: null });
    expect(rejectedFields(gatt('2A35', value))).toEqual(['value.systolic']);
  });

  it('rejects systolic not above diastolic inside a GATT value', () => {
    const value = encodeBloodPressureMeasurement({ systolic: 80, diastolic: 80, meanArterialPressure: null });
    expect(rejectedFields(gatt('2A35', value))).toEqual(['value.systolic']);
  });
});

describe('validateReading: hostile input', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it.each(['kind', 'seq', 'spo2', 'measuredAt', 'sensorOff'])('answers a deeply nested %s with a rejection, not an exception', (field) => {
    // A 1 MiB body holds arrays nested far deeper than JSON.stringify can recurse.
    const errors = rejected(oximetry({ [field]: nested(200_000) }));
    expect(errors.map((e) => e.field)).toEqual([field]);
  });

  it('quotes a very long value only in part', () => {
    const [error] = rejected(oximetry({ spo2: 'x'.repeat(100_000) }));
    expect(error!.message.length).toBeLessThan(200);
  });
});
