import type { NewEvent } from '@vigil/event-store';
import { deterministicId } from '@vigil/platform';
import type { IngestedReading } from './ingested-reading';

/**
 * The reading's event id comes from gateway, device and `seq` (or the measurement time when the
 * gateway sends no sequence number), so a re-posted batch maps onto the events already stored.
 */
export function readingEventId(gatewayId: string, reading: IngestedReading): string {
  return deterministicId('reading', gatewayId, reading.deviceId, reading.seq !== undefined ? `seq:${reading.seq}` : `at:${reading.measuredAt}`);
}

export function readingEvent(gatewayId: string, reading: IngestedReading, sessionId: string | undefined): NewEvent {
  const { kind, ...fields } = reading;
  return {
    id: readingEventId(gatewayId, reading),
    type: kind === 'oximetry' ? 'OximetryObserved' : 'BloodPressureObserved',
    data: { ...(sessionId ? { sessionId } : {}), gatewayId, ...fields } as NewEvent['data'],
    metadata: { causedBy: `gateway:${gatewayId}`, schemaVersion: 1 },
    occurredAt: reading.measuredAt,
  };
}
