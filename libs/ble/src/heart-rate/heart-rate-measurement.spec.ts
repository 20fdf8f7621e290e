import { captureDecodeError } from '../testing/capture-decode-error';
import { decodeAs } from '../testing/decode-as';

const decode = (hex: string) => decodeAs('0x2A37', hex);
const base = { characteristic: '0x2A37', name: 'Heart Rate Measurement' };

describe('Heart Rate Measurement (0x2A37)', () => {
  it.each([
    // Nordic HeartRateMeasurementDataCallbackTest vectors
    ['0055', { heartRate: 85, sensorContact: 'notSupported' }],
    ['04ff', { heartRate: 255, sensorContact: 'supportedNotDetected' }],
    ['1e5532002100', { heartRate: 85, sensorContact: 'supportedDetected', energyExpended: 50, rrIntervals: [33] }],
    [
      '1f0101320101000201ffff',
      { heartRate: 257, sensorContact: 'supportedDetected', energyExpended: 306, rrIntervals: [1, 258, 65535] },
    ],
  ])('decodes %s', (hex, expected) => {
    expect(decode(hex)).toEqual({ ...base, ...expected });
  });

  it.each([
    [0x00, 'notSupported'],
    [0x02, 'notSupported'],
    [0x04, 'supportedNotDetected'],
    [0x06, 'supportedDetected'],
  ])('reads sensor contact bits 1–2 of flags %p as %s', (flags, sensorContact) => {
    expect(decode(`${flags.toString(16).padStart(2, '0')}48`).sensorContact).toBe(sensorContact);
  });

  it('reads a uint16 heart rate when flags bit 0 is set', () => {
    expect(decode('012c01').heartRate).toBe(300);
  });

  it('rejects a uint16 heart rate cut to one byte', () => {
    const error = captureDecodeError(() => decode('0148'));
    expect(error.field).toBe('heartRate');
    expect(error.message).toBe(
      'Heart Rate Measurement (0x2A37): flags 0x01 (bit 0 set) require Heart Rate Measurement Value (uint16) at offset 1 (2 bytes), but only 1 byte remains',
    );
  });

  it('rejects the RR flag with no interval (Nordic onInvalidDataReceived / hrm-invalid-rr-missing)', () => {
    const error = captureDecodeError(() => decode('170101'));
    expect(error.field).toBe('rrIntervals');
    expect(error.offset).toBe(3);
  });

  it('rejects the RR flag with a single byte left', () => {
    expect(captureDecodeError(() => decode('104804')).field).toBe('rrIntervals');
  });

  it('ignores an odd trailing byte after the last whole RR interval', () => {
    expect(decode('10 48 0004 0104 01').rrIntervals).toEqual([1024, 1025]);
  });

  it('rejects energy expended cut short', () => {
    expect(captureDecodeError(() => decode('084832')).field).toBe('energyExpended');
  });

  it('tolerates trailing bytes when no RR intervals are announced', () => {
    expect(decode('00480102')).toEqual({ ...base, heartRate: 72, sensorContact: 'notSupported' });
  });
});
