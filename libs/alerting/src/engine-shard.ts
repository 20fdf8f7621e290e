import type { Logger } from '@nestjs/common';
import { alarmsStreamName, readStoredEvent, sessionIdOfStream, sessionStreamNames, type AlertAcknowledgedRecord } from '@vigil/domain';
import { EventIdConflictError, LOG_START, readStreamsMerged, StoreUnavailableError, type EventStore, type JsonValue, type LogPosition, type NewEvent, type ProcessorCheckpoint, type ProcessorCheckpointStore, type RecordedEvent, type SoleWriter } from '@vigil/event-store';
import { KeyedMutex, type Clock } from '@vigil/platform';
import { ruleSetVersionOf, type EngineOutput, type RuleSet } from '@vigil/rules';
import { ActiveAlarms } from './active-alarms';
import { alertEvent } from './alert-event';
import { decodeSessionEntry, encodeSessionEntry } from './alerting-checkpoint';
import type { AlertingOptions } from './alerting-options';
import { ALERT_OUTPUT_TYPES, replaySession, SessionEngine, type TickMarker } from './session-engine';

/** A stored acknowledgement, read through its schema (libs/domain stored-events.ts). */
export function acknowledgementOf(event: RecordedEvent): AlertAcknowledgedRecord {
  const read = readStoredEvent(event);
  if (read.type !== 'AlertAcknowledged') throw new Error(`${event.stream}@${event.revision} is ${event.type}, not an acknowledgement`);
  return read;
}

/** What every shard of one process shares: the store, the rules, the one writer of `alarms-` streams. */
export type ShardContext = {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ruleSet: RuleSet;
  readonly options: AlertingOptions;
  readonly checkpoints: ProcessorCheckpointStore;
  readonly writer: SoleWriter;
  readonly logger: Logger;
  /** The rules and entry format a checkpoint must have been made under to be used (alerting-checkpoint.ts). */
  readonly stateVersion: string;
};

/** Which sessions a shard watches and where it keeps its checkpoint. */
export type ShardScope = {
  /** The checkpoint's name among processors' checkpoints. */
  readonly processor: string;
  readonly owns: (sessionId: string) => boolean;
  /**
   * Whether a tick may run now: it must not overtake an input already stored for these sessions
   * (the embedded engine compares the store's head; a partition's shard is fed in its order).
   */
  readonly mayTick: (processed: LogPosition) => Promise<boolean>;
};

type PositionWaiter = { position: LogPosition; resolve: () => void; reject: (error: Error) => void };

/**
 * The alert engine over one share of the sessions (docs/architecture.md "Processors"; in
 * distributed mode one Kafka partition's, docs/distributed.md "Alerting"). On start it restores
 * each active session's engine from its checkpoint and replays only the log after it (or, without
 * a usable checkpoint, every session's record), storing any alarm transition a crash kept from being
 * stored; then it applies what its feed hands it and ticks, and checkpoints every few seconds, once
 * the alarm transitions up to that point are stored. Alarm events have ids fixed by their content,
 * so a transition computed twice is stored once: no alarm missing, none doubled.
 */
export class AlertEngineShard {
  readonly engines = new Map<string, SessionEngine>();
  readonly active = new ActiveAlarms();
  /** Sessions seen ending since this shard started (an ended session keeps no engine and gets no ticks). */
  endedSessions = 0;
  private readonly changedSinceCheckpoint = new Set<string>();
  private readonly endedSinceCheckpoint = new Set<string>();
  private checkpointing?: Promise<void>;
  readonly checkpointStatus: { startedFrom?: 'checkpoint' | 'log'; eventsReplayed: number; savedPosition?: LogPosition; savedAt?: string; lastError?: string } = { eventsReplayed: 0 };
  private readonly serial = new KeyedMutex();
  caughtUp = false;
  processedPosition: LogPosition = LOG_START;
  failure?: Error;
  /**
   * Why alarm transitions wait to be stored, while they do: health names it (a store that cannot
   * record, e.g. a full disk, is reported by the store's own write status instead).
   */
  writeRetrying?: { message: string; storeUnavailable: boolean };
  private readonly positionWaiters: PositionWaiter[] = [];
  private readonly pendingAppends = new Set<Promise<void>>();
  private readonly sessionTails = new Map<string, Promise<void>>();
  private stopping = false;
  private ticking = false;
  alarmWriteConflicts = 0;
  readonly rebuildProgress = { replayedSessions: 0, sessionsToReplay: 0 };
  /** Session streams whose recorded alarms name another rule-set version: not re-derived at start. */
  streamsFromOtherRuleSets = 0;
  /** The batch being applied and how far (the lag monitor's measure: the oldest input not applied yet). */
  private applying: { events: readonly RecordedEvent[]; next: number } | undefined;

