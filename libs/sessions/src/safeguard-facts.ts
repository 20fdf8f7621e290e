import { readReadingEvent, sessionDrug, vitalsStreamName, type BloodPressureObserved, type DoseFacts, type EndFacts, type OximetryObserved, type SessionState } from '@vigil/domain';
import type { EventStore } from '@vigil/event-store';
import { describeBreach, thresholdBreaches, type RuleSet, type ThresholdValues } from '@vigil/rules';

// The facts the REMS safeguards need from the readings (docs/clinical-documentation.md
// "Safeguards"), gathered before a dose or an end is decided, from the session's readings stream
// (docs/streams.md), read by type inside the store.

const READING_SCAN = 200;
const OXIMETRY_PAGE = 1000;

type Reading = OximetryObserved | BloodPressureObserved;
type ValidOximetry = { type: 'OximetryObserved'; data: OximetryObserved['data'] & { spo2: number; pulseRate: number } };

async function bloodPressuresOf(store: EventStore, sessionId: string, maxCount?: number): Promise<BloodPressureObserved[]> {
  const events = await store.readStream(vitalsStreamName(sessionId), { types: ['BloodPressureObserved'], ...(maxCount ? { direction: 'backwards' as const, maxCount } : {}) });
  return events.map((event) => readReadingEvent(event) as BloodPressureObserved);
}

const measuredMs = (reading: Reading): number => Date.parse(reading.data.measuredAt);

const isValidOximetry = (reading: Reading): reading is ValidOximetry =>
  reading.type === 'OximetryObserved' && !reading.data.sensorOff && reading.data.spo2 !== null && reading.data.pulseRate !== null;

/** The latest valid oximetry reading that passes `keep`, reading backwards page by page (a sensor-off stretch can be long). */
async function latestValidOximetry(store: EventStore, sessionId: string, keep: (reading: Reading) => boolean): Promise<ValidOximetry | undefined> {
  const stream = vitalsStreamName(sessionId);
  for (let from: number | undefined; ; ) {
    const page = await store.readStream(stream, {
      types: ['OximetryObserved'],
      direction: 'backwards',
      maxCount: OXIMETRY_PAGE,
      ...(from === undefined ? {} : { fromRevision: from }),
    });
    const hit = page
      .map((event) => readReadingEvent(event))
      .filter((reading): reading is ValidOximetry => isValidOximetry(reading) && keep(reading))
      .sort((a, b) => measuredMs(b) - measuredMs(a))[0];
    if (hit) return hit;
    const oldest = page[page.length - 1];
    if (page.length < OXIMETRY_PAGE || !oldest || oldest.revision === 0) return undefined;
    from = oldest.revision - 1;
  }
}

/** The latest blood pressure measured at or before the dose time. */
export async function doseFactsOf(store: EventStore, sessionId: string, administeredAt: string): Promise<DoseFacts> {
  const doseMs = Date.parse(administeredAt);
  let latest: number | undefined;
  for (const event of await bloodPressuresOf(store, sessionId)) {
    const t = measuredMs(event);
    if (t <= doseMs && (latest === undefined || t > latest)) latest = t;
  }
  return latest === undefined ? {} : { lastBloodPressureAt: new Date(latest).toISOString() };
}

/**
 * The observation minimum for the session's drug, and what of the latest vitals lies outside the
 * rule set's thresholds (the latest valid oximetry and the latest cuff reading after the dose).
 */
export async function endFactsOf(store: EventStore, sessionId: string, state: SessionState, ruleSet: RuleSet): Promise<EndFacts> {
  if (state.status === 'none') return { observationMinutes: 0, vitalsOutsideThresholds: [] };
  const drug = sessionDrug(state.doses);
  const firstDoseMs = Math.min(...state.doses.map((dose) => Date.parse(dose.administeredAt)));
  const after = (reading: Reading) => state.doses.length === 0 || measuredMs(reading) >= firstDoseMs;
  const latestOf = (readings: BloodPressureObserved[]) => readings.filter(after).sort((a, b) => measuredMs(b) - measuredMs(a))[0];
  const oximetry = await latestValidOximetry(store, sessionId, after);
  const bloodPressure = latestOf(await bloodPressuresOf(store, sessionId, READING_SCAN));
  const values: ThresholdValues = {
    ...(oximetry ? { spo2: oximetry.data.spo2, pulseRate: oximetry.data.pulseRate } : {}),
    ...(bloodPressure ? { systolic: bloodPressure.data.systolic, diastolic: bloodPressure.data.diastolic } : {}),
  };
  const findings = thresholdBreaches(ruleSet, values, state.doses.length > 0 ? 'post-dose' : 'pre-dose').map(describeBreach);
  if (state.doses.length > 0) {
    if (!oximetry && !bloodPressure) findings.push('no vital signs recorded after the dose');
    else if (!bloodPressure) findings.push('no blood pressure recorded after the dose');
    else if (!oximetry) findings.push('no valid oximetry recorded after the dose');
  }
  return { observationMinutes: ruleSet.discharge.observationMinutes[drug], vitalsOutsideThresholds: findings };
}
