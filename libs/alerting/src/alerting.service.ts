import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { alarmsStreamName, sessionIdOfStream, sessionStreamNames } from '@vigil/domain';
import { EventIdConflictError, LOG_START, readStreamsMerged, SoleWriter, StoreUnavailableError, type AllSubscription, type EventStore, type LogPosition, type NewEvent, type RecordedEvent } from '@vigil/event-store';
import { CLOCK, deterministicId, EVENT_STORE, KeyedMutex, type Clock } from '@vigil/platform';
import { ruleSetVersionOf, type EngineOutput, type RuleSet } from '@vigil/rules';
import { ActiveAlarms, type ActiveAlarm } from './active-alarms';
import { alertEvent } from './alert-event';
import { ALERTING_OPTIONS, type AlertingOptions } from './alerting-options';
import { RULE_SET } from './rule-set.provider';
import { ALERT_OUTPUT_TYPES, replaySession, SessionEngine, type GatewayClock, type TickMarker } from './session-engine';

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

export class AlertingUnavailableError extends Error {
  constructor(reason: string) {
    super(`the alert engine is not running: ${reason}`);
    this.name = 'AlertingUnavailableError';
  }
}

/**
 * The live alert engine. On start it replays every session's record (rebuilding each session's
 * engine and storing any alarm transition a crash kept from being stored), then follows the log
 * and feeds ticks. Alarm events have ids fixed by their content, so a transition computed twice
 * is stored once: no alarm missing, none doubled. Alerting is the one writer of `alarms-<id>`
 * (alarm transitions and acknowledgements, docs/streams.md).
 */
