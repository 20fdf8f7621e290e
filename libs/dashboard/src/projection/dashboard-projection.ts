import { LOG_START, StoreLogConsumer, type EventStore, type LogConsumer, type LogConsumerRun, type LogPosition, type RecordedEvent, consumerFailuresOf, type ConsumerFailures } from '@vigil/event-store';
import type { PositionedChange, SessionView } from '../protocol';
import { applyChanges, initialDashboardState, stateFromSnapshot, type DashboardState } from '../view/dashboard-state';
import { dashboardChangeOf } from './dashboard-change-of-event';
import type { SessionViewRepository } from './session-view.repository';

/** What the projection tells its listeners (the gateway): each applied batch, and reaching the store's head. */
export interface DashboardFeedListener {
  /** Changes covering dashboard sequence numbers (after, position], in order; empty batches are not sent. */
  changes(batch: { after: number; position: number; changes: PositionedChange[] }): void;
  live(position: number): void;
}

export type DashboardProjectionOptions = {
  /**
   * Changed views are written at most this often (ms). A view with 30 minutes of trend is ~40 KB of
   * JSON, so writing on every reading would rewrite it every second; the store is the truth, and a
   * crash only means replaying these few seconds of events at the next start.
   */
  persistIntervalMs?: number;
  log?: { warn(message: string): void; error(message: string): void };
  /** How the projection follows the log (docs/architecture.md "Processors"); the store's own subscription by default. */
  consumer?: LogConsumer;
  /**
   * Whether this projection writes the views now (always by default). Instances sharing one store
   * share its views (docs/distributed.md "Dashboard"): with two writers a lagging one would
   * overwrite newer views under its older position, and the other's next checkpoint would then
   * cover changes the stored views lack. Until it may write, the projection keeps every view it
   * changed, and writes them all when it may.
   */
  writesViews?: () => boolean;
};

/** How many recent changes are kept for clients that resume; beyond that a snapshot is smaller. */
export const RESUME_JOURNAL_CHANGES = 20_000;

/**
 * Keeps every active session's view current from the event store and persists it with its
 * checkpoint. Store positions are opaque and stay on the server (docs/event-store.md): each event
 * read gets the next number of the dashboard's own sequence (its ordinal in the log, so a rebuild
 * numbers alike), which is what clients hold and resume from, out of a journal of recent changes. Events are applied in batches: all that one read of the store delivers at once, then
 * the listeners hear about them before the next batch. Applying and notifying happen in one
 * synchronous step, so `snapshot()` always matches what the listeners have been told.
 */
export class DashboardProjection {
  private state: DashboardState = initialDashboardState();
  private storeIdentity: string | null = null;
  private caughtUp = false;
  private stopped = false;
  private consumption: LogConsumerRun | undefined;
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private persistTimer: NodeJS.Timeout | undefined;
  private persistedPosition = 0;
  /** The store position of the last event numbered. */
  private storePosition: LogPosition = LOG_START;
  /** Recent changes, in order; complete for every sequence number after `journalFrom`. */
  private journal: PositionedChange[] = [];
  private journalStart = 0;
  private readonly listeners = new Set<DashboardFeedListener>();
  private readonly persistIntervalMs: number;
  private readonly log: NonNullable<DashboardProjectionOptions['log']>;
  private readonly consumer: LogConsumer;
  private readonly writesViews: () => boolean;

  constructor(
    private readonly store: EventStore,
    private readonly repository: SessionViewRepository,
    options: DashboardProjectionOptions = {},
  ) {
    this.persistIntervalMs = options.persistIntervalMs ?? 5_000;
    this.log = options.log ?? { warn: () => undefined, error: () => undefined };
    this.consumer = options.consumer ?? new StoreLogConsumer(store);
    this.writesViews = options.writesViews ?? (() => true);
  }

  get position(): number {
    return this.state.position;
  }

  /** True once everything stored when the projection started has been applied. */
  /** The store position of the last event applied (for health: how far behind the log this projection is). */
  get appliedStorePosition(): LogPosition {
    return this.storePosition;
  }

  /** Failed deliveries of the log since the last success (health: a projection stuck on a failure). */
  get consumerFailures(): ConsumerFailures {
    return consumerFailuresOf(this.consumption);
  }

  get isLive(): boolean {
    return this.caughtUp;
  }

  get storeId(): string | null {
    return this.storeIdentity;
  }

  /** Changes after this sequence number can be replayed from the journal. */
  get journalFrom(): number {
    return this.journalStart;
  }

  /** The changes after `position` up to the current one, or undefined when the journal no longer holds them all. */
  changesAfter(position: number): PositionedChange[] | undefined {
    if (position < this.journalStart || position > this.state.position) return undefined;
    let first = this.journal.length;
    while (first > 0 && this.journal[first - 1]!.position > position) first--;
    return this.journal.slice(first);
  }

