import type { BloodPressureReadingView, DoseView, SessionView } from '../protocol';
import { BLOOD_PRESSURE_HISTORY_LIMIT } from './view-limits';

type BloodPressure = SessionView['bloodPressure'];

const ms = (iso: string): number => Date.parse(iso);

/** Administration time of the first dose (the earliest), in ms; undefined before any dose. */
export function firstDoseMs(doses: readonly DoseView[]): number | undefined {
  return doses.reduce<number | undefined>((first, dose) => {
    const at = ms(dose.administeredAt);
    return first === undefined || at < first ? at : first;
  }, undefined);
}

/**
 * The baseline is the last reading measured before the first dose. Readings arrive in any order and
 * a dose may be recorded after the fact, so it is chosen by measured time, not by arrival.
 */
export function addBloodPressureReading(bp: BloodPressure, reading: BloodPressureReadingView, doses: readonly DoseView[]): BloodPressure {
  const at = ms(reading.measuredAt);
  const history = [...bp.history.filter((r) => ms(r.measuredAt) <= at), reading, ...bp.history.filter((r) => ms(r.measuredAt) > at)].slice(
    -BLOOD_PRESSURE_HISTORY_LIMIT,
  );
  const latest = !bp.latest || at >= ms(bp.latest.measuredAt) ? reading : bp.latest;
  const doseAt = firstDoseMs(doses);
  const isPreDose = doseAt === undefined || at < doseAt;
  const baseline = isPreDose && (!bp.baseline || at >= ms(bp.baseline.measuredAt)) ? reading : bp.baseline;
  return { history, ...(latest ? { latest } : {}), ...(baseline ? { baseline } : {}) };
}

/** After a dose, a baseline measured at or after the (possibly back-dated) first dose is no baseline. */
export function rebaseline(bp: BloodPressure, doses: readonly DoseView[]): BloodPressure {
  const doseAt = firstDoseMs(doses);
  if (doseAt === undefined || !bp.baseline || ms(bp.baseline.measuredAt) < doseAt) return bp;
  const baseline = [...bp.history].reverse().find((r) => ms(r.measuredAt) < doseAt);
  const { baseline: _dropped, ...rest } = bp;
  return baseline ? { ...rest, baseline } : rest;
}

/** Latest minus baseline, mmHg; undefined without both. */
export function changeFromBaseline(bp: BloodPressure): { systolic: number; diastolic: number } | undefined {
  if (!bp.latest || !bp.baseline) return undefined;
  return { systolic: bp.latest.systolic - bp.baseline.systolic, diastolic: bp.latest.diastolic - bp.baseline.diastolic };
}
