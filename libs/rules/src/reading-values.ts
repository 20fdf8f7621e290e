import type { Measure } from './measures';

// Issue, "Semantics": a reading is valid for a rule when it is not flagged `sensorOff` and the
// rule's value is a number. Anything else (null, missing, a string) makes it invalid for that rule.

export type ReadingData = Readonly<Record<string, unknown>>;

export const isSensorOff = (data: ReadingData): boolean => data['sensorOff'] === true;

/** The measure's value when the reading is valid for it, else undefined. */
export function validValue(data: ReadingData, measure: Measure): number | undefined {
  if (isSensorOff(data)) return undefined;
  const value = data[measure];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Valid for every listed measure: the values in order, or undefined. */
export function validValues(data: ReadingData, measures: readonly Measure[]): number[] | undefined {
  const values: number[] = [];
  for (const measure of measures) {
    const value = validValue(data, measure);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}
