import { ReadingTooLargeError, splitIntoIngestBatches } from './ingest-batches';
import type { IngestReading } from './ingest-reading';

const reading = (seq: number, deviceId = 'ox-1-1'): IngestReading => ({
  kind: 'oximetry',
  deviceId,
  measuredAt: '2026-03-14T09:00:00.000Z',
  spo2: 97,
  pulseRate: 70,
  seq,
});

describe('splitIntoIngestBatches', () => {
  it('puts at most 1,000 readings in a request, keeping their order', () => {
    const readings = Array.from({ length: 2_345 }, (_, index) => reading(index));
    const batches = splitIntoIngestBatches('gw', readings);
    expect(batches.map((batch) => batch.readings.length)).toEqual([1000, 1000, 345]);
    expect(batches.flatMap((batch) => batch.readings)).toEqual(readings);
    expect(batches.every((batch) => batch.gatewayId === 'gw')).toBe(true);
  });

  it('keeps every request body within the byte limit', () => {
    const readings = Array.from({ length: 50 }, (_, index) => reading(index));
    const maxBytes = 1_000;
    const batches = splitIntoIngestBatches('gw', readings, { maxReadings: 1000, maxBytes });
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(maxBytes);
    // Packed, not one reading per request: the next reading would not have fitted.
    const first = batches[0];
    const next = batches[1]?.readings[0];
    if (!first || !next) throw new Error('expected two batches');
    expect(Buffer.byteLength(JSON.stringify({ ...first, readings: [...first.readings, next] }))).toBeGreaterThan(maxBytes);
  });

  it('sends nothing for no readings, and refuses a reading larger than a request', () => {
    expect(splitIntoIngestBatches('gw', [])).toEqual([]);
    expect(() => splitIntoIngestBatches('gw', [reading(1, 'x'.repeat(500))], { maxReadings: 10, maxBytes: 300 })).toThrow(ReadingTooLargeError);
  });
});
