import { decodeCharacteristic } from '../decode-characteristic';
import { captureDecodeError } from '../testing/capture-decode-error';

const decode = (hex: string) => decodeCharacteristic('0x2a36', hex);

describe('Intermediate Cuff Pressure (0x2A36)', () => {
  it('decodes Nordic IntermediateCuffPressureDataCallbackTest "full"', () => {
    expect(decode('1e0400000000000000041114293b3c00012700')).toEqual({
      characteristic: '0x2A36',
      name: 'Intermediate Cuff Pressure',
      unit: 'mmHg',
      cuffPressure: 4,
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

  it('decodes Nordic "some" in kPa', () => {
    expect(decode('156ff0000000003c001200')).toEqual({
      characteristic: '0x2A36',
      name: 'Intermediate Cuff Pressure',
      unit: 'kPa',
      cuffPressure: 11.1,
      pulseRate: 60,
      measurementStatus: { raw: 0x12, cuffTooLoose: true, pulseRateRange: 'belowLowerLimit' },
    });
  });

  it.each([
    ['Nordic zeros', '00d7f000000000'],
    ['GSS NaN', '00d7f0ff07ff07'],
  ])('ignores the unused diastolic and MAP slots (%s, docs/ble-gatt.md §0.7)', (_, hex) => {
    expect(decode(hex)).toEqual({ characteristic: '0x2A36', name: 'Intermediate Cuff Pressure', unit: 'mmHg', cuffPressure: 21.5 });
  });

  it('still requires the unused slots: 7 bytes minimum', () => {
    const error = captureDecodeError(() => decode('010203040506'));
    expect(error.field).toBe('meanArterialPressure');
    expect(error.message).toMatch(/Mean Arterial Pressure \(unused\) is required at offset 5/);
  });

  it('rejects a flagged time stamp that is missing (Nordic noTimestamp)', () => {
    expect(captureDecodeError(() => decode('03020304050607')).field).toBe('timestamp');
  });
});