  constructor(
    private readonly context: ShardContext,
    readonly scope: ShardScope,
  ) {}

  get pendingAlarmWrites(): number {
    return this.pendingAppends.size;
  }

  /** The recorded time of the oldest input handed to this shard and not applied yet. */
  get oldestWaitingInput(): string | undefined {
    return this.applying?.events[this.applying.next]?.recordedAt;
  }

  /** Restores the engines of this shard's sessions as of `head`, under the engine's lock. */
  restore(head: LogPosition): Promise<void> {
    return this.serial.run('engine', () => this.restoreLocked(head));
  }

  /** Applies events in order; one already applied (a redelivery) is skipped. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const applying = { events, next: 0 };
    this.applying = applying;
    try {
      for (const event of events) {
        // An overload drill slows the engine on purpose (docs/overload-and-outages.md); 0 in normal use.
        if (this.context.options.drillDelayPerEventMs > 0) await new Promise((resolve) => setTimeout(resolve, this.context.options.drillDelayPerEventMs));
        await this.serial.run('engine', () => this.consume(event));
        applying.next++;
      }
    } finally {
      if (this.applying === applying) this.applying = undefined;
    }
  }

  /** Stops for good: no more ticks or inputs; waits for the alarm writes already made, and checkpoints. */
  async stop(): Promise<void> {
    this.stopping = true;
    // An acknowledgement waiting to be read back is stored already: its request is answered.
    for (const waiter of this.positionWaiters.splice(0)) waiter.resolve();
    await this.serial.run('engine', async () => undefined);
    await Promise.all(this.pendingAppends);
    await this.saveCheckpoint(true);
  }

  /** Stopped for good, e.g. an alarm write that failed: every waiter learns it. */
  fail(error: Error, unavailable: (message: string) => Error): void {
    this.failure = error;
    for (const waiter of this.positionWaiters.splice(0)) waiter.reject(unavailable(error.message));
  }

  /**
   * Resolves once the alarm transitions already computed for this session are stored, or after
   * `limitMs` (a store that cannot record holds them; the caller's own write then meets that too).
   */
  async transitionsStored(sessionId: string, limitMs = 5_000): Promise<void> {
    const tail = this.sessionTails.get(sessionId);
    if (!tail) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([tail, new Promise((resolve) => (timer = setTimeout(resolve, limitMs)))]);
    clearTimeout(timer);
  }

  /** Resolves once the shard has applied every event of its sessions up to `position`. */
  processedUpTo(position: LogPosition, unavailable: (message: string) => Error): Promise<void> {
    if (this.context.store.comparePositions(this.processedPosition, position) >= 0) return Promise.resolve();
    if (this.failure) return Promise.reject(unavailable(this.failure.message));
    return new Promise((resolve, reject) => this.positionWaiters.push({ position, resolve, reject }));
  }

  /**
   * From the checkpoint when there is one made under these rules: O(active sessions + events since
   * it). Otherwise from the whole log, and a checkpoint is made at once so the next start is quick.
   */
  private async restoreLocked(head: LogPosition): Promise<void> {
    const { checkpoints, store, stateVersion, logger } = this.context;
    const checkpoint = await checkpoints.load(this.scope.processor);
    const usable = checkpoint && checkpoint.version === stateVersion && store.comparePositions(checkpoint.position, head) <= 0;
    if (checkpoint && !usable) logger.warn(`${this.scope.processor}: checkpoint made under ${checkpoint.version} (now ${stateVersion}): rebuilding from the log`);
    if (usable) await this.resumeFrom(checkpoint, head);
    else await this.rebuild(head);
    this.checkpointStatus.startedFrom = usable ? 'checkpoint' : 'log';
    if (!usable) await this.writeCheckpoint(this.captureCheckpoint());
  }

