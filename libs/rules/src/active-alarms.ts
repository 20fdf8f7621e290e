import type { EngineState } from './engine-state';
import { formatInstant } from './instant';
import type { Priority } from './rule-set';
import { getSession } from './session-table';

/** An alarm as a dashboard shows it: still visible until it clears, even when acknowledged. */
export type ActiveAlarm = {
  readonly alertId: string;
  readonly ruleId: string;
  readonly priority: Priority;
  readonly raisedAt: string;
  /** True when a latched (high) alarm's condition has resolved and it waits for acknowledgement. */
  readonly latched: boolean;
  readonly acknowledgedAt: string | null;
  /** IEC 60601-1-8 "audio paused" until this time; the signal may sound again after it. */
  readonly audioPausedUntil: string | null;
};

export function activeAlarms(state: EngineState, sessionId: string): ActiveAlarm[] {
  const session = getSession(state.sessions, sessionId);
  if (session === undefined) return [];
  return Object.values(session.alarms).map((alarm) => ({
    alertId: alarm.alertId,
    ruleId: alarm.ruleId,
    priority: alarm.priority,
    raisedAt: formatInstant(alarm.raisedAt),
    latched: !alarm.conditionActive,
    acknowledgedAt: alarm.acknowledgedAt === undefined ? null : formatInstant(alarm.acknowledgedAt),
    audioPausedUntil: alarm.audioPausedUntil === undefined ? null : formatInstant(alarm.audioPausedUntil),
  }));
}

/** The time below which the engine refuses inputs for this session (its last input or Tick). */
export function sessionClock(state: EngineState, sessionId: string): string | undefined {
  const clock = Math.max(getSession(state.sessions, sessionId)?.clock ?? -Infinity, state.tickClock ?? -Infinity);
  return Number.isFinite(clock) ? formatInstant(clock) : undefined;
}
