import type { ChangesMessage, PositionedChange, SessionView, SnapshotMessage } from '../protocol';
import { evolveSessionView } from './session-view-evolve';

/** Every active session's view, as of a store position. */
export type DashboardState = { position: number; sessions: Readonly<Record<string, SessionView>> };

export const initialDashboardState = (): DashboardState => ({ position: 0, sessions: {} });

export function stateFromSnapshot(snapshot: Pick<SnapshotMessage, 'position' | 'sessions'>): DashboardState {
  return { position: snapshot.position, sessions: Object.fromEntries(snapshot.sessions.map((view) => [view.sessionId, view])) };
}

/**
 * Applies changes in position order; anything at or below the state's position was seen already
 * (a resend, or an overlap between a catch-up read and the live stream) and is skipped.
 */
export function applyChanges(state: DashboardState, changes: readonly PositionedChange[], upTo?: number): DashboardState {
  let sessions: Record<string, SessionView> | undefined;
  let position = state.position;
  for (const positioned of changes) {
    if (positioned.position <= position) continue;
    sessions ??= { ...state.sessions };
    const next = evolveSessionView(sessions[positioned.sessionId], positioned);
    if (next) sessions[positioned.sessionId] = next;
    else delete sessions[positioned.sessionId];
    position = positioned.position;
  }
  const end = upTo !== undefined && upTo > position ? upTo : position;
  return sessions || end !== state.position ? { position: end, sessions: sessions ?? state.sessions } : state;
}

/** Whether a batch leaves a hole between what the state has seen and what the batch covers. */
export const missesChanges = (state: DashboardState, batch: Pick<ChangesMessage, 'after'>): boolean => batch.after > state.position;
