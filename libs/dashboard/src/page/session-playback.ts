import type { PlaybackRecord } from '../../../audit-export/src/audit-reads';
import type { SessionView } from '../protocol';
import { advance, jumpTo, pause, play, PLAYBACK_SPEEDS, startOfPlayback, type PlaybackClock, type PlaybackSpeed } from '../view/playback-clock';
import { PlaybackFold } from '../view/playback-fold';
import { sessionStatusAt, type SessionStatus } from '../view/session-status';
import { byId, el, setAttr, setText } from './dom';
import { PRIORITY_LABELS, formatClock, ruleLabel } from './format';
import { recordApi } from './record-api';

export type PlaybackFrame = { atMs: number; view: SessionView | undefined; status: SessionStatus | undefined };

/** How often a playing playback moves on (real time); the clock says how far (view/playback-clock.ts). */
const TICK_MS = 250;

const MOMENT_WORDS: Readonly<Record<string, string>> = { AlertRaised: 'raised', AlertAcknowledged: 'acknowledged', AlertCleared: 'cleared', AlertEscalated: 'escalated' };

const isSpeed = (value: number): value is PlaybackSpeed => (PLAYBACK_SPEEDS as readonly number[]).includes(value);

/**
 * Playback of an ended session for an auditor (issue 13, item 2; docs/audit-export.md "Playback"):
 * the record's dashboard changes are fetched once and folded with the wall's own evolve up to the
 * playback moment (view/playback-fold.ts), so the tile, trend, alarms and acknowledgements are the
 * wall's as it was then. The controls live in index.html: play at 1×, 10× or 60×, pause, step, a
 * slider, and a button per alarm moment.
 */
export class SessionPlayback {
  private readonly ui = {
    root: byId('playback'),
    slider: byId<HTMLInputElement>('playback-slider'),
    time: byId('playback-time'),
    state: byId('playback-state'),
    moments: byId<HTMLUListElement>('playback-moments'),
    pause: byId('playback-pause'),
  };
  private clock: PlaybackClock | undefined;
  private fold: PlaybackFold | undefined;
  private sessionId: string | undefined;
  private timer: number | undefined;
  private lastTick = 0;

  constructor(private readonly show: (frame: PlaybackFrame) => void) {
    for (const button of this.ui.root.querySelectorAll<HTMLButtonElement>('button[data-speed]')) {
      const speed = Number(button.dataset.speed);
      if (isSpeed(speed)) button.addEventListener('click', () => this.move((clock) => play(clock, speed)));
    }
    this.ui.pause.addEventListener('click', () => this.move(pause));
    for (const button of this.ui.root.querySelectorAll<HTMLButtonElement>('button[data-step-ms]')) {
      const step = Number(button.dataset.stepMs);
      button.addEventListener('click', () => this.move((clock) => jumpTo(clock, clock.atMs + step)));
    }
    this.ui.slider.addEventListener('input', () => this.move((clock) => jumpTo(clock, clock.fromMs + Number(this.ui.slider.value))));
  }

  async open(sessionId: string): Promise<void> {
    this.close();
    this.sessionId = sessionId;
    this.ui.root.hidden = false;
    setText(this.ui.state, 'Loading the record for playback…');
    let record: PlaybackRecord;
    try {
      record = await recordApi.playback(sessionId);
    } catch (error) {
      if (this.sessionId === sessionId) setText(this.ui.state, `Playback is not available: ${(error as Error).message}`);
      return;
    }
    if (this.sessionId !== sessionId) return;
    this.fold = new PlaybackFold(record.changes);
    const fromMs = Date.parse(record.from);
    const untilMs = Date.parse(record.until);
    setAttr(this.ui.slider, 'max', String(untilMs - fromMs));
    this.ui.moments.replaceChildren(
      ...record.alarmMoments.map((moment) => {
        const what = `${MOMENT_WORDS[moment.type] ?? moment.type.replace(/^Alert/, '').toLowerCase()}: ${moment.ruleId ? ruleLabel(moment.ruleId) : moment.alertId}`;
        const priority = moment.priority && moment.priority in PRIORITY_LABELS ? ` (${PRIORITY_LABELS[moment.priority as keyof typeof PRIORITY_LABELS]})` : '';
        const button = el('button', { text: `${formatClock(moment.at)} — ${what}${priority}`, attrs: { type: 'button', 'data-alert-id': moment.alertId, 'data-moment': moment.type, 'data-at': moment.at } });
        button.addEventListener('click', () => this.move((clock) => jumpTo(clock, Date.parse(moment.at))));
        return el('li', {}, button);
      }),
    );
    this.move(() => startOfPlayback(fromMs, untilMs));
  }

  close(): void {
    this.stopTimer();
    this.sessionId = this.clock = this.fold = undefined;
    this.ui.root.hidden = true;
    this.ui.moments.replaceChildren();
  }

  private move(change: (clock: PlaybackClock) => PlaybackClock): void {
    if (!this.clock && !this.fold) return;
    const before = this.clock;
    this.clock = change(before ?? startOfPlayback(0, 0));
    if (this.clock.speed === undefined) this.stopTimer();
    else if (this.timer === undefined) {
      this.lastTick = performance.now();
      this.timer = window.setInterval(() => this.tick(), TICK_MS);
    }
    this.render();
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    this.move((clock) => advance(clock, elapsed));
  }

  private stopTimer(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
  }

  private render(): void {
    const clock = this.clock;
    if (!clock || !this.fold) return;
    const { view, ended } = this.fold.at(clock.atMs);
    this.show({ atMs: clock.atMs, view, status: view && sessionStatusAt(view, clock.atMs) });
    const at = new Date(clock.atMs).toISOString();
    this.ui.slider.value = String(clock.atMs - clock.fromMs);
    setAttr(this.ui.slider, 'aria-valuetext', formatClock(at));
    setText(this.ui.time, formatClock(at));
    setAttr(this.ui.time, 'data-at', at);
    const where = view ? '' : ended ? ' The session has ended: the wall no longer showed it.' : ' The session had not started yet.';
    setText(this.ui.state, `${clock.speed === undefined ? 'Paused' : `Playing at ${clock.speed}×`} at ${formatClock(at)}.${where}`);
    setAttr(this.ui.state, 'data-playing', clock.speed === undefined ? 'false' : String(clock.speed));
    for (const button of this.ui.root.querySelectorAll<HTMLButtonElement>('button[data-speed]')) setAttr(button, 'aria-pressed', String(Number(button.dataset.speed) === clock.speed));
    setAttr(this.ui.pause, 'aria-pressed', String(clock.speed === undefined));
  }
}
