import { withGaps } from './trend-gaps';

describe('a trend drawn with its gaps', () => {
  it('breaks the line where readings are more than 5 s apart', () =>
    expect(
      withGaps([
        [1_000, 97, 70],
        [2_000, 96, 71],
        [30_000, 90, 80],
      ]),
    ).toEqual([
      [1_000, 97, 70],
      [2_000, 96, 71],
      [2_001, null, null],
      [30_000, 90, 80],
    ]));
  it('leaves a continuous 1 Hz trend as it is', () => {
    const trend: [number, number, number][] = [
      [0, 97, 70],
      [1_000, 97, 70],
      [5_000, 96, 70],
    ];
    expect(withGaps(trend)).toEqual(trend);
  });
});
