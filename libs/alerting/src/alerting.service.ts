import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { alarmsStreamName } from '@vigil/domain';
import { EventIdConflictError, LOG_START, SoleWriter, type EventStore, type LogConsumer, type LogConsumerRun, type LogPosition, type NewEvent, type ProcessorCheckpointStore, consumerFailuresOf, type ConsumerFailures } from '@vigil/event-store';
import { CLOCK, deterministicId, EVENT_STORE, IdempotencyKeyReusedError, LOG_CONSUMER, PROCESSOR_CHECKPOINTS, type Clock, type Idempotency } from '@vigil/platform';
import { decideAcknowledge, type RuleSet } from '@vigil/rules';
import type { ActiveAlarm } from './active-alarms';
import { activeAlarmsOfRecord } from './alarms-of-record';
import { ALERTING_OPTIONS, type AlertingOptions } from './alerting-options';
import { ALERTING_PROCESSOR, alertingStateVersion } from './alerting-checkpoint';
import { acknowledgementOf, AlertEngineShard, type ShardContext } from './engine-shard';
import { ALERTING_PARTITIONED_FEED, type PartitionClaim, type PartitionedAlertingFeed, type PartitionedFeedRun } from './partitioned-feed';
import { RULE_SET } from './rule-set.provider';
import type { GatewayClock } from './session-engine';
import { TickScheduler } from './tick-scheduler';

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


/** One partition's shard in this instance, from its dealing until it is dealt elsewhere. */
type PartitionSlot = {
  readonly partition: number;
  /** The shard of the current attempt (a failed restore starts again with a fresh one). */
  shard: AlertEngineShard;
  claim: PartitionClaim;
  /** True once claimed and restored; false if dealt away first. */
  ready: Promise<boolean>;
  /** The restore under way (it settles when this attempt ends, whether or not it succeeded). */
  restoring?: Promise<unknown>;
  state: 'claiming' | 'restoring' | 'running' | 'handed-over';
  /** Why the last attempt to start failed, while it tries again. */
  lastError?: string;
};

/**
 * The live alert engine, a checkpointed processor (docs/architecture.md "Processors"). The
 * embedded app runs one `AlertEngineShard` over the whole log. In distributed mode over Kafka the
 * alerting instances divide the sessions by the partitions of the event feed
 * (docs/distributed.md "Alerting"): one shard per partition dealt to this instance, each started
 * only once its exclusive claim is held (the previous owner has stored its alarm writes and let go,
 * or died) and stopped the moment the partition is dealt elsewhere. Alerting is the one writer of
 * `alarms-<id>` (alarm transitions and acknowledgements, docs/streams.md).
 */