  /** Restores each active session's engine, then replays what the log holds after the checkpoint. */
  private async resumeFrom(checkpoint: ProcessorCheckpoint, head: LogPosition): Promise<void> {
    const { store, ruleSet, logger } = this.context;
    for (const [sessionId, value] of checkpoint.entries) {
      // A checkpoint of another share (partitions re-dealt by a new partition count) is not ours to resume.
      if (!this.scope.owns(sessionId)) continue;
      const entry = decodeSessionEntry(sessionId, value);
      this.engines.set(sessionId, SessionEngine.restore(ruleSet, entry.engine));
      this.active.restore(entry.active);
    }
    const tails = new Map<string, RecordedEvent[]>();
    for (let after = checkpoint.position; store.comparePositions(after, head) < 0; ) {
      const page = await store.readAll({ afterPosition: after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        if (store.comparePositions(event.position, head) > 0) break;
        this.checkpointStatus.eventsReplayed++;
        const sessionId = sessionIdOfStream(event.stream);
        if (sessionId === undefined || !this.scope.owns(sessionId)) continue;
        let tail = tails.get(sessionId);
        if (!tail) tails.set(sessionId, (tail = []));
        tail.push(event);
      }
      after = page[page.length - 1]!.position;
    }
    this.rebuildProgress.sessionsToReplay = tails.size;
    let restored = 0;
    for (const [sessionId, events] of tails) {
      this.rebuildProgress.replayedSessions++;
      const known = this.engines.get(sessionId);
      // A session not in the checkpoint had ended before it, unless it started after it.
      if (!known && !events.some((event) => event.type === 'SessionStarted')) continue;
      restored += await this.replayAndStore(sessionId, events, known);
    }
    this.processedPosition = head;
    logger.log(`${this.scope.processor}: resumed ${this.engines.size} session(s) from the checkpoint and ${this.checkpointStatus.eventsReplayed} event(s) after it; stored ${restored} alarm transition(s) a stop had kept from being stored`);
  }

  /** Replays each session's record up to `head`, exactly as an auditor's replay would. */
  private async rebuild(head: LogPosition): Promise<void> {
    const { store, logger } = this.context;
    const sessionIds = new Set<string>();
    for (let after = LOG_START; store.comparePositions(after, head) < 0; ) {
      const page = await store.readAll({ afterPosition: after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        const sessionId = sessionIdOfStream(event.stream);
        if (sessionId !== undefined && this.scope.owns(sessionId)) sessionIds.add(sessionId);
      }
      after = page[page.length - 1]!.position;
    }
    let restored = 0;
    this.rebuildProgress.sessionsToReplay = sessionIds.size;
    for (const sessionId of sessionIds) {
      this.rebuildProgress.replayedSessions++;
      const events = (await readStreamsMerged(store, sessionStreamNames(sessionId))).filter((event) => store.comparePositions(event.position, head) <= 0);
      this.checkpointStatus.eventsReplayed += events.length;
      restored += await this.replayAndStore(sessionId, events);
    }
    this.processedPosition = head;
    logger.log(`${this.scope.processor}: rebuilt ${sessionIds.size} session(s) up to position ${head}; stored ${restored} alarm transition(s) a stop had kept from being stored`);
  }

  /**
   * Runs a session's events (after `engine`'s checkpoint, or its whole record) through the rules
   * with the recorded ticks, and stores the alarm transitions that are not stored yet.
   */
  private async replayAndStore(sessionId: string, events: RecordedEvent[], engine?: SessionEngine): Promise<number> {
    const { store, ruleSet, writer } = this.context;
    const replayed = replaySession(events, ruleSet, (a, b) => store.comparePositions(a, b), undefined, engine);
    this.active.apply(replayed.outputs.map(({ output }) => output));
    for (const event of events) if (event.type === 'AlertAcknowledged') this.noteAcknowledgement(event);
    this.changedSinceCheckpoint.add(sessionId);
    if (events.some((event) => event.type === 'SessionEnded')) this.sessionEnded(sessionId);
    else this.engines.set(sessionId, replayed.engine);
    const alarmEvents = events.filter((event) => ALERT_OUTPUT_TYPES.has(event.type));
    const stored = new Set(alarmEvents.map((event) => event.id));
    // Alarms recorded under another rule-set version (before an upgrade, or another VIGIL_RULES)
    // were computed by other semantics: re-deriving them now would append alarms that never
    // sounded. Such a record keeps what it has.
    const version = ruleSetVersionOf(ruleSet);
    if (alarmEvents.some((event) => event.data.ruleSetVersion !== version)) {
      this.streamsFromOtherRuleSets++;
      return 0;
    }
    const missing = replayed.outputs.map(({ output, tick }) => alertEvent(output, tick)).filter((event) => !stored.has(event.id));
    if (missing.length > 0) await writer.append(alarmsStreamName(sessionId), missing);
    return missing.length;
  }

  private sessionEnded(sessionId: string): void {
    this.engines.delete(sessionId);
    this.active.forgetSession(sessionId);
    this.endedSessions++;
    this.changedSinceCheckpoint.delete(sessionId);
    this.endedSinceCheckpoint.add(sessionId);
  }

  /**
   * Saves every changed session's engine with the position they have applied, once the alarm
   * transitions computed up to there are stored: a checkpoint never gets ahead of the record, so
   * a restart from it can miss no alarm (and, alarm ids being fixed by content, doubles none).
   */
  saveCheckpoint(evenWhenStopping = false): Promise<void> {
    if (!this.caughtUp || this.failure || (this.stopping && !evenWhenStopping)) return Promise.resolve();
    this.checkpointing ??= this.serial
      .run('engine', async () => this.captureCheckpoint())
      .then((capture) => this.writeCheckpoint(capture))
      .finally(() => (this.checkpointing = undefined));
    return this.checkpointing;
  }

  private captureCheckpoint() {
    const put = new Map<string, JsonValue>();
    for (const sessionId of this.changedSinceCheckpoint) {
      const engine = this.engines.get(sessionId);
      if (engine) put.set(sessionId, encodeSessionEntry({ engine: engine.snapshot(), active: this.active.inSession(sessionId) }));
    }
    const capture = { position: this.processedPosition, put, remove: [...this.endedSinceCheckpoint], pending: [...this.pendingAppends], changed: [...this.changedSinceCheckpoint] };
    this.changedSinceCheckpoint.clear();
    this.endedSinceCheckpoint.clear();
    return capture;
  }

  private async writeCheckpoint(capture: ReturnType<AlertEngineShard['captureCheckpoint']>): Promise<void> {
    if (capture.put.size === 0 && capture.remove.length === 0 && this.checkpointStatus.savedPosition === capture.position) return;
    try {
      await Promise.all(capture.pending);
      if (this.failure) throw new Error(`the engine stopped: ${this.failure.message}`);
      await this.context.checkpoints.save(this.scope.processor, { position: capture.position, version: this.context.stateVersion, put: capture.put, remove: capture.remove });
      this.checkpointStatus.savedPosition = capture.position;
      this.checkpointStatus.savedAt = this.context.clock.now().toISOString();
      this.checkpointStatus.lastError = undefined;
    } catch (error) {
      // Not saved: the next checkpoint writes these sessions again.
      for (const sessionId of capture.changed) this.changedSinceCheckpoint.add(sessionId);
      for (const sessionId of capture.remove) if (!this.engines.has(sessionId)) this.endedSinceCheckpoint.add(sessionId);
      throw error;
    }
  }

  private async consume(event: RecordedEvent): Promise<void> {
    // Stopping (the share handed to another instance): nothing more is applied or written here.
    if (this.stopping) throw new Error(`${this.scope.processor} is stopping`);
    // Delivered again after a failed batch: applied once.
    if (this.context.store.comparePositions(event.position, this.processedPosition) <= 0) return;
    const sessionId = sessionIdOfStream(event.stream);
    const owned = sessionId !== undefined && this.scope.owns(sessionId) ? sessionId : undefined;
    let engine = owned === undefined ? undefined : this.engines.get(owned);
    // An engine begins with its session: an event of a session that has ended (a reading routed
    // just before the end) or is unknown starts nothing that could tick.
    if (owned !== undefined && !engine && event.type === 'SessionStarted') this.engines.set(owned, (engine = new SessionEngine(this.context.ruleSet)));
    if (owned !== undefined && engine && !ALERT_OUTPUT_TYPES.has(event.type)) {
      this.changedSinceCheckpoint.add(owned);
      const skipped = engine.skippedInputs.length;
      this.record(owned, engine.input(event));
      if (engine.skippedInputs.length > skipped) this.context.logger.error(`skipped event ${event.id} of session ${owned}: ${engine.skippedInputs.at(-1)!.reason}`);
      if (event.type === 'AlertAcknowledged') this.noteAcknowledgement(event);
      if (event.type === 'SessionEnded') this.sessionEnded(owned);
    }
    this.processedPosition = event.position;
    this.wakeWaiters();
  }

  async tick(): Promise<void> {
    if (!this.caughtUp || this.failure || this.stopping || this.ticking) return;
    this.ticking = true;
    try {
      await this.tickOnce();
    } finally {
      this.ticking = false;
    }
  }

  private async tickOnce(): Promise<void> {
    if (this.pendingAppends.size > 0) await Promise.all(this.pendingAppends);
    await this.serial.run('engine', async () => {
      if (this.stopping) return;
      // Only once every stored input has been applied: a tick must not overtake a stored reading.
      if (!(await this.scope.mayTick(this.processedPosition))) return;
      const now = this.context.clock.now();
      for (const [sessionId, engine] of this.engines) {
        const at = engine.tickTime(now, this.context.options.tickGraceMs);
        const marker: TickMarker = { at: at.toISOString(), afterPosition: this.processedPosition };
        const outputs = engine.tick(at);
        if (outputs.length > 0) this.changedSinceCheckpoint.add(sessionId);
        this.record(sessionId, outputs, marker);
      }
    });
  }

  /**
   * Stores alarm transitions without holding up the next input: the store commits appends in the
   * order they were made, and one that fails stops the engine (health 503) so that a restart's
   * rebuild stores it; nothing is lost, and the alarm is not delayed behind an fsync per alarm.
   */
  private record(sessionId: string, outputs: EngineOutput[], tick?: TickMarker): void {
    if (outputs.length === 0) return;
    this.active.apply(outputs);
    const events = outputs.map((output) => alertEvent(output, tick));
    // One session's transitions are stored in the order they happened, even across a retry.
    const previous = this.sessionTails.get(sessionId) ?? Promise.resolve();
    const append = previous
      .then(() => this.appendUntilRecorded(sessionId, events))
      .catch((error: Error) => {
        if (error instanceof EventIdConflictError) {
          // Two different transitions with one id is a bug to investigate, not a reason to stop
          // watching every other patient: count it (health shows it) and go on.
          this.alarmWriteConflicts++;
          this.context.logger.error(`alarm transition id conflict in session ${sessionId}: ${error.message}`);
          return;
        }
        this.failure = error;
        this.context.logger.error(`could not store alarm transitions of session ${sessionId}: ${error.message}`);
      })
      .finally(() => {
        this.pendingAppends.delete(append);
        if (this.sessionTails.get(sessionId) === append) this.sessionTails.delete(sessionId);
      });
    this.pendingAppends.add(append);
    this.sessionTails.set(sessionId, append);
  }

  /**
   * A store that cannot record (disk full, a dropped connection, a failover) is an outage staff
   * are shown, not a reason to stop watching: the transitions are kept and stored once it records
   * again (their ids are fixed by content, so a retry never doubles them), and the session's later
   * transitions wait behind them, so the stream keeps their order. Health names the failure
   * meanwhile (`failed`). Only an id conflict, a bug rather than an outage, is not retried.
   */
  private async appendUntilRecorded(sessionId: string, events: NewEvent[]): Promise<void> {
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.context.writer.append(alarmsStreamName(sessionId), events);
        this.writeRetrying = undefined;
        return;
      } catch (error) {
        if (error instanceof EventIdConflictError || this.stopping) throw error;
        const storeUnavailable = error instanceof StoreUnavailableError;
        this.writeRetrying = { message: `alarm transitions of session ${sessionId} are not stored yet (retrying): ${(error as Error).message}`, storeUnavailable };
        if (storeUnavailable) this.context.logger.warn(this.writeRetrying.message);
        else this.context.logger.error(this.writeRetrying.message);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private noteAcknowledgement(event: RecordedEvent): void {
    let read: AlertAcknowledgedRecord;
    try {
      read = acknowledgementOf(event);
    } catch (error) {
      // The engine skips it too (an input that fails its schema, health `skippedInputs`).
      this.context.logger.error(`unreadable acknowledgement skipped: ${(error as Error).message}`);
      return;
    }
    this.active.acknowledged(read.data.alertId, read.data.by, event.occurredAt);
  }

  private wakeWaiters(): void {
    for (let i = this.positionWaiters.length - 1; i >= 0; i--) {
      const waiter = this.positionWaiters[i]!;
      if (this.context.store.comparePositions(waiter.position, this.processedPosition) <= 0) {
        this.positionWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
