import type { EngineState, SessionState } from './engine-state';
import { emptySessionTable, sessionEntries, setSession } from './session-table';

/**
 * The engine's state as plain JSON, for a processor's checkpoint (docs/architecture.md
 * "Processors"): restored, it evaluates every later input exactly as the state it was taken from
 * (session-engine-snapshot.spec.ts checks that over recorded sessions). Absent and undefined
 * fields mean the same to the engine, so JSON's dropping of undefined changes nothing.
 */
export type EngineStateSnapshot = { sessions: [string, SessionState][]; tickClock: number | null };

export function snapshotEngineState(state: EngineState): EngineStateSnapshot {
  return { sessions: [...sessionEntries(state.sessions)], tickClock: state.tickClock ?? null };
}

export function restoreEngineState(snapshot: EngineStateSnapshot): EngineState {
  let sessions = emptySessionTable<SessionState>();
  for (const [sessionId, session] of snapshot.sessions) sessions = setSession(sessions, sessionId, session);
  return { sessions, tickClock: snapshot.tickClock ?? undefined };
}
