import { checkClinicalTime, MAX_FUTURE_SKEW_MS, MAX_PAST_AGE_MS } from './clinical-time';

const NOW = Date.parse('2026-11-29T10:00:00.000Z');
const check = (value: unknown) => checkClinicalTime(value, NOW, JSON.stringify(value));

describe('clinical times from outside', () => {
  it('normalises a zoned time within the bounds', () => {
    expect(check('2026-11-29T11:00:00+01:00')).toEqual({ ok: true, iso: '2026-11-29T10:00:00.000Z' });
    expect(check(new Date(NOW + MAX_FUTURE_SKEW_MS).toISOString())).toMatchObject({ ok: true });
    expect(check(new Date(NOW - MAX_PAST_AGE_MS).toISOString())).toMatchObject({ ok: true });
  });

  it.each(['2026-11-29T10:00:00', '2026-11-29', '10:00:00Z', '2026-02-30T10:00:00Z', '2026-11-29 10:00:00Z', 'yesterday', '', 1732874400000, null])(
    'refuses %p: no zone, no time part, or no such date',
    (value) => expect(check(value)).toEqual({ ok: false, reason: expect.stringMatching(/^must be an ISO 8601 time with a zone/) }),
  );

  it('refuses a time more than 5 minutes ahead, or more than 24 h back', () => {
    expect(check(new Date(NOW + MAX_FUTURE_SKEW_MS + 1_000).toISOString())).toEqual({ ok: false, reason: 'is 301 s ahead of the server clock (at most 300 s allowed)' });
    expect(check('2027-11-29T10:00:00Z')).toMatchObject({ ok: false, reason: expect.stringMatching(/ahead of the server clock/) });
    expect(check('2076-11-29T10:00:00Z')).toMatchObject({ ok: false });
    expect(check(new Date(NOW - MAX_PAST_AGE_MS - 3_600_000).toISOString())).toEqual({ ok: false, reason: 'is older than 24 h (25 h before the server clock)' });
  });
});
