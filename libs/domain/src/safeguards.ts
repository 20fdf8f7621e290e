import type { Drug } from './drug';

// REMS safeguards at the moment they matter (issue 14, docs/clinical-documentation.md "Safeguards").
// The facts a check needs from outside the command stream (readings, the rule set's thresholds)
// come in with the command, gathered by the application service; the decision stays pure.

/** What the clinician confirmed, and what was missing when they did. */
export type Confirmation = { reason: string; missing: string[] };

/** Facts about a dose the stream of commands cannot tell: the latest blood pressure measured before it. */
export type DoseFacts = { lastBloodPressureAt?: string };

/** Facts about ending: the observation minimum for the session's drug, and vitals outside the thresholds. */
export type EndFacts = { observationMinutes: number; vitalsOutsideThresholds: string[] };

export const PRE_DOSE_BLOOD_PRESSURE_MINUTES = 30;
const MS_PER_MINUTE = 60_000;

/** What a dose lacks: a blood pressure measured in the 30 minutes before it (REMS form: BP prior to administration). */
export function doseFindings(administeredAt: string, facts: DoseFacts | undefined): string[] {
  if (facts === undefined) return [];
  const doseMs = Date.parse(administeredAt);
  const bpMs = facts.lastBloodPressureAt === undefined ? undefined : Date.parse(facts.lastBloodPressureAt);
  if (bpMs !== undefined && bpMs <= doseMs && doseMs - bpMs <= PRE_DOSE_BLOOD_PRESSURE_MINUTES * MS_PER_MINUTE) return [];
  return [`no blood pressure recorded in the ${PRE_DOSE_BLOOD_PRESSURE_MINUTES} minutes before the dose`];
}

/** What ending lacks: the observation minimum after the latest dose, and vitals within the thresholds. */
export function endFindings(latestDoseAt: string | undefined, at: string, facts: EndFacts | undefined): string[] {
  if (facts === undefined) return [];
  const findings: string[] = [];
  if (latestDoseAt !== undefined) {
    const observed = (Date.parse(at) - Date.parse(latestDoseAt)) / MS_PER_MINUTE;
    if (observed < facts.observationMinutes) {
      findings.push(`observation minimum of ${facts.observationMinutes} min after the dose not reached (${formatMinutes(observed)} observed)`);
    }
  }
  return [...findings, ...facts.vitalsOutsideThresholds];
}

/** Esketamine requires a confirmation with a reason; ketamine records the same findings as warnings. */
export const confirmationRequired = (drug: Drug): boolean => drug === 'esketamine';

function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${Math.max(0, Math.round(minutes * 60))} s`;
  return `${Math.floor(minutes)} min`;
}
