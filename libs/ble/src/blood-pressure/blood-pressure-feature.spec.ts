import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';

const decode = (hex: string) => decodeAs('0x2A49', hex);

describe('Blood Pressure Feature (0x2A49)', () => {
  it('names all nine defined bits (docs/ble-gatt.md §3.3; SpeziBluetooth testBloodPressureFeature)', () => {
    expect(decode('ff01')).toEqual({
      characteristic: '0x2A49',
      name: 'Blood Pressure Feature',
      supportedFeatures: {
        raw: 0x1ff,
        bodyMovementDetectionSupported: true,
        cuffFitDetectionSupported: true,
        irregularPulseDetectionSupported: true,
        pulseRateRangeDetectionSupported: true,
        measurementPositionDetectionSupported: true,
        multipleBondsSupported: true,
        e2eCrcSupported: true,
        userDataServiceSupported: true,
        userFacingTimeSupported: true,
      },
    });
  });

  it('reads the word little-endian', () => {
    expect(decode('0501').supportedFeatures).toEqual({
      raw: 0x105,
      bodyMovementDetectionSupported: true,
      irregularPulseDetectionSupported: true,
      userFacingTimeSupported: true,
    });
  });

  it('keeps RFU bits 9–15 in raw only', () => {
    expect(decode('00fe').supportedFeatures).toEqual({ raw: 0xfe00 });
  });

  it('rejects a single byte', () => {
    const error = captureDecodeError(() => decode('05'));
    expect(error.field).toBe('supportedFeatures');
    expect(error.message).toBe(
      'Blood Pressure Feature (0x2A49): Blood Pressure Feature is required at offset 0 (2 bytes), but only 1 byte remains',
    );
  });
});
