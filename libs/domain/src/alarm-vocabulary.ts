// The words alarms are made of, shared by the rule-set file, the engine's outputs and the stored
// alarm events (docs/alarm-semantics.md). Defined here, once, because the stored events' schemas
// (alarm-events.ts) need them and the domain is what every other library builds on.

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

// IEC 60601-1-8 alarm condition categories (docs/clinical-sources.md §4.1).
export const ALARM_KINDS = ['physiological', 'technical'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const COMPARISONS = ['<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];

// The vital signs rules can read (docs/clinical-sources.md §5.1).
export const OXIMETRY_MEASURES = ['spo2', 'pulseRate'] as const;
export const BLOOD_PRESSURE_MEASURES = ['systolic', 'diastolic'] as const;
export type OximetryMeasure = (typeof OXIMETRY_MEASURES)[number];
export type BloodPressureMeasure = (typeof BLOOD_PRESSURE_MEASURES)[number];
export type Measure = OximetryMeasure | BloodPressureMeasure;
export const MEASURES: readonly Measure[] = [...OXIMETRY_MEASURES, ...BLOOD_PRESSURE_MEASURES];

/** What a technical alarm watches instead of a vital sign. */
export const TECHNICAL_QUANTITIES = ['secondsWithoutValidOximetry', 'minutesSinceDoseWithoutBloodPressure'] as const;
export type TechnicalQuantity = (typeof TECHNICAL_QUANTITIES)[number];

/** UCUM units (docs/clinical-sources.md §5.1): SpO2 `%`, rates `/min`, pressures `mm[Hg]`, and the technical alarms' seconds and minutes. */
export const UNITS = ['%', '/min', 'mm[Hg]', 's', 'min'] as const;
export type Unit = (typeof UNITS)[number];

/**
 * Why an alarm ended: its condition resolved; a latched alarm was acknowledged; the session ended;
 * the dose ended a pre-dose rule's scope; a reading arrived that a technical alarm was waiting for;
 * the silent device a technical alarm was about was unbound.
 */
export const ALERT_CLEAR_REASONS = ['condition-resolved', 'acknowledged', 'session-ended', 'dose-administered', 'reading-received', 'device-unbound'] as const;
export type AlertClearReason = (typeof ALERT_CLEAR_REASONS)[number];
