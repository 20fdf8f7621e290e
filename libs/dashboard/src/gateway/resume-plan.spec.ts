import { RESUME_LIMIT_EVENTS, planResume, readResumeRequest } from './resume-plan';

const server = { storeId: 'first-event-id', projectionPosition: 500, headPosition: 510 };

describe('what a (re)connecting client gets', () => {
  it('a snapshot when it has no position', () => expect(planResume({}, server)).toEqual({ kind: 'snapshot' }));
  it('the changes after its position when it comes from this store', () =>
    expect(planResume({ lastPosition: 420, storeId: 'first-event-id' }, server)).toEqual({ kind: 'replay', from: 420 }));
  it('the changes even when it is ahead of a projection still catching up after a restart', () =>
    expect(planResume({ lastPosition: 505, storeId: 'first-event-id' }, server)).toEqual({ kind: 'replay', from: 505 }));
  it('a snapshot when its position belongs to another store (data directory reset)', () =>
    expect(planResume({ lastPosition: 420, storeId: 'other' }, server)).toEqual({ kind: 'snapshot' }));
  it('a snapshot when its position is past the head', () => expect(planResume({ lastPosition: 511, storeId: 'first-event-id' }, server)).toEqual({ kind: 'snapshot' }));
  it('a snapshot when replaying would be longer than the snapshot', () =>
    expect(planResume({ lastPosition: 1, storeId: 'x' }, { storeId: 'x', projectionPosition: RESUME_LIMIT_EVENTS + 2, headPosition: RESUME_LIMIT_EVENTS + 2 })).toEqual({
      kind: 'snapshot',
    }));
  it('reads only well-formed fields from the wire', () => {
    expect(readResumeRequest({ lastPosition: 12, storeId: 'x' })).toEqual({ lastPosition: 12, storeId: 'x' });
    expect(readResumeRequest({ lastPosition: '12', storeId: 5 })).toEqual({});
    expect(readResumeRequest({ lastPosition: -1 })).toEqual({});
    expect(readResumeRequest('resume please')).toEqual({});
  });
});
