import { readReadingEvent, vitalsStreamName } from '@vigil/domain';
import type { EventStore } from '@vigil/event-store';
import { loadSession } from './session-stream';

/**
 * Issue 16, item 4: a dose given while no oximeter watches the patient is recorded (the clinician
 * decides) but answered with a warning the page shows. The REMS requires a pulse oximeter on site
 * for every session (docs/alarm-semantics.md).
 */
export type DoseWarning = { code: 'no-oximeter-bound' | 'oximeter-not-sending'; message: string };

/** The dashboard's "NOT SENDING" limit for an oximeter: no reading received for this long. */
export const OXIMETER_SENDING_WITHIN_MS = 10_000;
/** Enough newest readings to find one from each of several bound oximeters. */
const RECENT_READINGS = 50;

export async function doseWarnings(store: EventStore, sessionId: string, now: Date): Promise<DoseWarning[]> {
  const { state } = await loadSession(store, sessionId);
  const devices = state.status === 'none' ? [] : [...state.devices];
  const oximeters = devices.filter(([, kind]) => kind === 'oximeter').map(([deviceId]) => deviceId);
  if (oximeters.length === 0) {
    return [{ code: 'no-oximeter-bound', message: 'No pulse oximeter is bound to this session: the patient’s oxygen saturation is not being monitored.' }];
  }
  const recent = await store.readStream(vitalsStreamName(sessionId), { direction: 'backwards', maxCount: RECENT_READINGS, types: ['OximetryObserved'] });
  const sending = recent.some(
    (event) => oximeters.includes(readReadingEvent(event).data.deviceId) && now.getTime() - Date.parse(event.recordedAt) <= OXIMETER_SENDING_WITHIN_MS,
  );
  if (sending) return [];
  const names = oximeters.join(', ');
  return [{ code: 'oximeter-not-sending', message: `The bound oximeter (${names}) has sent no reading in the last ${OXIMETER_SENDING_WITHIN_MS / 1000} s: check the probe and the gateway.` }];
}
