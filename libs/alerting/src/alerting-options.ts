export const ALERTING_OPTIONS = Symbol('AlertingOptions');

export type AlertingOptions = {
  /** Ticks run this far behind the wall clock, so a batch still in flight is not judged late. */
  tickGraceMs: number;
  tickIntervalMs: number;
};

export const DEFAULT_ALERTING_OPTIONS: AlertingOptions = { tickGraceMs: 2000, tickIntervalMs: 1000 };