@Injectable()
export class AlertingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerting');
  private readonly ticks: TickScheduler;
  private checkpointTimer?: NodeJS.Timeout;
  private readonly context: ShardContext;
  /** The embedded engine: one shard over the whole log. */
  private whole?: AlertEngineShard;
  private readonly slots = new Map<number, PartitionSlot>();
  /** A partition dealt away and not yet released here: dealt back, it waits for that first. */
  private readonly handingOver = new Map<number, Promise<void>>();
  private feedRun?: PartitionedFeedRun;
  /** The group has dealt this instance its share at least once (possibly none): before that it is starting. */
  private dealt = false;
  /** The recorded time of the oldest stored event the feed has not carried yet, as of the last tick. */
  private undelivered: string | undefined;
  private consumption?: LogConsumerRun;
  private running?: Promise<void>;
  private failure?: Error;
  private rebuilt!: Promise<void>;
  private stopping = false;
  /** Waiting for the lease to start (docs/distributed.md "Alerting"). */
  private standby = false;
  private readonly writer: SoleWriter;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULE_SET) readonly ruleSet: RuleSet,
    @Inject(ALERTING_OPTIONS) private readonly options: AlertingOptions,
    @Inject(PROCESSOR_CHECKPOINTS) checkpoints: ProcessorCheckpointStore,
    @Inject(LOG_CONSUMER) private readonly consumer: LogConsumer,
    @Optional() @Inject(ALERTING_PARTITIONED_FEED) private readonly feed?: PartitionedAlertingFeed,
  ) {
    this.ticks = new TickScheduler(options.tickIntervalMs, () => this.tick());
    this.writer = new SoleWriter(store, (error) => this.logger.warn(`another writer appended to ${error.stream}: ${error.message}`));
    this.context = { store, clock, ruleSet, options, checkpoints, writer: this.writer, logger: this.logger, stateVersion: alertingStateVersion(ruleSet) };
  }

  onApplicationBootstrap(): void {
    let rebuilt!: () => void;
    this.rebuilt = new Promise((resolve) => (rebuilt = resolve));
    const run = this.feed ? this.runPartitioned(this.feed, rebuilt) : this.runWhole(rebuilt);
    this.running = run.catch((error: Error) => {
      // A stopped alert engine is an outage, not a log line: health turns 503.
      this.failure = error;
      this.logger.error(`alert engine stopped: ${error.stack ?? error.message}`);
      for (const shard of this.shards()) shard.fail(error, unavailable);
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
    await this.feedRun?.stop();
    // A last checkpoint of each shard, so the next start replays nothing; the store may already be
    // closing. Partitions are handed over as on a new deal: stopped before their claims are let go.
    if (this.whole) await this.whole.stop().catch((error: Error) => this.logger.warn(`no checkpoint at shutdown: ${error.message}`));
    for (const slot of [...this.slots.values()]) this.dealAway(slot);
    await Promise.all(this.handingOver.values());
  }

  get status() {
    const shards = this.shards();
    const sum = (of: (shard: AlertEngineShard) => number) => shards.reduce((total, shard) => total + of(shard), 0);
    const whole = this.whole;
    const failed = this.failureMessage();
    return {
      caughtUp: this.isCaughtUp,
      ...(this.standby ? { standby: true } : {}),
      position: whole ? whole.processedPosition : this.partitionedPosition(),
      pendingAlarmWrites: sum((shard) => shard.pendingAlarmWrites),
      alarmWriteConflicts: sum((shard) => shard.alarmWriteConflicts),
      alarmStreamConflicts: this.writer.conflicts,
      sessions: sum((shard) => shard.engines.size),
      endedSessions: sum((shard) => shard.endedSessions),
      lateInputs: sum((shard) => [...shard.engines.values()].reduce((total, engine) => total + engine.lateInputs, 0)),
      skippedInputs: sum((shard) => [...shard.engines.values()].reduce((total, engine) => total + engine.skippedInputs.length, 0)),
      streamsFromOtherRuleSets: sum((shard) => shard.streamsFromOtherRuleSets),
      gatewayClocks: this.gatewayClocks(),
      rebuild: { replayedSessions: sum((shard) => shard.rebuildProgress.replayedSessions), sessionsToReplay: sum((shard) => shard.rebuildProgress.sessionsToReplay) },
      checkpoint: whole ? { ...whole.checkpointStatus } : { eventsReplayed: sum((shard) => shard.checkpointStatus.eventsReplayed) },
      consumer: this.consumerStatus(),
      ...(this.feed ? { partitions: this.partitionStatus(), unreadableMessages: this.feedRun?.unreadable() ?? { count: 0 } } : {}),
      ...(failed ? { failed } : {}),
    };
  }

  private partitionStatus() {
    return [...this.slots.values()]
      .sort((a, b) => a.partition - b.partition)
      .map((slot) => ({ partition: slot.partition, state: slot.state, position: slot.shard.processedPosition, sessions: slot.shard.engines.size, pendingAlarmWrites: slot.shard.pendingAlarmWrites, ...(slot.shard.checkpointStatus.savedAt ? { checkpointSavedAt: slot.shard.checkpointStatus.savedAt } : {}), ...(slot.lastError ? { lastError: slot.lastError } : {}) }));
  }

  /** Every event of this instance's partitions up to here is applied: the lowest of its shards' positions. */
  private partitionedPosition(): LogPosition {
    const positions = [...this.slots.values()].filter((slot) => slot.state === 'running').map((slot) => slot.shard.processedPosition);
    return positions.reduce((lowest, position) => (this.store.comparePositions(position, lowest) < 0 ? position : lowest), positions[0] ?? LOG_START);
  }

  private consumerStatus(): ConsumerFailures {
    if (!this.feedRun) return consumerFailuresOf(this.consumption);
    const problem = this.feedRun.problem();
    return { consecutiveFailures: problem ? 1 : 0, ...(problem ? { lastError: problem } : {}) };
  }

  /** Stopped for good, or failing to apply the log right now (retried; health says so meanwhile). */
  private failureMessage(): string | undefined {
    if (this.failure) return this.failure.message;
    const failedShard = this.shards().find((shard) => shard.failure);
    if (failedShard) return `${failedShard.scope.processor}: ${failedShard.failure!.message}`;
    const retrying = this.shards().find((shard) => shard.writeRetrying && !shard.writeRetrying.storeUnavailable);
    if (retrying) return `${retrying.scope.processor}: ${retrying.writeRetrying!.message}`;
    const status = this.consumption?.status;
    if (status && status.consecutiveFailures > 0) return `applying the log fails (retrying): ${status.lastError}`;
    const problem = this.feedRun?.problem();
    return problem ? `the partitioned feed fails (retrying): ${problem}` : undefined;
  }

  /** Cheap, for every request: whether the engine has applied everything stored when it started. */
  get isCaughtUp(): boolean {
    if (this.whole) return this.whole.caughtUp;
    if (!this.feedRun || !this.dealt) return false;
    return [...this.slots.values()].every((slot) => slot.state === 'running');
  }

  /** The recorded time of the oldest input this instance holds and has not applied (the lag monitor's measure). */
  async oldestWaitingInput(): Promise<string | undefined> {
    if (this.whole) {
      const [oldest] = await this.store.readAll({ afterPosition: this.whole.processedPosition, maxCount: 1 });
      return oldest?.recordedAt;
    }
    // Handed to a shard and not applied yet, or not even on the bus yet (the relay behind).
    const waiting = [...this.shards().map((shard) => shard.oldestWaitingInput), this.undelivered].filter((at): at is string => at !== undefined);
    return waiting.sort()[0];
  }

  /**
   * Each gateway's clock offset as the engine estimates it (the newest estimate among the open
   * sessions it sends for): `offsetSeconds` is server minus gateway clock, positive when the
   * gateway runs behind. Alarm timing does not depend on it being zero (docs/alarm-semantics.md).
   */
  gatewayClocks(): { gatewayId: string; offsetSeconds: number; lastReadingAt: string }[] {
    const newest = new Map<string, GatewayClock>();
    for (const shard of this.shards()) {
      for (const engine of shard.engines.values()) {
        for (const clock of engine.gateways()) {
          const known = newest.get(clock.gatewayId);
          if (!known || clock.lastReceivedAt > known.lastReceivedAt) newest.set(clock.gatewayId, clock);
        }
      }
    }
    return [...newest.values()]
      .sort((a, b) => (a.gatewayId < b.gatewayId ? -1 : 1))
      .map((clock) => ({ gatewayId: clock.gatewayId, offsetSeconds: Math.round(clock.offsetMs / 100) / 10, lastReadingAt: clock.lastReceivedAt }));
  }

  activeAlarm(alertId: string): ActiveAlarm | undefined {
    for (const shard of this.shards()) {
      const alarm = shard.active.get(alertId);
      if (alarm) return alarm;
    }
    return undefined;
  }

  activeAlarms(sessionId: string): ActiveAlarm[] {
    return this.shards().flatMap((shard) => shard.active.inSession(sessionId));
  }

  /**
   * Records an acknowledgement as the domain decides it (libs/rules acknowledge-decision.ts); the
   * engine applies it when it reads it back from the stream. With an Idempotency-Key, a retry gets
   * the first answer back, even after the alarm has cleared. An instance that does not watch the
   * session decides by the session's stored alarms (docs/distributed.md "Alerting").
   */
  async acknowledge(sessionId: string, alertId: string, by: string, note?: string, idempotency?: Idempotency): Promise<AcknowledgeResult> {
    // A standby knows no alarm and may wait indefinitely: 503 at once, the leader answers (docs/distributed.md "Alerting").
    if (this.standby) throw new AlertingUnavailableError('this instance is a standby; the leading alerting instance takes acknowledgements');
    await this.rebuilt;
    if (this.failure) throw new AlertingUnavailableError(this.failure.message);
    const shard = this.shardWatching(sessionId);
    if (shard?.failure) throw new AlertingUnavailableError(shard.failure.message);
    const stream = alarmsStreamName(sessionId);
    const prior = idempotency && (await this.priorAcknowledgement(stream, idempotency, shard));
    if (prior) return prior;
    const at = this.clock.now().toISOString();
    const active = shard ? shard.active.get(alertId) : activeAlarmsOfRecord(await this.store.readStream(stream)).get(alertId);
    const decision = decideAcknowledge(active, { sessionId, alertId, by, ...(note ? { note } : {}), at }, this.ruleSet);
    if (!decision.accepted) {
      if (decision.reason === 'not-active') throw new AlertNotActiveError(sessionId, alertId);
      throw new AlertAlreadyAcknowledgedError(alertId, decision.by, decision.at);
    }
    const acknowledgement = decision.acknowledgement;
    // The raise it acknowledges may still be on its way to the store: the acknowledgement is stored
    // after it, so the stream reads in the order things happened (and so do deciders that read it).
    await shard?.transitionsStored(sessionId);
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
      const raced = error instanceof EventIdConflictError && idempotency && (await this.priorAcknowledgement(stream, idempotency, shard));
      if (raced) return raced;
      throw error;
    }
    await shard?.processedUpTo(position, unavailable);
    return { alertId, ruleId: acknowledgement.ruleId, acknowledgedAt: at, audioPausedUntil: acknowledgement.audioPausedUntil, position };
  }

  private async priorAcknowledgement(stream: string, idempotency: Idempotency, shard: AlertEngineShard | undefined): Promise<AcknowledgeResult | undefined> {
    const prior = (await this.store.readStream(stream, { types: ['AlertAcknowledged'] })).find((event) => event.metadata.idempotencyKey === idempotency.key);
    if (!prior) return undefined;
    if (prior.metadata.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    await shard?.processedUpTo(prior.position, unavailable);
    const { data } = acknowledgementOf(prior);
    return { alertId: data.alertId, ruleId: data.ruleId, acknowledgedAt: data.at, audioPausedUntil: data.audioPausedUntil, position: prior.position };
  }

  /** The shard computing this session's alarms in this instance, if any. */
  private shardWatching(sessionId: string): AlertEngineShard | undefined {
    if (this.whole) return this.whole;
    if (!this.feed) return undefined;
    // Only a running shard: one still claiming or restoring may take long, and the stored alarms
    // decide as well meanwhile.
    const slot = this.slots.get(this.feed.partitionOf(sessionId));
    return slot?.state === 'running' ? slot.shard : undefined;
  }

  /** Resolves once the engine has applied every event up to `position` (the embedded engine). */
  processedUpTo(position: LogPosition): Promise<void> {
    if (!this.whole) return Promise.reject(new AlertingUnavailableError(this.failure?.message ?? 'the engine has not started'));
    return this.whole.processedUpTo(position, unavailable);
  }

  private shards(): AlertEngineShard[] {
    return this.whole ? [this.whole] : [...this.slots.values()].map((slot) => slot.shard);
  }

  /** The embedded engine: one shard over the whole log, in the log's order. */
  private async runWhole(rebuilt: () => void): Promise<void> {
    if (this.options.startGate) {
      this.standby = true;
      const lead = await this.options.startGate();
      this.standby = false;
      if (!lead) return rebuilt();
    }
    const shard = new AlertEngineShard(this.context, {
      processor: ALERTING_PROCESSOR,
      owns: () => true,
      mayTick: async (processed) => this.store.comparePositions(await this.store.headPosition(), processed) <= 0,
    });
    this.whole = shard;
    const head = await this.store.headPosition();
    await shard.restore(head);
    rebuilt();
    this.startCheckpoints();
    if (this.stopping) return;
    // At least once from the position restored (docs/architecture.md "Processors"): a batch that
    // fails is delivered again, and the shard skips what it has applied already.
    this.consumption = this.consumer.start(head, {
      handle: (events) => shard.apply(events),
      caughtUp: () => (shard.caughtUp = true),
      failed: (error, retryInMs) => this.logger.error(`alert engine could not apply events (retrying in ${retryInMs} ms): ${error.message}`),
    });
  }

  /** Distributed over Kafka: a shard per partition dealt to this instance (docs/distributed.md "Alerting"). */
  private async runPartitioned(feed: PartitionedAlertingFeed, rebuilt: () => void): Promise<void> {
    rebuilt();
    this.startCheckpoints();
    if (this.stopping) return;
    this.feedRun = await feed.start({
      assigned: (partitions) => this.assigned(feed, partitions),
      handle: async (partition, events) => {
        const slot = this.slots.get(partition);
        // Not ours (dealt away), or not restored yet: whoever runs this partition next restores it
        // from the record up to a head read after these events were stored (they are relayed only
        // once stored), so they are in that replay; waiting here would hold up the member's other
        // partitions, as kafkajs fetches nothing more meanwhile (docs/distributed.md "Alerting").
        if (!slot || slot.state === 'claiming' || slot.state === 'handed-over') return;
        // Restoring: the head may be read already, and events after it must follow the replay. An
        // attempt that fails starts again from a head read later, which covers these events.
        if (slot.state === 'restoring') await slot.restoring?.catch(() => undefined);
        if (slot.state !== 'running') return;
        await slot.shard.apply(events);
      },
    });
    this.logger.log(`following ${feed.partitions} partition(s) of the event feed as a member of the alerting group`);
  }

  /** A new deal: partitions dealt away stop at once and let go; new ones are claimed, then restored. */
  private assigned(feed: PartitionedAlertingFeed, partitions: readonly number[]): void {
    this.dealt = true;
    const dealt = new Set(partitions);
    for (const [partition, slot] of this.slots) if (!dealt.has(partition)) this.dealAway(slot);
    for (const partition of dealt) if (!this.slots.has(partition)) this.slots.set(partition, this.openSlot(feed, partition));
    this.logger.log(`dealt partition(s) [${partitions.join(', ')}] of the event feed`);
  }

  /** Stops the slot and lets its claim go, after any earlier handover of the same partition. */
  private dealAway(slot: PartitionSlot): void {
    const { partition } = slot;
    if (this.slots.get(partition) === slot) this.slots.delete(partition);
    const earlier = this.handingOver.get(partition) ?? Promise.resolve();
    const handover = earlier.then(() => this.handOver(slot)).finally(() => {
      if (this.handingOver.get(partition) === handover) this.handingOver.delete(partition);
    });
    this.handingOver.set(partition, handover);
  }

  private openSlot(feed: PartitionedAlertingFeed, partition: number): PartitionSlot {
    const newShard = () =>
      new AlertEngineShard(this.context, {
        // Named with the partition count: with another count the partition holds other sessions, and
        // its checkpoint would hide their earlier events; it is then rebuilt from the log instead.
        processor: `${ALERTING_PROCESSOR}/p${partition}-of-${feed.partitions}`,
        owns: (sessionId) => feed.partitionOf(sessionId) === partition,
        // The feed hands this shard its partition in log order and the shard applies it under its
        // lock, so a tick never runs between two events it has been handed. While any partition of
        // this instance restores, kafkajs fetches nothing for the others: their ticks wait too, as
        // the embedded engine's wait for its rebuild. The tick grace covers the bus's delivery
        // (docs/distributed.md "Alerting").
        // A stored event the bus does not carry yet (the relay behind, the broker away) holds every
        // tick that would judge a time after it: a broker outage makes monitoring late, never
        // raises "signal lost" for readings that are stored.
        mayTick: async () => ![...this.slots.values()].some((slot) => slot.state === 'restoring') && !this.undeliveredBeforeTickTime(),
      });
    const previous = this.handingOver.get(partition) ?? Promise.resolve();
    const slot: PartitionSlot = { partition, shard: newShard(), claim: feed.claim(partition), state: 'claiming', ready: Promise.resolve(false) };
    slot.ready = (async () => {
      await previous;
      // A restore that fails (the store away) lets the claim go and tries again with a fresh shard,
      // so the partition is neither left unwatched for good nor held from another instance.
      for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
        if (!(await slot.claim.held) || slot.state !== 'claiming') return false;
        slot.state = 'restoring';
        const shard = slot.shard;
        // The attempt includes turning the slot running, so a batch waiting on it sees the outcome.
        slot.restoring = (async () => {
          await shard.restore(await this.store.headPosition());
          if (slot.state !== 'restoring') return;
          shard.caughtUp = true;
          slot.state = 'running';
        })();
        try {
          await slot.restoring;
        } catch (error) {
          if (slot.state !== 'restoring') return false;
          slot.lastError = (error as Error).message;
          this.logger.error(`partition ${partition}: could not restore its sessions (trying again in ${delay} ms): ${slot.lastError}`);
          slot.state = 'claiming';
          // Nothing of the failed attempt may write once the claim is let go.
          await shard.stop().catch(() => undefined);
          await slot.claim.release().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, delay));
          if (slot.state !== 'claiming') return false;
          slot.shard = newShard();
          slot.claim = feed.claim(partition);
          continue;
        }
        // Dealt away while restoring: the attempt did not turn it running.
        if ((slot.state as PartitionSlot['state']) !== 'running') return false;
        delete slot.lastError;
        this.logger.log(`partition ${partition}: watching ${slot.shard.engines.size} session(s)`);
        return true;
      }
    })();
    return slot;
  }

  /**
   * Stops a partition's shard at once (no input or tick after this), waits for the alarm writes it
   * made and checkpoints, and only then lets go of the claim: the next owner restores from a record
   * that holds everything this one computed, so nothing is doubled or missed across the handover.
   */
  private async handOver(slot: PartitionSlot): Promise<void> {
    const was = slot.state;
    slot.state = 'handed-over';
    try {
      if (was !== 'claiming') {
        this.logger.log(`partition ${slot.partition}: dealt to another instance; handing over ${slot.shard.engines.size} session(s)`);
        // A restore under way ends first (it stores what a crash kept from being stored).
        await slot.ready;
        await slot.shard.stop().catch((error: Error) => this.logger.warn(`partition ${slot.partition}: handed over without a last checkpoint: ${error.message}`));
      }
    } finally {
      // Still claiming: releasing ends the wait (`held` resolves false).
      await slot.claim.release().catch((error: Error) => this.logger.warn(`partition ${slot.partition}: releasing its claim failed: ${error.message}`));
    }
  }

  private startCheckpoints(): void {
    this.checkpointTimer = setInterval(() => {
      for (const shard of this.shards()) void shard.saveCheckpoint().catch((error: Error) => this.noteCheckpointError(shard, error));
    }, this.options.checkpointIntervalMs);
    this.checkpointTimer.unref();
  }

  private noteCheckpointError(shard: AlertEngineShard, error: Error): void {
    shard.checkpointStatus.lastError = error.message;
    this.logger.warn(`checkpoint of ${shard.scope.processor} not saved (the next one retries): ${error.message}`);
  }

  /** Each shard ticks on its own (one at a time per shard): one waiting on its writes holds up no other. */
  private async tick(): Promise<void> {
    if (this.failure) return;
    if (this.feed) await this.readUndelivered(this.feed);
    for (const shard of this.shards()) void shard.tick().catch((error: Error) => this.logger.error(`tick of ${shard.scope.processor} failed: ${error.message}`));
  }

  /** Once a tick: what the store holds that the feed has not carried yet. */
  private async readUndelivered(feed: PartitionedAlertingFeed): Promise<void> {
    try {
      this.undelivered = await feed.oldestUndelivered();
    } catch (error) {
      // Unknown is treated as behind: a tick must not overtake what may be waiting.
      this.undelivered = this.clock.now().toISOString();
      this.logger.warn(`could not tell what the feed has carried: ${(error as Error).message}`);
    }
  }

  private undeliveredBeforeTickTime(): boolean {
    if (this.undelivered === undefined) return false;
    return Date.parse(this.undelivered) <= this.clock.now().getTime() - this.options.tickGraceMs;
  }
}

const unavailable = (message: string) => new AlertingUnavailableError(message);
