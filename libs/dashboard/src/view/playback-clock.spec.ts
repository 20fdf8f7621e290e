import { advance, jumpTo, pause, play, startOfPlayback } from './playback-clock';

describe('the playback clock', () => {
  const start = startOfPlayback(1_000_000, 1_600_000);

  it('stands still until played, then moves speed times as fast as real time', () => {
    expect(advance(start, 5_000).atMs).toBe(1_000_000);
    expect(advance(play(start, 1), 5_000).atMs).toBe(1_005_000);
    expect(advance(play(start, 10), 5_000).atMs).toBe(1_050_000);
    expect(advance(play(start, 60), 5_000).atMs).toBe(1_300_000);
  });

  it('pauses where it is and at the end of the record, and plays again from the start after the end', () => {
    const moved = advance(play(start, 60), 1_000);
    expect(advance(pause(moved), 60_000)).toEqual({ ...start, atMs: 1_060_000 });
    const end = advance(play(start, 60), 60_000);
    expect(end).toEqual({ ...start, atMs: 1_600_000 });
    expect(play(end, 10)).toEqual({ ...start, atMs: 1_000_000, speed: 10 });
  });

  it('jumps inside the record only, playing or paused as it was', () => {
    expect(jumpTo(play(start, 10), 1_200_000)).toEqual({ ...start, atMs: 1_200_000, speed: 10 });
    expect(jumpTo(start, 0).atMs).toBe(1_000_000);
    expect(jumpTo(start, 9_999_999).atMs).toBe(1_600_000);
  });
});
