import { decodeCharacteristic } from '../decode-characteristic';
import { bytesToHex } from '../hex';
import { encodeBloodPressureMeasurement } from './blood-pressure-measurement';
import { encodePlxContinuous } from './plx-continuous';
import { encodePlxSpotCheck } from './plx-spot-check';

/** Deterministic sweep of every tenth from `from` to `to` (no Math.random, STYLE). */
function tenths(from: number, to: number): number[] {
  const values: number[] = [];
  for (let tenth = Math.round(from * 10); tenth <= Math.round(to * 10); tenth++) values.push(tenth / 10);
  return values;
}

/** Every integer from `from` to `to`. */
function integers(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Tenths need mantissa × 10⁻¹, and the 12-bit mantissa stops at 2047: 204.7 is the last tenth an
 * SFLOAT holds exactly, so above it the sweeps go in whole units (what a cuff or oximeter sends).
 */
const LAST_EXACT_TENTH = 204.7;

/** Picks the i-th value of a list, cycling, so sweeps of different lengths pair up deterministically. */
const cycle = <T>(values: readonly T[], i: number): T => values[i % values.length] as T;

const TIMESTAMPS = [
  { year: 2025, month: 1, day: 31, hours: 0, minutes: 0, seconds: 0 },
  { year: 0, month: 0, day: 0, hours: 23, minutes: 59, seconds: 59 },
  { year: 9999, month: 12, day: 1, hours: 12, minutes: 30, seconds: 7 },
];

const decode = (characteristic: string, bytes: Uint8Array) => decodeCharacteristic(characteristic, bytesToHex(bytes));

describe('encode → decode round trips', () => {
  const spo2Values = [...tenths(0, 100), null];
  const pulseRates = [...tenths(20, LAST_EXACT_TENTH), ...integers(205, 300), null];
  const perfusion = [0, 0.01, 0.2, 1.25, 9.99, 20, 20.47, null];

  it('PLX Continuous: every SpO2 tenth 0–100 and pulse rate 20–300, with every flag combination', () => {
    for (let i = 0; i < pulseRates.length; i++) {
      const combination = i % 32;
      const spo2 = cycle(spo2Values, i);
      const pulseRate = cycle(pulseRates, i);
      const input = {
        spo2,
        pulseRate,
        ...(combination & 0x01 && { spo2Fast: { spo2: cycle(spo2Values, i + 7), pulseRate: cycle(pulseRates, i + 7) } }),
        ...(combination & 0x02 && { spo2Slow: { spo2: cycle(spo2Values, i + 13), pulseRate: cycle(pulseRates, i + 13) } }),
        ...(combination & 0x04 && { measurementStatus: (i * 2654435761) & 0xffff }),
        ...(combination & 0x08 && { deviceAndSensorStatus: (i * 2654435761) & 0xffffff }),
        ...(combination & 0x10 && { pulseAmplitudeIndex: cycle(perfusion, i) }),
      };
      const decoded = decode('2A5F', encodePlxContinuous(input));
      if (decoded.characteristic !== '0x2A5F') throw new Error('wrong characteristic');

      expect(decoded.spo2).toBe(spo2);
      expect(decoded.pulseRate).toBe(pulseRate);
      expect(decoded.spo2Special).toBe(spo2 === null ? 'NaN' : undefined);
      expect(decoded.spo2Fast).toBe(input.spo2Fast?.spo2);
      expect(decoded.pulseRateFast).toBe(input.spo2Fast?.pulseRate);
      expect(decoded.spo2Slow).toBe(input.spo2Slow?.spo2);
      expect(decoded.pulseRateSlow).toBe(input.spo2Slow?.pulseRate);
      expect(decoded.measurementStatus?.raw).toBe(input.measurementStatus);
      expect(decoded.deviceAndSensorStatus?.raw).toBe(input.deviceAndSensorStatus);
      expect(decoded.pulseAmplitudeIndex).toBe(input.pulseAmplitudeIndex);
    }
  });

  it('PLX Spot-check: sweeps with every flag combination, including Device Clock is Not Set', () => {
    for (let i = 0; i < pulseRates.length; i++) {
      const combination = i % 32;
      const input = {
        spo2: cycle(spo2Values, i * 3),
        pulseRate: cycle(pulseRates, i),
        ...(combination & 0x01 && { timestamp: cycle(TIMESTAMPS, i) }),
        ...(combination & 0x02 && { measurementStatus: (i * 40503) & 0xffff }),
        ...(combination & 0x04 && { deviceAndSensorStatus: (i * 2654435761) & 0xffffff }),
        ...(combination & 0x08 && { pulseAmplitudeIndex: cycle(perfusion, i) }),
        deviceClockNotSet: (combination & 0x10) !== 0,
      };
      const decoded = decode('2A5E', encodePlxSpotCheck(input));
      if (decoded.characteristic !== '0x2A5E') throw new Error('wrong characteristic');

      expect(decoded.spo2).toBe(input.spo2);
      expect(decoded.pulseRate).toBe(input.pulseRate);
      expect(decoded.timestamp).toEqual(input.timestamp);
      expect(decoded.deviceClockNotSet).toBe(input.deviceClockNotSet);
      expect(decoded.measurementStatus?.raw).toBe(input.measurementStatus);
      expect(decoded.deviceAndSensorStatus?.raw).toBe(input.deviceAndSensorStatus);
      expect(decoded.pulseAmplitudeIndex).toBe(input.pulseAmplitudeIndex);
    }
  });

  it('Blood Pressure Measurement: pressures 0–300 mmHg and every kPa tenth 0–40, with every flag combination', () => {
    const mmHg = [...tenths(0, LAST_EXACT_TENTH), ...integers(205, 300), null];
    const kPa = [...tenths(0, 40), null];
    for (let i = 0; i < mmHg.length; i++) {
      const combination = i % 32;
      const unit = combination & 0x01 ? ('kPa' as const) : ('mmHg' as const);
      const pressures = unit === 'kPa' ? kPa : mmHg;
      const input = {
        unit,
        systolic: cycle(pressures, i),
        diastolic: cycle(pressures, i + 101),
        meanArterialPressure: cycle(pressures, i + 57),
        ...(combination & 0x02 && { timestamp: cycle(TIMESTAMPS, i) }),
        ...(combination & 0x04 && { pulseRate: cycle(pulseRates, i) }),
        ...(combination & 0x08 && { userId: i % 256 }),
        ...(combination & 0x10 && { measurementStatus: (i * 40503) & 0xffff }),
      };
      const decoded = decode('2A35', encodeBloodPressureMeasurement(input));
      if (decoded.characteristic !== '0x2A35') throw new Error('wrong characteristic');

      expect(decoded.unit).toBe(unit);
      expect(decoded.systolic).toBe(input.systolic);
      expect(decoded.diastolic).toBe(input.diastolic);
      expect(decoded.meanArterialPressure).toBe(input.meanArterialPressure);
      expect(decoded.timestamp).toEqual(input.timestamp);
      expect(decoded.pulseRate).toBe(input.pulseRate);
      expect(decoded.userId).toBe(input.userId);
      expect(decoded.measurementStatus?.raw).toBe(input.measurementStatus);
    }
  });

  it('omits unit to mean mmHg', () => {
    const decoded = decode('2A35', encodeBloodPressureMeasurement({ systolic: 120, diastolic: 80, meanArterialPressure: 93.3 }));
    expect(decoded).toEqual({
      characteristic: '0x2A35',
      name: 'Blood Pressure Measurement',
      unit: 'mmHg',
      systolic: 120,
      diastolic: 80,
      meanArterialPressure: 93.3,
    });
  });
});

describe('encoders write the layouts of the reference vectors', () => {
  it('PLX Continuous matches SpeziBluetooth testSimpleMeasurementCoding byte for byte', () => {
    const bytes = encodePlxContinuous({ spo2: 95, pulseRate: 90, measurementStatus: 0x20, deviceAndSensorStatus: 0, pulseAmplitudeIndex: 8.7 });
    expect(bytesToHex(bytes)).toBe('1c5f005a00200000000057f0');
  });

  it('PLX Spot-check matches SpeziBluetooth testSpotCheckMeasurementCoding except PAI 8.7 as 87×10⁻¹', () => {
    const bytes = encodePlxSpotCheck({
      spo2: 94,
      pulseRate: 147,
      timestamp: { year: 2024, month: 11, day: 29, hours: 23, minutes: 8, seconds: 57 },
      measurementStatus: 0x4020,
      deviceAndSensorStatus: 0x22,
      pulseAmplitudeIndex: 8.7,
    });
    // Spezi sends 94 as 940×10⁻¹ (acf3) and PAI as 870×10⁻² (66e3); we send no padding digits.
    expect(bytesToHex(bytes)).toBe('0f5e009300e8070b1d1708392040220000' + '57f0');
  });

  it('Blood Pressure Measurement matches Nordic "full" byte for byte', () => {
    const bytes = encodeBloodPressureMeasurement({
      systolic: 138,
      diastolic: 88,
      meanArterialPressure: 120,
      timestamp: { year: 0, month: 4, day: 17, hours: 20, minutes: 41, seconds: 59 },
      pulseRate: 60,
      userId: 1,
      measurementStatus: 0b100111,
    });
    expect(bytesToHex(bytes)).toBe('1e8a00580078000000041114293b3c00012700');
  });

  it('Blood Pressure Measurement matches Nordic "some" (kPa) byte for byte', () => {
    const bytes = encodeBloodPressureMeasurement({
      unit: 'kPa',
      systolic: 18.9,
      diastolic: 11,
      meanArterialPressure: 15.9,
      pulseRate: 60,
      measurementStatus: 0b010010,
    });
    expect(bytesToHex(bytes)).toBe('15bdf00b009ff03c001200');
  });
});

describe('encoder input checks', () => {
  it.each([
    ['measurementStatus above 16 bits', () => encodePlxContinuous({ spo2: 1, pulseRate: 1, measurementStatus: 0x10000 }), /measurementStatus 65536 is not a 16-bit unsigned integer/],
    ['deviceAndSensorStatus above 24 bits', () => encodePlxSpotCheck({ spo2: 1, pulseRate: 1, deviceAndSensorStatus: 0x1000000 }), /deviceAndSensorStatus 16777216 is not a 24-bit/],
    ['a fractional status', () => encodePlxSpotCheck({ spo2: 1, pulseRate: 1, measurementStatus: 1.5 }), /measurementStatus 1.5/],
    ['userId 256', () => encodeBloodPressureMeasurement({ systolic: 1, diastolic: 1, meanArterialPressure: 1, userId: 256 }), /userId 256 is not an 8-bit/],
    ['a month of 13', () => encodePlxSpotCheck({ spo2: 1, pulseRate: 1, timestamp: { ...TIMESTAMPS[0]!, month: 13 } }), /timestamp.month 13 is out of range/],
    ['an SpO2 beyond SFLOAT', () => encodePlxContinuous({ spo2: 3e10, pulseRate: 1 }), /encodePlxContinuous: spo2: 30000000000 is outside the SFLOAT range/],
    ['an unknown unit', () => encodeBloodPressureMeasurement({ unit: 'psi' as never, systolic: 1, diastolic: 1, meanArterialPressure: 1 }), /unit "psi"/],
  ])('rejects %s with a RangeError naming the field', (_, encode, message) => {
    expect(encode).toThrow(RangeError);
    expect(encode).toThrow(message);
  });
});