@Injectable()
export class AlertingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerting');
  private readonly engines = new Map<string, SessionEngine>();
  /** Sessions that have ended: nothing more can raise there, so they keep no engine and get no ticks. */
  private readonly ended = new Set<string>();
  private readonly active = new ActiveAlarms();
  private readonly serial = new KeyedMutex();
  private subscription?: AllSubscription;
  private timer?: NodeJS.Timeout;
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
  private readonly writer: SoleWriter;
  private readonly rebuildProgress = { replayedSessions: 0, sessionsToReplay: 0 };
  /** Session streams whose recorded alarms name another rule-set version: not re-derived at start. */
  private streamsFromOtherRuleSets = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULE_SET) readonly ruleSet: RuleSet,
    @Inject(ALERTING_OPTIONS) private readonly options: AlertingOptions,
  ) {
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
    this.timer = setInterval(() => void this.tick(), this.options.tickIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.unsubscribe();
    await this.running;
    await Promise.all(this.pendingAppends);
  }

  get status() {
    const engines = [...this.engines.values()];
    const lateInputs = engines.reduce((sum, engine) => sum + engine.lateInputs, 0);
    const skippedInputs = engines.reduce((sum, engine) => sum + engine.skippedInputs.length, 0);
    return { caughtUp: this.caughtUp, position: this.processedPosition, pendingAlarmWrites: this.pendingAppends.size, alarmWriteConflicts: this.alarmWriteConflicts, alarmStreamConflicts: this.writer.conflicts, sessions: this.engines.size, endedSessions: this.ended.size, lateInputs, skippedInputs, streamsFromOtherRuleSets: this.streamsFromOtherRuleSets, gatewayClocks: this.gatewayClocks(), rebuild: { ...this.rebuildProgress }, ...(this.failure ? { failed: this.failure.message } : {}) };
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

  /** Records an acknowledgement; the engine applies it when it reads it back from the stream. */
  async acknowledge(sessionId: string, alertId: string, by: string, note?: string) {
    await this.rebuilt;
    if (this.failure) throw new AlertingUnavailableError(this.failure.message);
    const alarm = this.active.get(alertId);
    if (!alarm || alarm.sessionId !== sessionId) throw new AlertNotActiveError(sessionId, alertId);
    if (alarm.acknowledged) throw new AlertAlreadyAcknowledgedError(alertId, alarm.acknowledged.by, alarm.acknowledged.at);
    const now = this.clock.now();
    const at = now.toISOString();
    const audioPausedUntil = new Date(now.getTime() + this.ruleSet.alarmPolicy.audioPauseSeconds * 1000).toISOString();
    const { position } = await this.writer.append(
      alarmsStreamName(sessionId),
      [
        {
          id: deterministicId('ack', sessionId, alertId, by, at),
          type: 'AlertAcknowledged',
          data: { sessionId, alertId, ruleId: alarm.ruleId, by, ...(note ? { note } : {}), at, audioPausedUntil },
          metadata: { causedBy: `user:${by}`, schemaVersion: 1 },
          occurredAt: at,
        },
      ],
    );
    await this.processedUpTo(position);
    return { alertId, ruleId: alarm.ruleId, acknowledgedAt: at, audioPausedUntil, position };
  }

  /** Resolves once the engine has applied every event up to `position`. */
  processedUpTo(position: LogPosition): Promise<void> {
    if (this.store.comparePositions(this.processedPosition, position) >= 0) return Promise.resolve();
    if (this.failure) return Promise.reject(new AlertingUnavailableError(this.failure.message));
    return new Promise((resolve, reject) => this.positionWaiters.push({ position, resolve, reject }));
  }

  private async run(rebuilt: () => void): Promise<void> {
    const head = await this.store.headPosition();
    await this.serial.run('engine', () => this.rebuild(head));
    rebuilt();
    this.subscription = this.store.subscribeToAll({ afterPosition: head, batchSize: 1000 });
    for await (const message of this.subscription) {
      if (message.kind === 'caught-up') {
        this.caughtUp = true;
        continue;
      }
      // An overload drill slows the engine on purpose (docs/overload-and-outages.md); 0 in normal use.
      if (this.options.drillDelayPerEventMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.drillDelayPerEventMs));
      await this.serial.run('engine', () => this.consume(message.event));
    }
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
      const { engine, outputs } = replaySession(events, this.ruleSet, (a, b) => this.store.comparePositions(a, b));
      if (events.some((event) => event.type === 'SessionEnded')) this.ended.add(sessionId);
      else this.engines.set(sessionId, engine);
      this.active.apply(outputs.map(({ output }) => output));
      for (const event of events) if (event.type === 'AlertAcknowledged') this.noteAcknowledgement(event);
      const alarmEvents = events.filter((event) => ALERT_OUTPUT_TYPES.has(event.type));
      const stored = new Set(alarmEvents.map((event) => event.id));
      // Alarms recorded under another rule-set version (before an upgrade, or another VIGIL_RULES)
      // were computed by other semantics: re-deriving them now would append alarms that never
      // sounded. Such a stream keeps its record as it is.
      const version = ruleSetVersionOf(this.ruleSet);
      if (alarmEvents.some((event) => event.data.ruleSetVersion !== version)) {
        this.streamsFromOtherRuleSets++;
        continue;
      }
      const missing = outputs.map(({ output, tick }) => alertEvent(output, tick)).filter((event) => !stored.has(event.id));
      if (missing.length > 0) {
        await this.writer.append(alarmsStreamName(sessionId), missing);
        restored += missing.length;
      }
    }
    this.processedPosition = head;
    this.logger.log(`rebuilt ${sessionIds.size} session(s) up to position ${head}; stored ${restored} alarm transition(s) a stop had kept from being stored`);
  }

  private async consume(event: RecordedEvent): Promise<void> {
    const sessionId = sessionIdOfStream(event.stream);
    if (sessionId !== undefined && !this.ended.has(sessionId) && !ALERT_OUTPUT_TYPES.has(event.type)) {
      let engine = this.engines.get(sessionId);
      if (!engine) this.engines.set(sessionId, (engine = new SessionEngine(this.ruleSet)));
      const skipped = engine.skippedInputs.length;
      this.record(sessionId, engine.input(event));
      if (engine.skippedInputs.length > skipped) this.logger.error(`skipped event ${event.id} of session ${sessionId}: ${engine.skippedInputs.at(-1)!.reason}`);
      if (event.type === 'AlertAcknowledged') this.noteAcknowledgement(event);
      if (event.type === 'SessionEnded') {
        this.engines.delete(sessionId);
        this.ended.add(sessionId);
      }
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
        this.record(sessionId, engine.tick(at), marker);
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
    this.active.acknowledged(String(event.data.alertId), String(event.data.by), event.occurredAt);
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
