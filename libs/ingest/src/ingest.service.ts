import { Inject, Injectable } from '@nestjs/common';
import { deviceStreamName, sessionStreamName } from '@vigil/domain';
import { canonicalJson, EventIdConflictError, type EventStore, type NewEvent } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@vigil/platform';
import { DeviceRegistry } from '@vigil/sessions';
import type { IngestResult } from './ingest-result';
import type { IngestedReading } from './ingested-reading';
import { readingEvent } from './reading-event';
import { validateReading } from './reading-validation';

type Routed = { index: number; event: NewEvent };

/**
 * Validates a gateway batch reading by reading, routes each accepted reading to the session its
 * device is bound to (or to the device's own stream) and answers only once every accepted
 * reading is committed: accepted means durable (DESIGN.md).
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly devices: DeviceRegistry,
  ) {}

  async ingest(gatewayId: string, readings: readonly unknown[]): Promise<IngestResult> {
    const now = this.clock.now();
    const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], unassigned: { count: 0, deviceIds: [] } };
    const streams = new Map<string, Routed[]>();
    const seenInBatch = new Map<string, Routed>();
    const unassigned = new Set<string>();
    const assignments = new Map<string, Awaited<ReturnType<DeviceRegistry['assignmentOf']>>>();

    for (const [index, raw] of readings.entries()) {
      const validation = validateReading(raw, now);
      if (!validation.ok) {
        result.rejected.push({ index, errors: validation.errors });
        continue;
      }
      const reading: IngestedReading = validation.reading;
      let assignment = assignments.get(reading.deviceId);
      if (assignment === undefined) assignments.set(reading.deviceId, (assignment = await this.devices.assignmentOf(reading.deviceId)));
      const event = readingEvent(gatewayId, reading, assignment?.sessionId);
      const routed: Routed = { index, event };
      const earlier = seenInBatch.get(event.id);
      if (earlier) {
        if (canonicalJson(earlier.event.data) === canonicalJson(event.data)) result.duplicates++;
        else result.rejected.push({ index, errors: [sameIdentityError(reading, earlier.index)] });
        continue;
      }
      seenInBatch.set(event.id, routed);
      const stream = assignment ? sessionStreamName(assignment.sessionId) : deviceStreamName(reading.deviceId);
      let group = streams.get(stream);
      if (!group) streams.set(stream, (group = []));
      group.push(routed);
    }

    // One append per stream, all in flight together: the store commits them with one fsync.
    const outcomes = await Promise.all([...streams].map(([stream, group]) => this.appendGroup(stream, group)));
    for (const outcome of outcomes) {
      result.accepted += outcome.accepted;
      result.duplicates += outcome.duplicates;
      result.rejected.push(...outcome.rejected);
    }
    result.rejected.sort((a, b) => a.index - b.index);
    const rejectedIndexes = new Set(result.rejected.map((r) => r.index));
    for (const group of streams.values()) {
      for (const routed of group) {
        if (routed.event.data.sessionId || rejectedIndexes.has(routed.index)) continue;
        result.unassigned.count++;
        unassigned.add(String(routed.event.data.deviceId));
      }
    }
    result.unassigned.deviceIds = [...unassigned].sort();
    return result;
  }

  private async appendGroup(stream: string, group: Routed[]): Promise<Pick<IngestResult, 'accepted' | 'duplicates' | 'rejected'>> {
    // Readings are appended in measurement order so the stream reads as the patient's timeline.
    const ordered = [...group].sort((a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt));
    try {
      const { appendedCount } = await this.store.appendToStream(stream, ordered.map((r) => r.event), { expectedRevision: 'any' });
      return { accepted: appendedCount, duplicates: ordered.length - appendedCount, rejected: [] };
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      return this.appendOneByOne(stream, ordered);
    }
  }

  /** The rare path: some reading reuses an identity with other values; find it and keep the rest. */
  private async appendOneByOne(stream: string, ordered: Routed[]): Promise<Pick<IngestResult, 'accepted' | 'duplicates' | 'rejected'>> {
    const outcome = { accepted: 0, duplicates: 0, rejected: [] as IngestResult['rejected'] };
    for (const routed of ordered) {
      try {
        const { appendedCount } = await this.store.appendToStream(stream, [routed.event], { expectedRevision: 'any' });
        if (appendedCount === 1) outcome.accepted++;
        else outcome.duplicates++;
      } catch (error) {
        if (!(error instanceof EventIdConflictError)) throw error;
        if (error.original && sameReading(error.original, routed.event)) {
          // Stored before, when its device was routed elsewhere (bound or unbound since): the same reading.
          outcome.duplicates++;
        } else {
          const field = routed.event.data.seq !== undefined ? 'seq' : 'measuredAt';
          outcome.rejected.push({
            index: routed.index,
            errors: [{ field, message: `this ${field} was already used by device ${String(routed.event.data.deviceId)} for a reading with other values` }],
          });
        }
      }
    }
    return outcome;
  }
}

/** The same reading whatever session it was routed to: compared without the routing field. */
function sameReading(original: { type: string; data: Record<string, unknown>; occurredAt: string }, event: NewEvent): boolean {
  const { sessionId: _a, ...stored } = original.data;
  const { sessionId: _b, ...posted } = event.data;
  return original.type === event.type && original.occurredAt === event.occurredAt && canonicalJson(stored) === canonicalJson(posted);
}

function sameIdentityError(reading: IngestedReading, earlierIndex: number) {
  const field = reading.seq !== undefined ? 'seq' : 'measuredAt';
  return { field, message: `reading ${earlierIndex} of this batch has the same device and ${field} but other values` };
}