  snapshot(): { storeId: string | null; position: number; sessions: SessionView[] } {
    return { storeId: this.storeIdentity, position: this.state.position, sessions: [...this.state.sessions.values()] };
  }

  view(sessionId: string): SessionView | undefined {
    return this.state.sessions.get(sessionId);
  }

  listen(listener: DashboardFeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const stored = await this.repository.load();
    this.state = stateFromSnapshot({ position: stored.position, sessions: stored.views });
    this.persistedPosition = stored.position;
    this.storePosition = stored.storePosition;
    this.journal = [];
    this.journalStart = stored.position;
    const [first] = await this.store.readAll({ afterPosition: LOG_START, maxCount: 1 });
    this.storeIdentity = first?.id ?? null;
    this.consumption = this.consumer.start(this.storePosition, {
      handle: (events) => this.apply(events),
      caughtUp: () => this.reachHead(),
      failed: (error, retryInMs) => this.log.error(`dashboard projection: reading the log failed at position ${this.state.position}; retrying in ${retryInMs} ms: ${error.message}`),
    });
  }

  /** Stops reading and writes what is not yet persisted; call before the store closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumption?.stop();
    clearTimeout(this.persistTimer);
    await this.persist();
  }

  private reachHead(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    for (const listener of this.listeners) listener.live(this.state.position);
  }

  /** One batch as the consumer delivers it: applied and announced in one synchronous step. */
  private apply(events: readonly RecordedEvent[]): void {
    const after = this.state.position;
    const changes: PositionedChange[] = [];
    let upTo = after;
    for (const event of events) {
      // Seen already (a batch delivered again after a failure).
      if (this.store.comparePositions(event.position, this.storePosition) <= 0) continue;
      if (this.storeIdentity === null && after === 0) this.storeIdentity = event.id;
      this.storePosition = event.position;
      upTo++;
      const change = this.changeOf(event);
      if (change) changes.push({ position: upTo, ...change });
    }
    if (upTo === after) return;
    const before = this.state.sessions;
    this.state = this.safelyApply(changes, upTo);
    for (const { sessionId } of changes) {
      if (this.state.sessions.has(sessionId)) {
        this.dirty.add(sessionId);
        this.removed.delete(sessionId);
      } else if (before.has(sessionId)) {
        this.dirty.delete(sessionId);
        this.removed.add(sessionId);
      }
    }
    this.schedulePersist();
    // Every event moves the sequence, shown or not (a device's binding claim changes no tile): a
    // batch without changes is still sent, or a client would see the next batch start past its
    // position and count a gap. Which events arrive together is the store's timing, not a rule.
    this.journal.push(...changes);
    if (this.journal.length > RESUME_JOURNAL_CHANGES) {
      const dropped = this.journal.length - RESUME_JOURNAL_CHANGES / 2;
      this.journalStart = this.journal[dropped - 1]!.position;
      this.journal = this.journal.slice(dropped);
    }
    const batch = { after, position: this.state.position, changes };
    for (const listener of this.listeners) listener.changes(batch);
  }

  private changeOf(event: RecordedEvent): Omit<PositionedChange, 'position'> | undefined {
    try {
      return dashboardChangeOf(event);
    } catch (error) {
      this.log.warn(`dashboard projection: skipped an event it cannot read: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** One bad change must not stall the wall screen: it is skipped and logged, the rest applied. */
  private safelyApply(changes: PositionedChange[], upTo: number): DashboardState {
    try {
      return applyChanges(this.state, changes, upTo);
    } catch {
      let state = this.state;
      for (const change of changes) {
        try {
          state = applyChanges(state, [change]);
        } catch (error) {
          this.log.error(`dashboard projection: change at position ${change.position} (${change.change.type}) failed to apply: ${String(error)}`);
        }
      }
      return applyChanges(state, [], upTo);
    }
  }

  private schedulePersist(): void {
    if (this.persistTimer || this.stopped) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      void this.persist();
    }, this.persistIntervalMs);
    this.persistTimer.unref();
  }

  private async persist(): Promise<void> {
    if (this.state.position === this.persistedPosition && this.dirty.size === 0 && this.removed.size === 0) return;
    if (!this.writesViews()) return this.schedulePersist();
    const position = this.state.position;
    const storePosition = this.storePosition;
    const changed = [...this.dirty].flatMap((id) => this.state.sessions.get(id) ?? []);
    const removed = [...this.removed];
    this.dirty.clear();
    this.removed.clear();
    try {
      await this.repository.save(position, storePosition, changed, removed);
      this.persistedPosition = position;
    } catch (error) {
      for (const view of changed) if (!this.removed.has(view.sessionId)) this.dirty.add(view.sessionId);
      for (const id of removed) if (!this.dirty.has(id)) this.removed.add(id);
      this.log.error(`dashboard projection: saving views at position ${position} failed; will retry: ${String(error)}`);
      this.schedulePersist();
    }
  }
}
