export const ALERTING_OPTIONS = Symbol('AlertingOptions');
/** Optional: a composition root that runs alerting as a hot standby provides its `startGate` here (docs/distributed.md). */
export const ALERTING_START_GATE = Symbol('AlertingStartGate');

export type AlertingOptions = {
  /** Ticks run this far behind the wall clock, so a batch still in flight is not judged late. */
  tickGraceMs: number;
  tickIntervalMs: number;
  /** Overload drill: a pause before each stored event is judged, so staff can see the overload alarm work. */
  drillDelayPerEventMs: number;
  /** How often the engine's state is checkpointed while events arrive (docs/architecture.md "Processors"). */
  checkpointIntervalMs: number;
  /**
   * Distributed mode's hot standby (docs/distributed.md "Alerting"): the engine starts (restores its
   * checkpoint, replays the log to the head, follows it) only once this resolves true, i.e. this
   * instance holds the alerting lease; false means the app is stopping before it got it.
   */
  startGate?: () => Promise<boolean>;
};

export const DEFAULT_ALERTING_OPTIONS: AlertingOptions = { tickGraceMs: 2000, tickIntervalMs: 1000, drillDelayPerEventMs: 0, checkpointIntervalMs: 2000 };
