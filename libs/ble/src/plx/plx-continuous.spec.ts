import { decodeCharacteristicBytes } from '../decode-characteristic';
import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';
import { allFlagCombinations, zeroPayload } from '../testing/flag-combinations';

const decode = (hex: string) => decodeAs('0x2A5F', hex);

describe('PLX Continuous Measurement (0x2A5F)', () => {
  it.each([
    // SpeziBluetooth PLXTests.testVerySimpleMeasurementCoding: both encodings of 100 % / 90 bpm
    ['00 6400 5a00', 100, 90],
    ['00 e8f3 84f3', 100, 90],
  ])('decodes the minimal SpeziBluetooth vector %s', (hex, spo2, pulseRate) => {
    expect(decode(hex)).toEqual({ characteristic: '0x2A5F', name: 'PLX Continuous Measurement', spo2, pulseRate });
  });

  it('decodes SpeziBluetooth testSimpleMeasurementCoding (status words and PAI)', () => {
    expect(decode('1c5f005a00200000000057f0')).toEqual({
      characteristic: '0x2A5F',
      name: 'PLX Continuous Measurement',
      spo2: 95,
      pulseRate: 90,
      measurementStatus: { raw: 0x20, measurementOngoing: true },
      deviceAndSensorStatus: { raw: 0 },
      pulseAmplitudeIndex: 8.7,
    });
  });

  it('decodes SpeziBluetooth testFullMeasurementCoding (every field)', () => {
    expect(decode('1fdef3caf3caf35af5d4f3b2f220010000007ae3')).toEqual({
      characteristic: '0x2A5F',
      name: 'PLX Continuous Measurement',
      spo2: 99,
      pulseRate: 97,
      spo2Fast: 97,
      pulseRateFast: 137,
      spo2Slow: 98,
      pulseRateSlow: 69,
      measurementStatus: { raw: 0x120, measurementOngoing: true, fullyQualifiedData: true },
      deviceAndSensorStatus: { raw: 0 },
      pulseAmplitudeIndex: 8.9,
    });
  });

  it('names every measurement status and device-and-sensor status bit (docs/ble-gatt.md §2.3, §2.4)', () => {
    const decoded = decode('0c 6200 4800 ffff ffffff');
    expect(decoded.measurementStatus).toEqual({
      raw: 0xffff,
      measurementOngoing: true,
      earlyEstimatedData: true,
      validatedData: true,
      fullyQualifiedData: true,
      dataFromMeasurementStorage: true,
      dataForDemonstration: true,
      dataForTesting: true,
      calibrationOngoing: true,
      measurementUnavailable: true,
      questionableMeasurementDetected: true,
      invalidMeasurementDetected: true,
    });
    expect(decoded.deviceAndSensorStatus).toEqual({
      raw: 0xffffff,
      extendedDisplayUpdateOngoing: true,
      equipmentMalfunctionDetected: true,
      signalProcessingIrregularityDetected: true,
      inadequateSignalDetected: true,
      poorSignalDetected: true,
      lowPerfusionDetected: true,
      erraticSignalDetected: true,
      nonPulsatileSignalDetected: true,
      questionablePulseDetected: true,
      signalAnalysisOngoing: true,
      sensorInterferenceDetected: true,
      sensorUnconnectedToUser: true,
      unknownSensorConnected: true,
      sensorDisplaced: true,
      sensorMalfunctioning: true,
      sensorDisconnected: true,
    });
  });

  it('keeps measurement-status RFU bits 0–4 in raw without naming them', () => {
    expect(decode('04 6200 4800 1f00').measurementStatus).toEqual({ raw: 0x1f });
  });

  it('gives special values per field, including the fast and slow pairs', () => {
    expect(decode('03 6200 4800 fe07 0208 0108 ff07')).toMatchObject({
      spo2Fast: null,
      spo2FastSpecial: '+INFINITY',
      pulseRateFast: null,
      pulseRateFastSpecial: '-INFINITY',
      spo2Slow: null,
      spo2SlowSpecial: 'Reserved',
      pulseRateSlow: null,
      pulseRateSlowSpecial: 'NaN',
    });
  });

  it('reproduces the issue example message for a truncated Measurement Status', () => {
    const error = captureDecodeError(() => decode('04 6200 4800 20'));
    expect(error.message).toBe(
      'PLX Continuous Measurement (0x2A5F): flags 0x04 (bit 2 set) require Measurement Status at offset 5 (2 bytes), but only 1 byte remains',
    );
  });

  it('names a missing mandatory field without blaming the flags', () => {
    const error = captureDecodeError(() => decode('00 6200 48'));
    expect(error.field).toBe('pulseRate');
    expect(error.message).toBe(
      'PLX Continuous Measurement (0x2A5F): SpO2PR-Normal PR is required at offset 3 (2 bytes), but only 1 byte remains',
    );
  });

  describe('every flag combination', () => {
    // Table 3.6 order and sizes; the flag positions differ from Spot-check (docs/ble-gatt.md §2.2).
    const optionalFields = [
      { bit: 0x01, keys: ['spo2Fast', 'spo2Fast', 'pulseRateFast', 'pulseRateFast'] },
      { bit: 0x02, keys: ['spo2Slow', 'spo2Slow', 'pulseRateSlow', 'pulseRateSlow'] },
      { bit: 0x04, keys: ['measurementStatus', 'measurementStatus'] },
      { bit: 0x08, keys: ['deviceAndSensorStatus', 'deviceAndSensorStatus', 'deviceAndSensorStatus'] },
      { bit: 0x10, keys: ['pulseAmplitudeIndex', 'pulseAmplitudeIndex'] },
    ];

    it.each(allFlagCombinations(5))('flags %p: decodes at full length and names the cut field when shorter', (flags) => {
      const present = optionalFields.filter((field) => flags & field.bit);
      const fieldAtOffset = ['flags', 'spo2', 'spo2', 'pulseRate', 'pulseRate', ...present.flatMap((f) => f.keys)];

      const decoded = decodeAs('0x2A5F', zeroPayload(flags, fieldAtOffset.length));
      const expectedKeys = ['characteristic', 'name', 'spo2', 'pulseRate', ...new Set(present.flatMap((f) => f.keys))];
      expect(Object.keys(decoded).sort()).toEqual(expectedKeys.sort());

      for (let length = 1; length < fieldAtOffset.length; length++) {
        const error = captureDecodeError(() => decodeCharacteristicBytes('0x2A5F', zeroPayload(flags, length)));
        expect(error.field).toBe(fieldAtOffset[length]);
      }
    });
  });
});
