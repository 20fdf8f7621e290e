export const ALERTING_OPTIONS = Symbol('AlertingOptions');

export type AlertingOptions = {
  /** Ticks run this far behind the wall clock, so a batch still in flight is not judged late. */
  tickGraceMs: number;
  tickIntervalMs: number;
  /** Overload drill: a pause before each stored event is judged, so staff can see the overload alarm work. */
  drillDelayPerEventMs: number;
  /** How often the engine's state is checkpointed while events arrive (docs/architecture.md "Processors"). */
  checkpointIntervalMs: number;
};

export const DEFAULT_ALERTING_OPTIONS: AlertingOptions = { tickGraceMs: 2000, tickIntervalMs: 1000, drillDelayPerEventMs: 0, checkpointIntervalMs: 2000 };
