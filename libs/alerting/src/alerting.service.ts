import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { alarmsStreamName, readStoredEvent, sessionIdOfStream, sessionStreamNames, type AlertAcknowledgedRecord } from '@vigil/domain';
import { EventIdConflictError, LOG_START, readStreamsMerged, SoleWriter, StoreUnavailableError, type EventStore, type LogConsumer, type LogConsumerRun, type JsonValue, type LogPosition, type NewEvent, type ProcessorCheckpoint, type ProcessorCheckpointStore, type RecordedEvent, consumerFailuresOf, type ConsumerFailures } from '@vigil/event-store';
import { CLOCK, deterministicId, EVENT_STORE, IdempotencyKeyReusedError, KeyedMutex, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, type Clock, type Idempotency } from '@vigil/platform';
import { decideAcknowledge, ruleSetVersionOf, type EngineOutput, type RuleSet } from '@vigil/rules';
import { ActiveAlarms, type ActiveAlarm } from './active-alarms';
import { alertEvent } from './alert-event';
import { ALERTING_OPTIONS, type AlertingOptions } from './alerting-options';
import { ALERTING_PROCESSOR, alertingStateVersion, decodeSessionEntry, encodeSessionEntry } from './alerting-checkpoint';
import { RULE_SET } from './rule-set.provider';
import { ALERT_OUTPUT_TYPES, replaySession, SessionEngine, type GatewayClock, type TickMarker } from './session-engine';
import { TickScheduler } from './tick-scheduler';

/** A stored acknowledgement, read through its schema (libs/domain stored-events.ts). */
function acknowledgementOf(event: RecordedEvent): AlertAcknowledgedRecord {
  const read = readStoredEvent(event);
  if (read.type !== 'AlertAcknowledged') throw new Error(`${event.stream}@${event.revision} is ${event.type}, not an acknowledgement`);
  return read;
}

export class AlertNotActiveError extends Error {
  constructor(readonly sessionId: string, readonly alertId: string) {
    super(`alert ${alertId} is not active in session ${sessionId} (unknown, or already cleared)`);
    this.name = 'AlertNotActiveError';
  }
}

export class AlertAlreadyAcknowledgedError extends Error {
  constructor(readonly alertId: string, by: string, at: string) {
    super(`alert ${alertId} was already acknowledged by ${by} at ${at}; its sound is paused and it stays shown until it clears`);
    this.name = 'AlertAlreadyAcknowledgedError';
  }
}

export type AcknowledgeResult = { alertId: string; ruleId: string; acknowledgedAt: string; audioPausedUntil: string; position: LogPosition };

export class AlertingUnavailableError extends Error {
  constructor(reason: string) {
    super(`the alert engine is not running: ${reason}`);
    this.name = 'AlertingUnavailableError';
  }
}

/**
 * The live alert engine, a checkpointed processor (docs/architecture.md "Processors"). On start
 * it restores each active session's engine from its checkpoint and replays only the log after it
 * (or, without a usable checkpoint, every session's record), storing any alarm transition a crash
 * kept from being stored; then it follows the log and feeds ticks, and checkpoints every few
 * seconds, once the alarm transitions up to that point are stored. Alarm events have ids fixed by their content, so a transition computed twice
 * is stored once: no alarm missing, none doubled. Alerting is the one writer of `alarms-<id>`
 * (alarm transitions and acknowledgements, docs/streams.md).
 */
