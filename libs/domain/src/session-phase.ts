import type { DoseRoute } from './dose-route';

// The phases of a KAP session, computed from dose times and routes (docs/architecture.md "The dissociative
// window"; issue "The session's phases"). "Ready for discharge" is a later issue: not modelled yet.
export const SESSION_PHASES = ['pre-dose', 'onset', 'dissociative', 'recovery'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/**
 * Minutes from administration to the start of the dissociative window, per route. Defined once,
 * here. Values are the issue's; they follow the absorption order in the docs/clinical-sources.md §2.2
 * (IV immediate; IM peak plasma 5–15 min; intranasal; sublingual first plasma ≤5 min with effects
 * from 15–20 min; oral slowest, Tmax ≈ 1 h).
 */
export const ONSET_MINUTES_BY_ROUTE: Readonly<Record<DoseRoute, number>> = {
  intravenous: 2,
  intramuscular: 5,
  intranasal: 10,
  sublingual: 15,
  oral: 20,
};

// Dissociation peaks around 40 min and fades by 1.5–2 h (docs/clinical-sources.md §1.4); the issue fixes
// the window at 60 minutes after onset.
export const DISSOCIATIVE_WINDOW_MINUTES = 60;

const MS_PER_MINUTE = 60_000;

/** A dose as phases need it; `Dose` from the session aggregate fits this shape. */
export type PhaseDose = { readonly route: DoseRoute; readonly administeredAt: string };

/** The instants at which a dose's phases begin (ISO 8601, UTC). */
export type PhaseWindow = {
  readonly onsetFrom: string;
  readonly dissociativeFrom: string;
  readonly recoveryFrom: string;
};

export class InvalidPhaseTimeError extends Error {
  override readonly name = 'InvalidPhaseTimeError';
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: "${value}" is not an ISO 8601 time`);
  }
}

function toMs(field: string, iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new InvalidPhaseTimeError(field, iso);
  return ms;
}

/**
 * The dose that governs the phase at `at`: the latest one administered at or before it. A booster
 * restarts the onset and the window from its own time (issue: "later doses extend the window from
 * the latest one"). Doses need not be sorted.
 */
export function latestDoseAt<D extends PhaseDose>(doses: readonly D[], at: string): D | undefined {
  const atMs = toMs('at', at);
  let latest: D | undefined;
  let latestMs = -Infinity;
  for (const dose of doses) {
    const doseMs = toMs('administeredAt', dose.administeredAt);
    if (doseMs <= atMs && doseMs >= latestMs) {
      latest = dose;
      latestMs = doseMs;
    }
  }
  return latest;
}

export function phaseWindow(dose: PhaseDose): PhaseWindow {
  const doseMs = toMs('administeredAt', dose.administeredAt);
  const dissociativeMs = doseMs + ONSET_MINUTES_BY_ROUTE[dose.route] * MS_PER_MINUTE;
  return {
    onsetFrom: new Date(doseMs).toISOString(),
    dissociativeFrom: new Date(dissociativeMs).toISOString(),
    recoveryFrom: new Date(dissociativeMs + DISSOCIATIVE_WINDOW_MINUTES * MS_PER_MINUTE).toISOString(),
  };
}

/** Minutes (fractional) since the latest dose at or before `at`; undefined before the first dose. */
export function minutesSinceDose(doses: readonly PhaseDose[], at: string): number | undefined {
  const dose = latestDoseAt(doses, at);
  if (dose === undefined) return undefined;
  return (toMs('at', at) - toMs('administeredAt', dose.administeredAt)) / MS_PER_MINUTE;
}

/**
 * The phase at `at`. Boundaries belong to the later phase: at the dose instant the session is in
 * onset, at dose + onset it is dissociative, at dose + onset + 60 min it is in recovery.
 */
export function phaseAt(doses: readonly PhaseDose[], at: string): SessionPhase {
  const dose = latestDoseAt(doses, at);
  if (dose === undefined) return 'pre-dose';
  const elapsedMinutes = (toMs('at', at) - toMs('administeredAt', dose.administeredAt)) / MS_PER_MINUTE;
  const onset = ONSET_MINUTES_BY_ROUTE[dose.route];
  if (elapsedMinutes < onset) return 'onset';
  if (elapsedMinutes < onset + DISSOCIATIVE_WINDOW_MINUTES) return 'dissociative';
  return 'recovery';
}
