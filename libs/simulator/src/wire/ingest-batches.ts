import type { IngestBatch, IngestReading } from './ingest-reading';

/** The ingest API's limits per request (issue: ≤ 1,000 readings, ≤ 1 MiB body). */
export const INGEST_LIMITS = { maxReadings: 1000, maxBytes: 1024 * 1024 } as const;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

export class ReadingTooLargeError extends Error {
  constructor(
    readonly deviceId: string,
    readonly bytes: number,
  ) {
    super(`A reading from ${deviceId} is ${bytes} bytes, more than a whole ingest request may carry`);
    this.name = 'ReadingTooLargeError';
  }
}

/** Splits readings, in order, into as few requests as the limits allow. */
export function splitIntoIngestBatches(
  gatewayId: string,
  readings: readonly IngestReading[],
  limits: { maxReadings: number; maxBytes: number } = INGEST_LIMITS,
): IngestBatch[] {
  const envelopeBytes = byteLength(JSON.stringify({ gatewayId, readings: [] }));
  const batches: IngestBatch[] = [];
  let current: IngestReading[] = [];
  let currentBytes = envelopeBytes;
  for (const reading of readings) {
    const readingBytes = byteLength(JSON.stringify(reading));
    const separatorBytes = current.length > 0 ? 1 : 0;
    if (envelopeBytes + readingBytes > limits.maxBytes) throw new ReadingTooLargeError(reading.deviceId, readingBytes);
    if (current.length >= limits.maxReadings || currentBytes + separatorBytes + readingBytes > limits.maxBytes) {
      batches.push({ gatewayId, readings: current });
      current = [];
      currentBytes = envelopeBytes;
    }
    currentBytes += (current.length > 0 ? 1 : 0) + readingBytes;
    current.push(reading);
  }
  if (current.length > 0) batches.push({ gatewayId, readings: current });
  return batches;
}
