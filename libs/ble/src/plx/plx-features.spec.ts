import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';

const decode = (hex: string) => decodeAs('0x2A60', hex);

describe('PLX Features (0x2A60)', () => {
  it('decodes the SpeziBluetooth PLXTests.testPLXFeaturesCoding vector', () => {
    expect(decode('a3 00 4010 800100')).toEqual({
      characteristic: '0x2A60',
      name: 'PLX Features',
      supportedFeatures: {
        raw: 0xa3,
        measurementStatusSupported: true,
        deviceAndSensorStatusSupported: true,
        spo2prSlowSupported: true,
        multipleBondsSupported: true,
      },
      measurementStatusSupport: { raw: 0x1040, earlyEstimatedData: true, calibrationOngoing: true },
      deviceAndSensorStatusSupport: { raw: 0x180, nonPulsatileSignalDetected: true, questionablePulseDetected: true },
    });
  });

  it('names every supported-feature bit and keeps RFU bits 8–15 in raw only', () => {
    expect(decode('fcff').supportedFeatures).toEqual({
      raw: 0xfffc,
      measurementStorageForSpotCheckSupported: true,
      timestampForSpotCheckSupported: true,
      spo2prFastSupported: true,
      spo2prSlowSupported: true,
      pulseAmplitudeIndexSupported: true,
      multipleBondsSupported: true,
    });
  });

  it.each([
    ['0000', ['supportedFeatures']],
    ['0100 2000', ['supportedFeatures', 'measurementStatusSupport']],
    ['0200 000800', ['supportedFeatures', 'deviceAndSensorStatusSupport']],
    ['0300 2000 000800', ['supportedFeatures', 'measurementStatusSupport', 'deviceAndSensorStatusSupport']],
  ])('is 2, 4, 5 or 7 bytes: %s', (hex, keys) => {
    expect(Object.keys(decode(hex))).toEqual(['characteristic', 'name', ...keys]);
  });

  it.each([
    ['03', 'supportedFeatures'],
    ['0100', 'measurementStatusSupport'],
    ['0100 20', 'measurementStatusSupport'],
    ['0200 0008', 'deviceAndSensorStatusSupport'],
    ['0300 2000 00', 'deviceAndSensorStatusSupport'],
  ])('rejects %s as too short for its feature bits, naming %s', (hex, field) => {
    expect(captureDecodeError(() => decode(hex)).field).toBe(field);
  });

  it('quotes the Supported Features word when a support field is missing', () => {
    expect(captureDecodeError(() => decode('0200 0008')).message).toBe(
      'PLX Features (0x2A60): Supported Features 0x0002 (bit 1 set) require Device and Sensor Status Support at offset 2 (3 bytes), but only 2 bytes remain',
    );
  });
});
