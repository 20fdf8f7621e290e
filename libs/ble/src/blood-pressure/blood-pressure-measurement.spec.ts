import { decodeCharacteristicBytes } from '../decode-characteristic';
import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';
import { allFlagCombinations, zeroPayload } from '../testing/flag-combinations';

const decode = (hex: string) => decodeAs('0x2A35', hex);

describe('Blood Pressure Measurement (0x2A35)', () => {
  it('decodes Nordic BloodPressureMeasurementDataCallbackTest "full" (year 0 = not known)', () => {
    expect(decode('1e8a00580078000000041114293b3c00012700')).toEqual({
      characteristic: '0x2A35',
      name: 'Blood Pressure Measurement',
      unit: 'mmHg',
      systolic: 138,
      diastolic: 88,
      meanArterialPressure: 120,
      timestamp: { year: 0, month: 4, day: 17, hours: 20, minutes: 41, seconds: 59 },
      pulseRate: 60,
      userId: 1,
      measurementStatus: {
        raw: 0x27,
        bodyMovementDetected: true,
        cuffTooLoose: true,
        irregularPulseDetected: true,
        improperMeasurementPosition: true,
        pulseRateRange: 'withinRange',
      },
    });
  });

  it('decodes Nordic "some": kPa values as sent, 2-bit pulse rate range "below lower limit"', () => {
    expect(decode('15bdf00b009ff03c001200')).toEqual({
      characteristic: '0x2A35',
      name: 'Blood Pressure Measurement',
      unit: 'kPa',
      systolic: 18.9,
      diastolic: 11,
      meanArterialPressure: 15.9,
      pulseRate: 60,
      measurementStatus: { raw: 0x12, cuffTooLoose: true, pulseRateRange: 'belowLowerLimit' },
    });
  });

  it('decodes Nordic "minimal" (7 bytes)', () => {
    expect(decode('00bdf00b009ff0')).toEqual({
      characteristic: '0x2A35',
      name: 'Blood Pressure Measurement',
      unit: 'mmHg',
      systolic: 18.9,
      diastolic: 11,
      meanArterialPressure: 15.9,
    });
  });

  it.each([
    [0x00, 'withinRange'],
    [0x08, 'exceedsUpperLimit'],
    [0x10, 'belowLowerLimit'],
    [0x18, 'reserved'],
  ])('reads status bits 3–4 (raw %p) as one enum value, %s (docs/ble-gatt.md §0.8)', (raw, range) => {
    const hex = `10 7800 5000 5d00 ${raw.toString(16).padStart(2, '0')}00`;
    expect(decode(hex).measurementStatus).toEqual({ raw, pulseRateRange: range });
  });

  it('keeps status RFU bits 6–15 in raw only', () => {
    expect(decode('10 7800 5000 5d00 c0ff').measurementStatus).toEqual({ raw: 0xffc0, pulseRateRange: 'withinRange' });
  });

  it('passes User ID 255 ("unknown user") through as sent', () => {
    expect(decode('08 7800 5000 5d00 ff').userId).toBe(255);
  });

  it('gives null plus a *Special sibling for special pressures and pulse rate', () => {
    expect(decode('04 ff07 0008 0208 fe07')).toMatchObject({
      systolic: null,
      systolicSpecial: 'NaN',
      diastolic: null,
      diastolicSpecial: 'NRes',
      meanArterialPressure: null,
      meanArterialPressureSpecial: '-INFINITY',
      pulseRate: null,
      pulseRateSpecial: '+INFINITY',
    });
  });

  it.each([
    // Nordic onInvalidDataReceived_toShort: 6 bytes
    ['010203040506', 'meanArterialPressure', 'Blood Pressure Measurement (0x2A35): Mean Arterial Pressure is required at offset 5 (2 bytes), but only 1 byte remains'],
    // Nordic onInvalidDataReceived_noTimestamp: flags announce a time stamp that is not there
    ['03020304050607', 'timestamp', 'Blood Pressure Measurement (0x2A35): flags 0x03 (bit 1 set) require Time Stamp at offset 7 (7 bytes), but only 0 bytes remain'],
  ])('rejects %s, naming %s', (hex, field, message) => {
    const error = captureDecodeError(() => decode(hex));
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('ignores RFU flag bits 5–7 and tolerates trailing bytes', () => {
    expect(decode('e0 7800 5000 5d00 0102')).toEqual(decode('00 7800 5000 5d00'));
  });

  describe('every flag combination', () => {
    const optionalFields = [
      { bit: 0x02, key: 'timestamp', size: 7 },
      { bit: 0x04, key: 'pulseRate', size: 2 },
      { bit: 0x08, key: 'userId', size: 1 },
      { bit: 0x10, key: 'measurementStatus', size: 2 },
    ];
    const mandatory = ['flags', 'systolic', 'systolic', 'diastolic', 'diastolic', 'meanArterialPressure', 'meanArterialPressure'];

    it.each(allFlagCombinations(5))('flags %p: decodes at full length and names the cut field when shorter', (flags) => {
      const present = optionalFields.filter((field) => flags & field.bit);
      const fieldAtOffset = [...mandatory, ...present.flatMap((f) => Array(f.size).fill(f.key))];

      const decoded = decodeAs('0x2A35', zeroPayload(flags, fieldAtOffset.length));
      expect(decoded.unit).toBe(flags & 0x01 ? 'kPa' : 'mmHg');
      for (const field of optionalFields) expect(field.key in decoded).toBe(present.includes(field));

      for (let length = 1; length < fieldAtOffset.length; length++) {
        expect(captureDecodeError(() => decodeCharacteristicBytes('0x2A35', zeroPayload(flags, length))).field).toBe(
          fieldAtOffset[length],
        );
      }
    });
  });
});
