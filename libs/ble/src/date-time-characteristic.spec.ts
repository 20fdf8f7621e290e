import { decodeCharacteristic } from './decode-characteristic';
import { captureDecodeError } from './testing/capture-decode-error';

const decode = (hex: string) => decodeCharacteristic('2A08', hex);

describe('Date Time (0x2A08)', () => {
  it('decodes Nordic DateTimeDataCallbackTest', () => {
    expect(decode('e2070411 0f3300')).toEqual({
      characteristic: '0x2A08',
      name: 'Date Time',
      year: 2018,
      month: 4,
      day: 17,
      hours: 15,
      minutes: 51,
      seconds: 0,
    });
  });

  it('passes zeros ("not known") through as sent (Nordic dateNotKnown)', () => {
    expect(decode('00000000121a20')).toMatchObject({ year: 0, month: 0, day: 0, hours: 18, minutes: 26, seconds: 32 });
  });

  it('accepts the range limits', () => {
    expect(decode('2e060101000000')).toMatchObject({ year: 1582, month: 1, day: 1 });
    expect(decode('0f270c1f173b3b')).toMatchObject({ year: 9999, month: 12, day: 31, hours: 23, minutes: 59, seconds: 59 });
  });

  it('rejects 6 bytes (Nordic dataTooShort)', () => {
    const error = captureDecodeError(() => decode('e20704110f33'));
    expect(error.message).toBe('Date Time (0x2A08): Date Time is required at offset 0 (7 bytes), but only 6 bytes remain');
  });

  it.each([
    ['2d060101000000', 'year', 0, 'year 1581 at offset 0 is out of range (1582–9999, or 0 for not known)'],
    ['e2070d110f3300', 'month', 2, 'month 13 at offset 2 is out of range (1–12, or 0 for not known)'],
    ['e2070420000000', 'day', 3, 'day 32 at offset 3 is out of range (1–31, or 0 for not known)'],
    ['e2070411180000', 'hours', 4, 'hours 24 at offset 4 is out of range (0–23)'],
    ['e20704110f3c00', 'minutes', 5, 'minutes 60 at offset 5 is out of range (0–59)'],
    ['e20704110f333c', 'seconds', 6, 'seconds 60 at offset 6 is out of range (0–59)'],
  ])('rejects %s: bad %s', (hex, field, offset, reason) => {
    const error = captureDecodeError(() => decode(hex));
    expect(error.field).toBe(field);
    expect(error.offset).toBe(offset);
    expect(error.message).toBe(`Date Time (0x2A08): ${reason}`);
  });

  it('tolerates trailing bytes', () => {
    expect(decode('e20704110f3300ff')).toEqual(decode('e20704110f3300'));
  });
});
