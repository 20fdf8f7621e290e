import type { ChangesMessage, PositionedChange, SessionView, SnapshotMessage } from '../protocol';
import { evolveSessionView } from './session-view-evolve';

/**
 * Every active session's view, as of a store position. Keyed by a Map: session ids come from
 * outside, and `constructor` or `__proto__` must be a session like any other (docs/identifiers.md).
 */
export type DashboardState = { position: number; sessions: ReadonlyMap<string, SessionView> };

export const initialDashboardState = (): DashboardState => ({ position: 0, sessions: new Map() });

export function stateFromSnapshot(snapshot: Pick<SnapshotMessage, 'position' | 'sessions'>): DashboardState {
  return { position: snapshot.position, sessions: new Map(snapshot.sessions.map((view) => [view.sessionId, view])) };
}

/**
 * Applies changes in position order; anything at or below the state's position was seen already
 * (a resend, or an overlap between a catch-up read and the live stream) and is skipped.
 */
export function applyChanges(state: DashboardState, changes: readonly PositionedChange[], upTo?: number): DashboardState {
  let sessions: Map<string, SessionView> | undefined;
  let position = state.position;
  for (const positioned of changes) {
    if (positioned.position <= position) continue;
    sessions ??= new Map(state.sessions);
    const next = evolveSessionView(sessions.get(positioned.sessionId), positioned);
    if (next) sessions.set(positioned.sessionId, next);
    else sessions.delete(positioned.sessionId);
    position = positioned.position;
  }
  const end = upTo !== undefined && upTo > position ? upTo : position;
  return sessions || end !== state.position ? { position: end, sessions: sessions ?? state.sessions } : state;
}

/** Whether a batch leaves a hole between what the state has seen and what the batch covers. */
export const missesChanges = (state: DashboardState, batch: Pick<ChangesMessage, 'after'>): boolean => batch.after > state.position;
