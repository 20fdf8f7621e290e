import { Inject, Injectable, Logger } from '@nestjs/common';
import { deviceStreamName, vitalsStreamName } from '@vigil/domain';
import { canonicalJson, EventIdConflictError, SoleWriter, type EventStore, type NewEvent, type RecordedEvent } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@vigil/platform';
import { DeviceRegistry } from '@vigil/sessions';
import type { IngestResult } from './ingest-result';
import type { IngestedReading } from './ingested-reading';
import { readingEvent } from './reading-event';
import { validateReading } from './reading-validation';

type Routed = { index: number; event: NewEvent };

const READING_TYPES = ['OximetryObserved', 'BloodPressureObserved'];
/** How far ahead of the server a gateway's clock may run (reading-validation's limit). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Validates a gateway batch reading by reading, routes each accepted reading to the readings
 * stream of the session its device is bound to (or to the device's own stream) and answers only
 * once every accepted reading is committed: accepted means durable (docs/architecture.md). Ingest is the one
 * writer of those streams (docs/streams.md).
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('Ingest');
  private readonly writer: SoleWriter;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly devices: DeviceRegistry,
  ) {
    this.writer = new SoleWriter(store, (error) => this.logger.warn(`another writer appended to ${error.stream}: ${error.message}`));
  }

  /** Appends that found another writer's readings in a stream ingest owns (health shows it). */
  get writeConflicts(): number {
    return this.writer.conflicts;
  }

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
      const stream = assignment ? vitalsStreamName(assignment.sessionId) : deviceStreamName(reading.deviceId);
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
    const elsewhere = await this.storedElsewhere(stream, group);
    const outcome = { accepted: 0, duplicates: 0, rejected: [] as IngestResult['rejected'] };
    const fresh = group.filter((routed) => {
      const stored = elsewhere.get(routed.event.id);
      if (!stored) return true;
      if (sameReading(stored, routed.event)) outcome.duplicates++;
      else outcome.rejected.push({ index: routed.index, errors: [reusedIdentityError(routed)] });
      return false;
    });
    if (fresh.length === 0) return outcome;
    // Readings are appended in measurement order so the stream reads as the patient's timeline.
    const ordered = [...fresh].sort((a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt));
    try {
      const { appendedCount } = await this.writer.append(stream, ordered.map((r) => r.event));
      return { accepted: appendedCount, duplicates: outcome.duplicates + ordered.length - appendedCount, rejected: outcome.rejected };
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      const one = await this.appendOneByOne(stream, ordered);
      return { accepted: one.accepted, duplicates: outcome.duplicates + one.duplicates, rejected: [...outcome.rejected, ...one.rejected] };
    }
  }

  /**
   * The store recognises a retry only within a stream (docs/event-store.md), so a reading first
   * stored under another routing (its device bound or unbound since) is looked up in the stream it
   * went to then: the device's own stream, or the session of the device's last binding change.
   * Only readings measured before that change (plus clock skew) can be there, so this reads
   * nothing for the steady flow, and scans back only as far as the oldest such reading.
   */
  private async storedElsewhere(stream: string, group: Routed[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    const byDevice = new Map<string, Routed[]>();
    for (const routed of group) {
      const deviceId = String(routed.event.data.deviceId);
      byDevice.set(deviceId, [...(byDevice.get(deviceId) ?? []), routed]);
    }
    for (const [deviceId, readings] of byDevice) {
      const change = await this.devices.lastBindingChange(deviceId);
      if (!change) continue; // never bound: its readings always went to its own stream
      const candidates = readings.filter((r) => Date.parse(r.event.occurredAt) < change.at + CLOCK_SKEW_MS);
      if (candidates.length === 0) continue;
      const other = stream === deviceStreamName(deviceId) ? vitalsStreamName(change.sessionId) : deviceStreamName(deviceId);
      if (other === stream) continue;
      const wanted = new Set(candidates.map((r) => r.event.id));
      // Nothing measured at m can have been stored before m less the clock skew.
      const oldest = Math.min(...candidates.map((r) => Date.parse(r.event.occurredAt))) - CLOCK_SKEW_MS;
      let from: number | undefined;
      while (wanted.size > 0) {
        const page = await this.store.readStream(other, { direction: 'backwards', maxCount: 1000, types: READING_TYPES, ...(from === undefined ? {} : { fromRevision: from }) });
        for (const event of page) {
          if (wanted.delete(event.id)) found.set(event.id, event);
        }
        const last = page[page.length - 1];
        if (!last || page.length < 1000 || last.revision === 0 || Date.parse(last.recordedAt) < oldest) break;
        from = last.revision - 1;
      }
    }
    return found;
  }

  /** The rare path: some reading reuses an identity with other values; find it and keep the rest. */
  private async appendOneByOne(stream: string, ordered: Routed[]): Promise<Pick<IngestResult, 'accepted' | 'duplicates' | 'rejected'>> {
    const outcome = { accepted: 0, duplicates: 0, rejected: [] as IngestResult['rejected'] };
    for (const routed of ordered) {
      try {
        const { appendedCount } = await this.writer.append(stream, [routed.event]);
        if (appendedCount === 1) outcome.accepted++;
        else outcome.duplicates++;
      } catch (error) {
        if (!(error instanceof EventIdConflictError)) throw error;
        if (error.original && sameReading(error.original, routed.event)) {
          // Stored before, when its device was routed elsewhere (bound or unbound since): the same reading.
          outcome.duplicates++;
        } else {
          outcome.rejected.push({ index: routed.index, errors: [reusedIdentityError(routed)] });
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

function reusedIdentityError(routed: Routed) {
  const field = routed.event.data.seq !== undefined ? 'seq' : 'measuredAt';
  return { field, message: `this ${field} was already used by device ${String(routed.event.data.deviceId)} for a reading with other values` };
}

function sameIdentityError(reading: IngestedReading, earlierIndex: number) {
  const field = reading.seq !== undefined ? 'seq' : 'measuredAt';
  return { field, message: `reading ${earlierIndex} of this batch has the same device and ${field} but other values` };
}
