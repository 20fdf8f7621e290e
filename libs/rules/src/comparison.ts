import type { Comparison } from './rule-set';

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    default: {
      const exhaustive: never = op;
      return exhaustive;
    }
  }
}
