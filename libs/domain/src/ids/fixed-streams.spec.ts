import { FIXED_STREAMS, isCategoryStreamName } from './fixed-streams';
import { STREAM_CATEGORIES } from './stream-categories';

describe('fixed streams stay outside every category', () => {
  it.each(Object.values(FIXED_STREAMS))('%s is no category prefix plus an id', (name) => {
    expect(isCategoryStreamName(name)).toBe(false);
    for (const { prefix } of Object.values(STREAM_CATEGORIES)) expect(name.startsWith(prefix)).toBe(false);
  });

  it('a name made with a category prefix is recognised as one (the check above can fail)', () => {
    expect(isCategoryStreamName('session-store-checkpoint')).toBe(true);
  });
});
