import type { LogPosition } from './positions';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event to append. `id` is deterministic (docs/architecture.md): a retried append is then a no-op. */
export type NewEvent = {
  id: string;
  type: string;
  data: JsonObject;
  /** Who or what caused it (gateway, user, rule and rule version), correlation ids. `chain` is reserved. */
  metadata?: JsonObject;
  /** When the fact happened (device or clinician time), ISO 8601. */
  occurredAt: string;
};

export type ChainMetadata = { prevHash: string | null; hash: string };

export type RecordedEvent = {
  id: string;
  stream: string;
  revision: number;
  /** Opaque: compare with the store's `comparePositions` (docs/event-store.md "Positions"). */
  position: LogPosition;
  type: string;
  data: JsonObject;
  metadata: JsonObject & { chain: ChainMetadata };
  occurredAt: string;
  /** When the store wrote it, ISO 8601. */
  recordedAt: string;
};
