import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { deviceBindingStreamName, deviceStreamName, parseStreamName, readDeviceBindingEvent, readSessionCommandEvent, sessionIdOfStream, type DeviceKind } from '@vigil/domain';
import { LOG_START, WrongExpectedRevisionError, type EventStore, type LogConsumer, type LogConsumerRun, type LogPosition, type NewEvent, type RecordedEvent, consumerFailuresOf, type ConsumerFailures } from '@vigil/event-store';
import { EVENT_STORE, LOG_CONSUMER } from '@vigil/platform';
import { LRUCache } from 'lru-cache';
import { loadSession } from './session-stream';

const UNBOUND_DEVICES_CACHED = 5_000;

export type DeviceAssignment = { sessionId: string; deviceKind: DeviceKind };

/** A device's last binding change: when it happened and the session it named. */
export type BindingChange = { at: number; sessionId: string };

export { deviceStreamName };

/**
 * Which session each device feeds. The truth is the device's binding stream (DeviceAssigned /
 * DeviceReleased), written with an expected revision so two sessions cannot claim one device;
 * this class caches it for the ingest hot path and checks a claim against its session, so a claim
 * left behind by a crash between the two writes does not route readings to the wrong patient.
 * The cache follows the log: every binding change, unbinding and session end, whichever process
 * wrote it, drops the answers it touches, so a bind made elsewhere is seen without a restart.
 */
