export const ALERTING_OPTIONS = Symbol('AlertingOptions');

export type AlertingOptions = {
  /** Ticks run this far behind the wall clock, so a batch still in flight is not judged late. */
  tickGraceMs: number;
  tickIntervalMs: number;
  /** Overload drill: a pause before each stored event is judged, so staff can see the overload alarm work. */
  drillDelayPerEventMs: number;
};

export const DEFAULT_ALERTING_OPTIONS: AlertingOptions = { tickGraceMs: 2000, tickIntervalMs: 1000, drillDelayPerEventMs: 0 };
