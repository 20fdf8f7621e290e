import type { PositionedChange, SessionView } from '../protocol';
import { evolveSessionView } from './session-view-evolve';

// Playback of a recorded session (issue 13, item 2; docs/audit-export.md "Playback"): the wall's
// own evolve folded over the session's dashboard changes up to a moment. The server (the view
// route) and the page (the playback controls) both fold through this file, so "what the wall
// showed then" has one definition. A change counts from the moment it was recorded: that is when
// the wall could first show it.

/** A dashboard change as the record holds it, with the time the store recorded its event. */
export type RecordedChange = PositionedChange & { recordedAt: string };

export type PlaybackView = { view: SessionView | undefined; ended: boolean };

/**
 * Folds, in log order, every change recorded by a moment. The fold of the longest run of changes
 * all recorded by then is kept between moments, so playing forward applies only what was recorded
 * since (a two-hour session holds thousands of readings); a change recorded a moment after a later
 * one (two writers' clocks) is folded on top without entering that kept run; a moment before the
 * kept run folds again from the start.
 */
export class PlaybackFold {
  private readonly times: readonly number[];
  private prefix: PlaybackView = { view: undefined, ended: false };
  /** How many changes the kept fold holds. */
  private applied = 0;
  /** The latest recording time among them. */
  private latest = -Infinity;

  constructor(private readonly changes: readonly RecordedChange[]) {
    this.times = changes.map((change) => Date.parse(change.recordedAt));
  }

  at(atMs: number): PlaybackView {
    if (this.latest > atMs) {
      this.prefix = { view: undefined, ended: false };
      this.applied = 0;
      this.latest = -Infinity;
    }
    while (this.applied < this.changes.length && this.times[this.applied]! <= atMs) {
      this.latest = Math.max(this.latest, this.times[this.applied]!);
      this.prefix = fold(this.prefix, this.changes[this.applied++]!);
    }
    let shown = this.prefix;
    for (let index = this.applied + 1; index < this.changes.length; index++) if (this.times[index]! <= atMs) shown = fold(shown, this.changes[index]!);
    return shown;
  }
}

function fold({ view, ended }: PlaybackView, next: RecordedChange): PlaybackView {
  return { view: evolveSessionView(view, next), ended: ended || next.change.type === 'SessionEnded' };
}

export const viewAtMoment = (changes: readonly RecordedChange[], atMs: number): PlaybackView => new PlaybackFold(changes).at(atMs);
