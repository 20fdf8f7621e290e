import { decodeCharacteristicBytes } from '../decode-characteristic';
import { bytesToHex } from '../hex';
import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';
import { allFlagCombinations, zeroPayload } from '../testing/flag-combinations';

const decode = (hex: string) => decodeAs('0x2A5E', hex);

describe('PLX Spot-check Measurement (0x2A5E)', () => {
  it('decodes the SpeziBluetooth PLXTests.testSpotCheckMeasurementCoding vector', () => {
    expect(decode('0facf3bef5e8070b1d170839204022000066e3')).toEqual({
      characteristic: '0x2A5E',
      name: 'PLX Spot-check Measurement',
      spo2: 94,
      pulseRate: 147,
      timestamp: { year: 2024, month: 11, day: 29, hours: 23, minutes: 8, seconds: 57 },
      deviceClockNotSet: false,
      measurementStatus: { raw: 0x4020, measurementOngoing: true, questionableMeasurementDetected: true },
      deviceAndSensorStatus: { raw: 0x22, equipmentMalfunctionDetected: true, lowPerfusionDetected: true },
      pulseAmplitudeIndex: 8.7,
    });
  });

  it('decodes the 5-byte minimum and omits absent optional fields', () => {
    expect(decode('00 62 00 48 00')).toEqual({
      characteristic: '0x2A5E',
      name: 'PLX Spot-check Measurement',
      spo2: 98,
      pulseRate: 72,
      deviceClockNotSet: false,
    });
  });

  it('exposes flags bit 4, Device Clock is Not Set (docs/ble-gatt.md §2.1)', () => {
    expect(decode('11 62 00 48 00 00 00 00 00 00 05 09')).toMatchObject({
      deviceClockNotSet: true,
      timestamp: { year: 0, month: 0, day: 0, hours: 0, minutes: 5, seconds: 9 },
    });
  });

  it('gives null plus a *Special sibling for special SFLOAT values', () => {
    expect(decode('08 ff07 0008 ff07')).toEqual({
      characteristic: '0x2A5E',
      name: 'PLX Spot-check Measurement',
      spo2: null,
      spo2Special: 'NaN',
      pulseRate: null,
      pulseRateSpecial: 'NRes',
      deviceClockNotSet: false,
      pulseAmplitudeIndex: null,
      pulseAmplitudeIndexSpecial: 'NaN',
    });
  });

  it('reads the Device and Sensor Status as 24 bits and keeps RFU bits 16–23 in raw only', () => {
    expect(decode('04 6200 4800 008080').deviceAndSensorStatus).toEqual({ raw: 0x808000, sensorDisconnected: true });
  });

  it('ignores RFU flag bits 5–7 and tolerates trailing bytes', () => {
    expect(decode('e0 6200 4800 deadbeef')).toEqual(decode('00 6200 4800'));
  });

  describe('every flag combination', () => {
    // Table 3.2 order and sizes: Timestamp 7 (bit 0), Measurement Status 2 (bit 1),
    // Device and Sensor Status 3 (bit 2), Pulse Amplitude Index 2 (bit 3); bit 4 adds nothing.
    const optionalFields = [
      { bit: 0x01, key: 'timestamp', size: 7 },
      { bit: 0x02, key: 'measurementStatus', size: 2 },
      { bit: 0x04, key: 'deviceAndSensorStatus', size: 3 },
      { bit: 0x08, key: 'pulseAmplitudeIndex', size: 2 },
    ];

    it.each(allFlagCombinations(5))('flags %p: decodes at full length and names the cut field when shorter', (flags) => {
      const present = optionalFields.filter((field) => flags & field.bit);
      const fieldAtOffset = ['flags', 'spo2', 'spo2', 'pulseRate', 'pulseRate', ...present.flatMap((f) => Array(f.size).fill(f.key))];
      const fullLength = fieldAtOffset.length;

      const decoded = decodeAs('0x2A5E', zeroPayload(flags, fullLength));
      for (const field of optionalFields) expect(field.key in decoded).toBe(present.includes(field));
      expect(decoded.deviceClockNotSet).toBe((flags & 0x10) !== 0);

      for (let length = 1; length < fullLength; length++) {
        const error = captureDecodeError(() => decodeCharacteristicBytes('0x2A5E', zeroPayload(flags, length)));
        expect(error.field).toBe(fieldAtOffset[length]);
        expect(error.characteristic).toBe('0x2A5E');
      }
    });
  });

  it('says which flag asked for the missing field, where, and how much is left', () => {
    const error = captureDecodeError(() => decode('02 6200 4800 20'));
    expect(error.message).toBe(
      'PLX Spot-check Measurement (0x2A5E): flags 0x02 (bit 1 set) require Measurement Status at offset 5 (2 bytes), but only 1 byte remains',
    );
    expect(error.field).toBe('measurementStatus');
    expect(error.offset).toBe(5);
  });

  it('rejects a timestamp field outside its range, naming it', () => {
    const error = captureDecodeError(() => decode('01 6200 4800 e8070d01000000'));
    expect(error.field).toBe('timestamp.month');
    expect(error.offset).toBe(7);
    expect(error.message).toBe(
      'PLX Spot-check Measurement (0x2A5E): Timestamp month 13 at offset 7 is out of range (1–12, or 0 for not known)',
    );
  });

  it('decodes what bytesToHex wrote', () => {
    expect(decode(bytesToHex(Uint8Array.of(0, 0x62, 0, 0x48, 0))).spo2).toBe(98);
  });
});
