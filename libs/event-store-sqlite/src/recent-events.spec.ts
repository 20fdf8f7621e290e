import { integerPositions, type RecordedEvent } from '@vigil/event-store';
import { RecentEvents } from './recent-events';

const at = (position: number) => ({ position: integerPositions.encode(position) }) as RecordedEvent;
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => integerPositions.decode(e.position));

describe('RecentEvents', () => {
  it('serves reads inside its window and declines reads before or past it', () => {
    const recent = new RecentEvents(100);
    recent.add([at(5), at(6), at(7)]);
    expect(positions(recent.after(4, 10))).toEqual([5, 6, 7]);
    expect(positions(recent.after(5, 1))).toEqual([6]);
    expect(recent.after(3, 10)).toBeUndefined(); // position 4 is not held
    expect(recent.after(7, 10)).toBeUndefined(); // nothing newer known here: ask SQLite
  });

  it('starts over when a commit does not follow on, and keeps at most its capacity', () => {
    const recent = new RecentEvents(4);
    recent.add([at(1), at(2)]);
    recent.add([at(9)]);
    expect(positions(recent.after(8, 10))).toEqual([9]);
    expect(recent.after(1, 10)).toBeUndefined();
    recent.add([at(10), at(11), at(12), at(13)]); // 5 > 4: keep the newest half
    expect(positions(recent.after(11, 10))).toEqual([12, 13]);
    expect(recent.after(10, 10)).toBeUndefined();
  });
});
