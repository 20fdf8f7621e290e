import type { PositionedChange } from '../protocol';
import { applyChanges, initialDashboardState, missesChanges } from './dashboard-state';
import { at, oximetry, started } from './given-changes';

const change = (position: number, sessionId: string, c = started): PositionedChange => ({ position, sessionId, change: c });

describe('the dashboard state', () => {
  it('applies changes of several sessions and advances to the batch end', () => {
    const state = applyChanges(initialDashboardState(), [change(2, 'a'), change(5, 'b')], 9);
    expect([...state.sessions.keys()]).toEqual(['a', 'b']);
    expect(state.position).toBe(9);
  });
  it('skips what it has seen: a replayed batch changes nothing', () => {
    const once = applyChanges(initialDashboardState(), [change(1, 'a'), change(2, 'a', oximetry(at('10:00:01'), 97))], 2);
    const twice = applyChanges(once, [change(2, 'a', oximetry(at('10:00:01'), 97))], 2);
    expect(twice).toBe(once);
    expect(twice.sessions.get("a")?.oximetryReadings).toBe(1);
  });
  it('applies only the unseen part of a batch that overlaps what it has (batches of another instance than its catch-up)', () => {
    const caughtUp = applyChanges(initialDashboardState(), [change(1, 'a'), change(2, 'a', oximetry(at('10:00:01'), 97))], 3);
    const overlapping = { after: 1, position: 5, changes: [change(2, 'a', oximetry(at('10:00:01'), 97)), change(4, 'a', oximetry(at('10:00:02'), 96))] };
    expect(missesChanges(caughtUp, overlapping)).toBe(false);
    const next = applyChanges(caughtUp, overlapping.changes, overlapping.position);
    expect(next.position).toBe(5);
    expect(next.sessions.get('a')?.oximetryReadings).toBe(2);
  });
  it('says when a batch starts after its position (a gap)', () => {
    const state = applyChanges(initialDashboardState(), [change(1, 'a')], 4);
    expect(missesChanges(state, { after: 4 })).toBe(false);
    expect(missesChanges(state, { after: 3 })).toBe(false);
    expect(missesChanges(state, { after: 5 })).toBe(true);
  });
});
