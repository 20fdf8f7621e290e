import { jsonEvent, type EventData } from '@eventstore/db-client';
import { canonicalJson, CorruptEventError, StoreFormatError, type ChainedEvent, type JsonObject, type LogPosition, type RecordedEvent } from '@vigil/event-store';
import { createHash } from 'node:crypto';
import { eventUuid } from './deterministic-event-uuid';

/** The store format (docs/event-store.md "Format versions") these events are written in. */
export const ESDB_STORE_FORMAT = 3;

/**
 * What EventStoreDB's metadata of a Vigil event holds (docs/event-store.md "EventStoreDB"): the
 * store's own fields under `vigil` (the port's id, which is not a UUID; the times; the hash chain;
 * the format) and the caller's metadata under `metadata`, so neither can collide with the other
 * nor with the server's reserved `$`-keys.
 */
export type EsdbEnvelope = {
  vigil: { format: number; id: string; occurredAt: string; recordedAt: string; prevHash: string | null; hash: string };
  metadata: JsonObject;
};

/** A server event as the adapter reads it (the fields of the client's RecordedEvent it uses). */
export type EsdbRecorded = { streamId: string; revision: bigint; type: string; isJson: boolean; data: unknown; metadata: unknown };

/** A chained event as EventStoreDB event data: a UUID derived from stream and id, JSON data, the envelope as metadata. */
export function esdbEventData(event: ChainedEvent): EventData {
  const envelope: EsdbEnvelope = {
    vigil: { format: ESDB_STORE_FORMAT, id: event.id, occurredAt: event.occurredAt, recordedAt: event.recordedAt, prevHash: event.prevHash, hash: event.hash },
    metadata: JSON.parse(event.metadata) as JsonObject,
  };
  return jsonEvent({ id: eventUuid(event.stream, event.id), type: event.type, data: JSON.parse(event.data) as JsonObject, metadata: envelope });
}

/**
 * A server event back as the port's event. An event without the envelope was not written by this
 * adapter (or was edited): CorruptEventError, as for an unparseable row in the SQL stores.
 */
export function recordedEventOfEsdb(event: EsdbRecorded, revision: number, position: LogPosition): RecordedEvent {
  const envelope = envelopeOf(event, revision);
  const data = event.data;
  if (!isObject(data)) throw new CorruptEventError(event.streamId, revision, 'stored data is not a JSON object');
  return {
    id: envelope.vigil.id,
    stream: event.streamId,
    revision,
    position,
    type: event.type,
    data: data as JsonObject,
    metadata: { ...envelope.metadata, chain: { prevHash: envelope.vigil.prevHash, hash: envelope.vigil.hash } },
    occurredAt: envelope.vigil.occurredAt,
    recordedAt: envelope.vigil.recordedAt,
  };
}

function envelopeOf(event: EsdbRecorded, revision: number): EsdbEnvelope {
  const corrupt = (reason: string) => new CorruptEventError(event.streamId, revision, reason);
  if (!event.isJson) throw corrupt('the event is not JSON (not written by Vigil)');
  const metadata = event.metadata;
  if (!isObject(metadata) || !isObject(metadata.vigil) || !isObject(metadata.metadata)) throw corrupt('the metadata carries no Vigil envelope');
  const vigil = metadata.vigil;
  if (vigil.format !== ESDB_STORE_FORMAT) {
    throw new StoreFormatError(`EventStoreDB stream ${event.streamId}`, Number(vigil.format), ESDB_STORE_FORMAT, 'There is no copy command for EventStoreDB yet.');
  }
  const text = (key: string) => (typeof vigil[key] === 'string' ? (vigil[key] as string) : undefined);
  const id = text('id');
  const occurredAt = text('occurredAt');
  const recordedAt = text('recordedAt');
  const hash = text('hash');
  const prevHash = vigil.prevHash === null ? null : text('prevHash');
  if (!id || !occurredAt || !recordedAt || !hash || prevHash === undefined) throw corrupt('the Vigil envelope lacks id, times or chain');
  return { vigil: { format: ESDB_STORE_FORMAT, id, occurredAt, recordedAt, prevHash, hash }, metadata: metadata.metadata as JsonObject };
}

/**
 * What a retry is compared on (docs/event-store.md "Idempotency": type, data in canonical form,
 * occurredAt), as a digest, so the adapter can remember it per event without keeping the data.
 */
export function contentKey(type: string, occurredAt: string, canonicalData: string): string {
  // 128 bits of SHA-256 are plenty to tell a changed fact from a retry, at half the memory per event.
  return createHash('sha256').update(canonicalJson([type, occurredAt, canonicalData])).digest().subarray(0, 16).toString('base64');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
