// Plausibility limits for stored readings (issue #3). They reject what no patient can show, so a
// garbled value never reaches the alarms; the alarm thresholds themselves live in the rule set.
export const PHYSIOLOGICAL_RANGES = {
  spo2: { min: 0, max: 100, unit: '%' },
  pulseRate: { min: 20, max: 300, unit: 'bpm' },
  systolic: { min: 40, max: 300, unit: 'mmHg' },
  diastolic: { min: 20, max: 200, unit: 'mmHg' },
  meanArterialPressure: { min: 20, max: 300, unit: 'mmHg' },
  // Perfusion index / pulse amplitude index is a percentage (PLXS, docs/ble-gatt.md §2.1).
  perfusionIndex: { min: 0, max: 100, unit: '%' },
} as const;

export const MAX_READINGS_PER_BATCH = 1000;
export const MAX_GATT_HEX_LENGTH = 512;
