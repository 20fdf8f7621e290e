// The playback's own clock (issue 13, item 2): where in the record the auditor is, and how fast it
// moves. Pure, so the page's timer only says how much real time passed.

export const PLAYBACK_SPEEDS = [1, 10, 60] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

export type PlaybackClock = { fromMs: number; untilMs: number; atMs: number; /** undefined: paused */ speed?: PlaybackSpeed };

export const startOfPlayback = (fromMs: number, untilMs: number): PlaybackClock => ({ fromMs, untilMs, atMs: fromMs });

const within = (clock: PlaybackClock, atMs: number): number => Math.min(clock.untilMs, Math.max(clock.fromMs, atMs));

/** A jump (to an alarm, or by a step) keeps playing or paused as it was, inside the record. */
export const jumpTo = (clock: PlaybackClock, atMs: number): PlaybackClock => ({ ...clock, atMs: within(clock, atMs) });

/** Playing from the end starts again at the beginning, as a media player does. */
export function play(clock: PlaybackClock, speed: PlaybackSpeed): PlaybackClock {
  return { ...clock, speed, atMs: clock.atMs >= clock.untilMs ? clock.fromMs : clock.atMs };
}

export function pause({ speed: _speed, ...clock }: PlaybackClock): PlaybackClock {
  return clock;
}

/** After `realMs` of real time: moved on by speed × realMs, and paused on reaching the end of the record. */
export function advance(clock: PlaybackClock, realMs: number): PlaybackClock {
  if (clock.speed === undefined) return clock;
  const atMs = within(clock, clock.atMs + realMs * clock.speed);
  return atMs >= clock.untilMs ? pause({ ...clock, atMs }) : { ...clock, atMs };
}