@Injectable()
export class AlertingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerting');
  private readonly engines = new Map<string, SessionEngine>();
  /** Sessions seen ending since this process started (an ended session keeps no engine and gets no ticks). */
  private endedSessions = 0;
  /** Sessions whose engine changed since the last checkpoint, and those that ended since. */
  private readonly changedSinceCheckpoint = new Set<string>();
  private readonly endedSinceCheckpoint = new Set<string>();
  private readonly stateVersion: string;
  private readonly ticks: TickScheduler;
  private checkpointTimer?: NodeJS.Timeout;
  private checkpointing?: Promise<void>;
  private readonly checkpointStatus: { startedFrom?: 'checkpoint' | 'log'; eventsReplayed: number; savedPosition?: LogPosition; savedAt?: string; lastError?: string } = { eventsReplayed: 0 };
  private readonly active = new ActiveAlarms();
  private readonly serial = new KeyedMutex();
  private consumption?: LogConsumerRun;
  private caughtUp = false;
  private processedPosition: LogPosition = LOG_START;
  private running?: Promise<void>;
  private failure?: Error;
  private readonly positionWaiters: { position: LogPosition; resolve: () => void; reject: (error: Error) => void }[] = [];
  private rebuilt!: Promise<void>;
  private readonly pendingAppends = new Set<Promise<void>>();
  private readonly sessionTails = new Map<string, Promise<void>>();
  private stopping = false;
  private alarmWriteConflicts = 0;
  /** Waiting for the lease to start (docs/distributed.md "Alerting"). */
  private standby = false;
  private readonly writer: SoleWriter;
  private readonly rebuildProgress = { replayedSessions: 0, sessionsToReplay: 0 };
  /** Session streams whose recorded alarms name another rule-set version: not re-derived at start. */
  private streamsFromOtherRuleSets = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULE_SET) readonly ruleSet: RuleSet,
    @Inject(ALERTING_OPTIONS) private readonly options: AlertingOptions,
    @Inject(PROCESSOR_CHECKPOINTS) private readonly checkpoints: ProcessorCheckpointStore,
    @Inject(LOG_CONSUMER) private readonly consumer: LogConsumer,
  ) {
    this.stateVersion = alertingStateVersion(ruleSet);
    this.ticks = new TickScheduler(options.tickIntervalMs, () => this.tick());
    this.writer = new SoleWriter(store, (error) => this.logger.warn(`another writer appended to ${error.stream}: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    let rebuilt!: () => void;
    this.rebuilt = new Promise((resolve) => (rebuilt = resolve));
    this.running = this.run(rebuilt).catch((error: Error) => {
      // A stopped alert engine is an outage, not a log line: health turns 503.
      this.failure = error;
      this.logger.error(`alert engine stopped: ${error.stack ?? error.message}`);
      for (const waiter of this.positionWaiters.splice(0)) waiter.reject(new AlertingUnavailableError(error.message));
      rebuilt();
    });
    this.ticks.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.ticks.stop();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.running;
    await this.consumption?.stop();
    await Promise.all(this.pendingAppends);
    // A last checkpoint, so the next start replays nothing; the store may already be closing.
    await this.saveCheckpoint().catch((error: Error) => this.logger.warn(`no checkpoint at shutdown: ${error.message}`));
  }

  get status() {
    const engines = [...this.engines.values()];
    const lateInputs = engines.reduce((sum, engine) => sum + engine.lateInputs, 0);
    const skippedInputs = engines.reduce((sum, engine) => sum + engine.skippedInputs.length, 0);
    return { caughtUp: this.caughtUp, ...(this.standby ? { standby: true } : {}), position: this.processedPosition, pendingAlarmWrites: this.pendingAppends.size, alarmWriteConflicts: this.alarmWriteConflicts, alarmStreamConflicts: this.writer.conflicts, sessions: this.engines.size, endedSessions: this.endedSessions, lateInputs, skippedInputs, streamsFromOtherRuleSets: this.streamsFromOtherRuleSets, gatewayClocks: this.gatewayClocks(), rebuild: { ...this.rebuildProgress }, checkpoint: { ...this.checkpointStatus }, consumer: this.consumerStatus(), ...(this.failureMessage() ? { failed: this.failureMessage() } : {}) };
  }

  private consumerStatus(): ConsumerFailures {
    return consumerFailuresOf(this.consumption);
  }

  /** Stopped for good, or failing to apply the log right now (retried; health says so meanwhile). */
  private failureMessage(): string | undefined {
    if (this.failure) return this.failure.message;
    const status = this.consumption?.status;
    return status && status.consecutiveFailures > 0 ? `applying the log fails (retrying): ${status.lastError}` : undefined;
  }

  /** Cheap, for every request: whether the engine has applied everything stored when it started. */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /**
   * Each gateway's clock offset as the engine estimates it (the newest estimate among the open
   * sessions it sends for): `offsetSeconds` is server minus gateway clock, positive when the
   * gateway runs behind. Alarm timing does not depend on it being zero (docs/alarm-semantics.md).
   */
  gatewayClocks(): { gatewayId: string; offsetSeconds: number; lastReadingAt: string }[] {
    const newest = new Map<string, GatewayClock>();
    for (const engine of this.engines.values()) {
      for (const clock of engine.gateways()) {
        const known = newest.get(clock.gatewayId);
        if (!known || clock.lastReceivedAt > known.lastReceivedAt) newest.set(clock.gatewayId, clock);
      }
    }
    return [...newest.values()]
      .sort((a, b) => (a.gatewayId < b.gatewayId ? -1 : 1))
      .map((clock) => ({ gatewayId: clock.gatewayId, offsetSeconds: Math.round(clock.offsetMs / 100) / 10, lastReadingAt: clock.lastReceivedAt }));
  }

  activeAlarm(alertId: string): ActiveAlarm | undefined {
    return this.active.get(alertId);
  }

  activeAlarms(sessionId: string): ActiveAlarm[] {
    return this.active.inSession(sessionId);
  }

  /**
   * Records an acknowledgement as the domain decides it (libs/rules acknowledge-decision.ts); the
   * engine applies it when it reads it back from the stream. With an Idempotency-Key, a retry gets
   * the first answer back, even after the alarm has cleared.
   */
  async acknowledge(sessionId: string, alertId: string, by: string, note?: string, idempotency?: Idempotency): Promise<AcknowledgeResult> {
    // A standby knows no alarm and may wait indefinitely: 503 at once, the leader answers (docs/distributed.md "Alerting").
    if (this.standby) throw new AlertingUnavailableError('this instance is a standby; the leading alerting instance takes acknowledgements');
    await this.rebuilt;
    if (this.failure) throw new AlertingUnavailableError(this.failure.message);
    const stream = alarmsStreamName(sessionId);
    const prior = idempotency && (await this.priorAcknowledgement(stream, idempotency));
    if (prior) return prior;
    const at = this.clock.now().toISOString();
    const decision = decideAcknowledge(this.active.get(alertId), { sessionId, alertId, by, ...(note ? { note } : {}), at }, this.ruleSet);
    if (!decision.accepted) {
      if (decision.reason === 'not-active') throw new AlertNotActiveError(sessionId, alertId);
      throw new AlertAlreadyAcknowledgedError(alertId, decision.by, decision.at);
    }
    const acknowledgement = decision.acknowledgement;
    const event: NewEvent = {
      // With a key the id is the key's, so two retries racing store one acknowledgement.
      id: idempotency ? deterministicId('ack-key', sessionId, idempotency.key) : deterministicId('ack', sessionId, alertId, by, at),
      type: 'AlertAcknowledged',
      data: acknowledgement,
      metadata: { causedBy: `user:${by}`, schemaVersion: 1, ...(idempotency ? { idempotencyKey: idempotency.key, requestHash: idempotency.requestHash } : {}) },
      occurredAt: at,
    };
    let position: LogPosition;
    try {
      ({ position } = await this.writer.append(stream, [event]));
    } catch (error) {
      const raced = error instanceof EventIdConflictError && idempotency && (await this.priorAcknowledgement(stream, idempotency));
      if (raced) return raced;
      throw error;
    }
    await this.processedUpTo(position);
    return { alertId, ruleId: acknowledgement.ruleId, acknowledgedAt: at, audioPausedUntil: acknowledgement.audioPausedUntil, position };
  }

  private async priorAcknowledgement(stream: string, idempotency: Idempotency): Promise<AcknowledgeResult | undefined> {
    const prior = (await this.store.readStream(stream, { types: ['AlertAcknowledged'] })).find((event) => event.metadata.idempotencyKey === idempotency.key);
    if (!prior) return undefined;
    if (prior.metadata.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    await this.processedUpTo(prior.position);
    const { data } = acknowledgementOf(prior);
    return { alertId: data.alertId, ruleId: data.ruleId, acknowledgedAt: data.at, audioPausedUntil: data.audioPausedUntil, position: prior.position };
  }

  /** Resolves once the engine has applied every event up to `position`. */
  processedUpTo(position: LogPosition): Promise<void> {
    if (this.store.comparePositions(this.processedPosition, position) >= 0) return Promise.resolve();
    if (this.failure) return Promise.reject(new AlertingUnavailableError(this.failure.message));
    return new Promise((resolve, reject) => this.positionWaiters.push({ position, resolve, reject }));
  }

  private async run(rebuilt: () => void): Promise<void> {
    if (this.options.startGate) {
      this.standby = true;
      const lead = await this.options.startGate();
      this.standby = false;
      if (!lead) return rebuilt();
    }
    const head = await this.store.headPosition();
    await this.serial.run('engine', () => this.restore(head));
    rebuilt();
    this.checkpointTimer = setInterval(() => void this.saveCheckpoint().catch((error: Error) => this.noteCheckpointError(error)), this.options.checkpointIntervalMs);
    this.checkpointTimer.unref();
    if (this.stopping) return;
    // At least once from the position restored (docs/architecture.md "Processors"): a batch that
    // fails is delivered again, and `consume` skips what it has applied already.
    this.consumption = this.consumer.start(head, {
      handle: async (events) => {
        for (const event of events) {
          // An overload drill slows the engine on purpose (docs/overload-and-outages.md); 0 in normal use.
          if (this.options.drillDelayPerEventMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.drillDelayPerEventMs));
          await this.serial.run('engine', () => this.consume(event));
        }
      },
      caughtUp: () => (this.caughtUp = true),
      failed: (error, retryInMs) => this.logger.error(`alert engine could not apply events (retrying in ${retryInMs} ms): ${error.message}`),
    });
  }

  /**
   * From the checkpoint when there is one made under these rules: O(active sessions + events since
   * it). Otherwise from the whole log, and a checkpoint is made at once so the next start is quick.
   */
  private async restore(head: LogPosition): Promise<void> {
    const checkpoint = await this.checkpoints.load(ALERTING_PROCESSOR);
    const usable = checkpoint && checkpoint.version === this.stateVersion && this.store.comparePositions(checkpoint.position, head) <= 0;
    if (checkpoint && !usable) this.logger.warn(`checkpoint made under ${checkpoint.version} (now ${this.stateVersion}): rebuilding from the log`);
    if (usable) await this.resumeFrom(checkpoint, head);
    else await this.rebuild(head);
    this.checkpointStatus.startedFrom = usable ? 'checkpoint' : 'log';
    if (!usable) await this.saveCheckpointLocked();
  }

  /** Restores each active session's engine, then replays what the log holds after the checkpoint. */
  private async resumeFrom(checkpoint: ProcessorCheckpoint, head: LogPosition): Promise<void> {
    for (const [sessionId, value] of checkpoint.entries) {
      const entry = decodeSessionEntry(sessionId, value);
      this.engines.set(sessionId, SessionEngine.restore(this.ruleSet, entry.engine));
      this.active.restore(entry.active);
    }
    const tails = new Map<string, RecordedEvent[]>();
    for (let after = checkpoint.position; this.store.comparePositions(after, head) < 0; ) {
      const page = await this.store.readAll({ afterPosition: after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        if (this.store.comparePositions(event.position, head) > 0) break;
        this.checkpointStatus.eventsReplayed++;
        const sessionId = sessionIdOfStream(event.stream);
        if (sessionId === undefined) continue;
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
    this.logger.log(`resumed ${checkpoint.entries.size} session(s) from the checkpoint and ${this.checkpointStatus.eventsReplayed} event(s) after it; stored ${restored} alarm transition(s) a stop had kept from being stored`);
  }

  /** Replays each session's record up to `head`, exactly as an auditor's replay would. */
  private async rebuild(head: LogPosition): Promise<void> {
    const sessionIds = new Set<string>();
    for (let after = LOG_START; this.store.comparePositions(after, head) < 0; ) {
      const page = await this.store.readAll({ afterPosition: after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        const sessionId = sessionIdOfStream(event.stream);
        if (sessionId !== undefined) sessionIds.add(sessionId);
      }
      after = page[page.length - 1]!.position;
    }
    let restored = 0;
    this.rebuildProgress.sessionsToReplay = sessionIds.size;
    for (const sessionId of sessionIds) {
      this.rebuildProgress.replayedSessions++;
      const events = (await readStreamsMerged(this.store, sessionStreamNames(sessionId))).filter((event) => this.store.comparePositions(event.position, head) <= 0);
      this.checkpointStatus.eventsReplayed += events.length;
      restored += await this.replayAndStore(sessionId, events);
    }
    this.processedPosition = head;
    this.logger.log(`rebuilt ${sessionIds.size} session(s) up to position ${head}; stored ${restored} alarm transition(s) a stop had kept from being stored`);
  }

  /**
   * Runs a session's events (after `engine`'s checkpoint, or its whole record) through the rules
   * with the recorded ticks, and stores the alarm transitions that are not stored yet.
   */
  private async replayAndStore(sessionId: string, events: RecordedEvent[], engine?: SessionEngine): Promise<number> {
    const replayed = replaySession(events, this.ruleSet, (a, b) => this.store.comparePositions(a, b), undefined, engine);
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
    const version = ruleSetVersionOf(this.ruleSet);
    if (alarmEvents.some((event) => event.data.ruleSetVersion !== version)) {
      this.streamsFromOtherRuleSets++;
      return 0;
    }
    const missing = replayed.outputs.map(({ output, tick }) => alertEvent(output, tick)).filter((event) => !stored.has(event.id));
    if (missing.length > 0) await this.writer.append(alarmsStreamName(sessionId), missing);
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
  private saveCheckpoint(): Promise<void> {
    if (!this.caughtUp || this.failure) return Promise.resolve();
    this.checkpointing ??= this.serial
      .run('engine', async () => this.captureCheckpoint())
      .then((capture) => this.writeCheckpoint(capture))
      .finally(() => (this.checkpointing = undefined));
    return this.checkpointing;
  }

  /** At start, already holding the engine: the state just rebuilt. */
  private async saveCheckpointLocked(): Promise<void> {
    await this.writeCheckpoint(this.captureCheckpoint());
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

  private async writeCheckpoint(capture: ReturnType<AlertingService['captureCheckpoint']>): Promise<void> {
    if (capture.put.size === 0 && capture.remove.length === 0 && this.checkpointStatus.savedPosition === capture.position) return;
    try {
      await Promise.all(capture.pending);
      if (this.failure) throw new Error(`the engine stopped: ${this.failure.message}`);
      await this.checkpoints.save(ALERTING_PROCESSOR, { position: capture.position, version: this.stateVersion, put: capture.put, remove: capture.remove });
      this.checkpointStatus.savedPosition = capture.position;
      this.checkpointStatus.savedAt = this.clock.now().toISOString();
      this.checkpointStatus.lastError = undefined;
    } catch (error) {
      // Not saved: the next checkpoint writes these sessions again.
      for (const sessionId of capture.changed) this.changedSinceCheckpoint.add(sessionId);
      for (const sessionId of capture.remove) if (!this.engines.has(sessionId)) this.endedSinceCheckpoint.add(sessionId);
      throw error;
    }
  }

  private noteCheckpointError(error: Error): void {
    this.checkpointStatus.lastError = error.message;
    this.logger.warn(`checkpoint not saved (the next one retries): ${error.message}`);
  }

  private async consume(event: RecordedEvent): Promise<void> {
    // Delivered again after a failed batch: applied once.
    if (this.store.comparePositions(event.position, this.processedPosition) <= 0) return;
    const sessionId = sessionIdOfStream(event.stream);
    let engine = sessionId === undefined ? undefined : this.engines.get(sessionId);
    // An engine begins with its session: an event of a session that has ended (a reading routed
    // just before the end) or is unknown starts nothing that could tick.
    if (sessionId !== undefined && !engine && event.type === 'SessionStarted') this.engines.set(sessionId, (engine = new SessionEngine(this.ruleSet)));
    if (sessionId !== undefined && engine && !ALERT_OUTPUT_TYPES.has(event.type)) {
      this.changedSinceCheckpoint.add(sessionId);
      const skipped = engine.skippedInputs.length;
      this.record(sessionId, engine.input(event));
      if (engine.skippedInputs.length > skipped) this.logger.error(`skipped event ${event.id} of session ${sessionId}: ${engine.skippedInputs.at(-1)!.reason}`);
      if (event.type === 'AlertAcknowledged') this.noteAcknowledgement(event);
      if (event.type === 'SessionEnded') this.sessionEnded(sessionId);
    }
    this.processedPosition = event.position;
    this.wakeWaiters();
  }

  private async tick(): Promise<void> {
    if (!this.caughtUp || this.failure) return;
    if (this.pendingAppends.size > 0) await Promise.all(this.pendingAppends);
    await this.serial.run('engine', async () => {
      // Only once every stored event has been applied: a tick must not overtake a stored reading.
      if (this.store.comparePositions(await this.store.headPosition(), this.processedPosition) > 0) return;
      const now = this.clock.now();
      for (const [sessionId, engine] of this.engines) {
        const at = engine.tickTime(now, this.options.tickGraceMs);
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
          this.logger.error(`alarm transition id conflict in session ${sessionId}: ${error.message}`);
          return;
        }
        this.failure = error;
        this.logger.error(`could not store alarm transitions of session ${sessionId}: ${error.message}`);
      })
      .finally(() => {
        this.pendingAppends.delete(append);
        if (this.sessionTails.get(sessionId) === append) this.sessionTails.delete(sessionId);
      });
    this.pendingAppends.add(append);
    this.sessionTails.set(sessionId, append);
  }

  /**
   * A store that cannot record (disk full) is an outage staff are shown, not a reason to stop
   * watching: the transitions are kept and stored once it records again (their ids are fixed, so
   * a retry never doubles them). Any other failure stops the engine as before.
   */
  private async appendUntilRecorded(sessionId: string, events: NewEvent[]): Promise<void> {
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.writer.append(alarmsStreamName(sessionId), events);
        return;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || this.stopping) throw error;
        this.logger.warn(`alarm transitions of session ${sessionId} wait for the store: ${error.message}`);
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
      this.logger.error(`unreadable acknowledgement skipped: ${(error as Error).message}`);
      return;
    }
    this.active.acknowledged(read.data.alertId, read.data.by, event.occurredAt);
  }

  private wakeWaiters(): void {
    for (let i = this.positionWaiters.length - 1; i >= 0; i--) {
      const waiter = this.positionWaiters[i]!;
      if (this.store.comparePositions(waiter.position, this.processedPosition) <= 0) {
        this.positionWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