@Injectable()
export class DeviceRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeviceRouting');
  private following?: LogConsumerRun;
  /** The last log position this cache has followed (health: how far behind the log it is). */
  followedPosition: LogPosition = LOG_START;

  /**
   * Bound devices are few (a clinic's hardware); ids of unbound devices come from gateways and are
   * unbounded, so "unbound" answers are kept in an LRU of fixed size: memory stays flat under a
   * stream of new ids, and an evicted id is simply read from the store again.
   */
  private readonly boundDevices = new Map<string, DeviceAssignment>();
  private readonly unbound = new LRUCache<string, true>({ max: UNBOUND_DEVICES_CACHED });
  /** Each device's last binding change (or none ever), dropped with its routing answer. */
  private readonly changes = new LRUCache<string, BindingChange | 'never'>({ max: UNBOUND_DEVICES_CACHED });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOG_CONSUMER) private readonly consumer: LogConsumer,
  ) {}

  /**
   * Follows from the head and keeps no checkpoint: what came before is read on demand by
   * assignmentOf, never cached stale, so there is nothing to resume. Forgetting an answer twice is
   * harmless, so an event delivered again changes nothing.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.followedPosition = await this.store.headPosition();
    this.following = this.consumer.start(this.followedPosition, {
      handle: (events) => {
        for (const event of events) this.follow(event);
        if (events.length > 0) this.followedPosition = events[events.length - 1]!.position;
      },
      failed: (error, retryInMs) => this.logger.error(`routing could not follow the log (retrying in ${retryInMs} ms): ${error.message}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.following?.stop();
  }

  /** Drops the cached answers an event may have changed; the next lookup reads the store. */
  follow(event: RecordedEvent): void {
    const parsed = parseStreamName(event.stream);
    if (parsed?.category === 'deviceBinding') return this.forget(parsed.id);
    if (sessionIdOfStream(event.stream) === undefined) return;
    if (event.type === 'DeviceUnbound' || event.type === 'DeviceBound') {
      let read;
      try {
        read = readSessionCommandEvent(event);
      } catch (error) {
        // Which device it names is unknown: every cached answer may be stale, so none is kept.
        this.logger.error(`routing cache cleared: ${(error as Error).message}`);
        this.boundDevices.clear();
        this.unbound.clear();
        return;
      }
      if (read.type === 'DeviceUnbound' || read.type === 'DeviceBound') this.forget(read.data.deviceId);
    }
    if (event.type === 'SessionEnded') {
      const sessionId = sessionIdOfStream(event.stream);
      for (const [deviceId, assignment] of this.boundDevices) if (assignment.sessionId === sessionId) this.forget(deviceId);
    }
  }

  private forget(deviceId: string): void {
    this.boundDevices.delete(deviceId);
    this.unbound.delete(deviceId);
    this.changes.delete(deviceId);
  }

  /**
   * The device's last binding change, for ingest's look-up of a retried reading first stored under
   * another routing: cached like the routing answer and dropped by the same followed events, so it
   * is as current as the routing it accompanies, and the steady flow reads no binding stream.
   */
  async lastBindingChange(deviceId: string): Promise<BindingChange | null> {
    const following = (this.following?.status.consecutiveFailures ?? 0) === 0;
    const cached = following ? this.changes.get(deviceId) : undefined;
    if (cached !== undefined) return cached === 'never' ? null : cached;
    const [last] = await this.store.readStream(deviceBindingStreamName(deviceId), { direction: 'backwards', maxCount: 1 });
    const change = last ? { at: Date.parse(last.occurredAt), sessionId: String(last.data['sessionId']) } : null;
    this.changes.set(deviceId, change ?? 'never');
    return change;
  }

  async assignmentOf(deviceId: string): Promise<DeviceAssignment | null> {
    const cached = this.cached(deviceId);
    if (cached !== undefined) return cached;
    const { claim } = await this.readClaim(deviceId);
    let assignment: DeviceAssignment | null = null;
    if (claim) {
      const { state } = await loadSession(this.store, claim.sessionId);
      if (state.status === 'active' && state.devices.has(deviceId)) assignment = claim;
    }
    this.remember(deviceId, assignment);
    return assignment;
  }

  /** The raw claim and the binding stream's revision, for a compare-and-set claim. */
  async readClaim(deviceId: string): Promise<{ claim: DeviceAssignment | null; revision: number | undefined }> {
    const [last] = await this.store.readStream(deviceBindingStreamName(deviceId), { direction: 'backwards', maxCount: 1 });
    if (!last) return { claim: null, revision: undefined };
    const read = readDeviceBindingEvent(last);
    const claim = read.type === 'DeviceAssigned' ? { sessionId: read.data.sessionId, deviceKind: read.data.deviceKind } : null;
    return { claim, revision: last.revision };
  }

  async claim(deviceId: string, assignment: DeviceAssignment, expectedRevision: number | undefined, eventId: string, at: string): Promise<void> {
    const event: NewEvent = { id: eventId, type: 'DeviceAssigned', data: { deviceId, ...assignment, at }, occurredAt: at };
    await this.store.appendToStream(deviceBindingStreamName(deviceId), [event], { expectedRevision: expectedRevision ?? 'no-stream' });
    this.changes.delete(deviceId);
    this.remember(deviceId, assignment);
  }

  /**
   * Gives up this session's claim, if it still holds it: compare-and-set on the revision read, so a
   * claim another session made meanwhile is never released by mistake.
   */
  async release(deviceId: string, sessionId: string, eventId: string, at: string): Promise<void> {
    this.remember(deviceId, null);
    for (;;) {
      const { claim, revision } = await this.readClaim(deviceId);
      if (!claim || claim.sessionId !== sessionId || revision === undefined) return;
      const event: NewEvent = { id: eventId, type: 'DeviceReleased', data: { deviceId, sessionId, at }, occurredAt: at };
      try {
        await this.store.appendToStream(deviceBindingStreamName(deviceId), [event], { expectedRevision: revision });
        this.changes.delete(deviceId);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }

  /** The device is now bound to this session (its claim and its DeviceBound are both stored). */
  bound(deviceId: string, assignment: DeviceAssignment): void {
    this.remember(deviceId, assignment);
  }

  /** Failed deliveries of the log since the last success: while there are any, answers come from the store. */
  get followingFailures(): ConsumerFailures {
    return consumerFailuresOf(this.following);
  }

  /** How many answers are held: for health, and to show the cache stays bounded. */
  get cachedCount(): { bound: number; unbound: number } {
    return { bound: this.boundDevices.size, unbound: this.unbound.size };
  }

  private cached(deviceId: string): DeviceAssignment | null | undefined {
    // While the log cannot be followed, a cached answer may be stale: ask the store.
    if ((this.following?.status.consecutiveFailures ?? 0) > 0) return undefined;
    const assignment = this.boundDevices.get(deviceId);
    if (assignment) return assignment;
    return this.unbound.get(deviceId) ? null : undefined;
  }

  private remember(deviceId: string, assignment: DeviceAssignment | null): void {
    if (assignment) {
      this.unbound.delete(deviceId);
      this.boundDevices.set(deviceId, assignment);
    } else {
      this.boundDevices.delete(deviceId);
      this.unbound.set(deviceId, true);
    }
  }
}
