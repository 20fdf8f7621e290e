import { planResume, readResumeRequest } from './resume-plan';

const server = { storeId: 'first-event-id', projectionPosition: 500, journalFrom: 300 };

describe('what a (re)connecting client gets', () => {
  it('a snapshot when it has no position', () => expect(planResume({}, server)).toEqual({ kind: 'snapshot' }));
  it('the changes after its position when it comes from this store', () =>
    expect(planResume({ lastPosition: 420, storeId: 'first-event-id' }, server)).toEqual({ kind: 'replay', from: 420 }));
  it('nothing to replay but the live stream when it is up to date', () =>
    expect(planResume({ lastPosition: 500, storeId: 'first-event-id' }, server)).toEqual({ kind: 'replay', from: 500 }));
  it('a snapshot when its position belongs to another store (data directory reset)', () =>
    expect(planResume({ lastPosition: 420, storeId: 'other' }, server)).toEqual({ kind: 'snapshot' }));
  it('a snapshot when it is ahead of the projection (one still catching up after a restart)', () =>
    expect(planResume({ lastPosition: 501, storeId: 'first-event-id' }, server)).toEqual({ kind: 'snapshot' }));
  it('a snapshot when the journal of recent changes no longer reaches back to its position', () =>
    expect(planResume({ lastPosition: 299, storeId: 'first-event-id' }, server)).toEqual({ kind: 'snapshot' }));
  it('reads only well-formed fields from the wire', () => {
    expect(readResumeRequest({ lastPosition: 12, storeId: 'x' })).toEqual({ lastPosition: 12, storeId: 'x' });
    expect(readResumeRequest({ lastPosition: '12', storeId: 5 })).toEqual({});
    expect(readResumeRequest({ lastPosition: -1 })).toEqual({});
    expect(readResumeRequest('resume please')).toEqual({});
  });
});
