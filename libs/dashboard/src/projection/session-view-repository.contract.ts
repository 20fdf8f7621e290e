import { positionFromString } from '@vigil/event-store';
import type { SessionView } from '../protocol';
import { applyChanges, initialDashboardState } from '../view/dashboard-state';
import type { SessionViewRepository } from './session-view.repository';

/** A repository, and another one over the same storage (what a restarted process opens). */
export type SessionViewRepositoryFactory = () => Promise<{ repository: SessionViewRepository; reopen: () => Promise<SessionViewRepository>; dispose?: () => Promise<void> }>;

/** Views as the projection builds them: the wall's own state code, not a hand-made shape. */
function viewsOf(...sessions: [id: string, room: string, spo2: number][]): SessionView[] {
  let position = 0;
  const changes = sessions.flatMap(([sessionId, room, spo2]) => [
    { position: ++position, sessionId, change: { type: 'SessionStarted' as const, room, patientPseudonym: `P-${sessionId}`, clinician: 'Dr A', at: '2026-12-02T10:00:00.000Z' } },
    {
      position: ++position,
      sessionId,
      change: { type: 'OximetryObserved' as const, deviceId: `ox-${sessionId}`, spo2, pulseRate: 70, sensorOff: false, measuredAt: '2026-12-02T10:00:01.000Z', receivedAt: '2026-12-02T10:00:01.100Z', gatewayId: 'gw-1' },
    },
  ]);
  return [...applyChanges(initialDashboardState(), changes).sessions.values()];
}

/**
 * The one contract every place the dashboard keeps its views passes unchanged (docs/architecture.md
 * "Processors"): nothing before the first save; a save's views, sequence number and store position
 * come back together, also to another process; a save writes only what it names.
 */
export function describeSessionViewRepositoryContract(name: string, factory: SessionViewRepositoryFactory): void {
  describe(`session view repository contract: ${name}`, () => {
    let repository: SessionViewRepository;
    let reopen: () => Promise<SessionViewRepository>;
    let dispose: (() => Promise<void>) | undefined;
    beforeEach(async () => ({ repository, reopen, dispose } = await factory()));
    afterEach(async () => dispose?.());

    it('has nothing before the first save', async () => {
      expect(await repository.load()).toEqual({ position: 0, storePosition: positionFromString(''), views: [] });
    });

    it('gives back the views, the sequence number and the store position saved together, to another process too', async () => {
      const views = viewsOf(['a', 'Room 1', 97], ['b', 'Room 2', 91]);
      await repository.save(4, positionFromString('17'), views, []);
      for (const reader of [repository, await reopen()]) {
        const loaded = await reader.load();
        expect(loaded.position).toBe(4);
        expect(loaded.storePosition).toBe('17');
        expect([...loaded.views].sort((x, y) => x.sessionId.localeCompare(y.sessionId))).toEqual(views);
      }
    });

    it('writes only what a save names: other views stay, removed ones go, positions move', async () => {
      const [a, b] = viewsOf(['a', 'Room 1', 97], ['b', 'Room 2', 91]);
      await repository.save(4, positionFromString('17'), [a!, b!], []);
      const [changedA] = viewsOf(['a', 'Room 1', 88]);
      await repository.save(9, positionFromString('30'), [changedA!], ['b']);
      const loaded = await (await reopen()).load();
      expect(loaded).toMatchObject({ position: 9, storePosition: '30' });
      expect(loaded.views).toEqual([changedA]);
    });

    it('keeps what it gives back apart from what the caller holds', async () => {
      const [a] = viewsOf(['a', 'Room 1', 97]);
      await repository.save(2, positionFromString('5'), [a!], []);
      a!.room = 'changed after saving';
      const [loaded] = (await repository.load()).views;
      expect(loaded!.room).toBe('Room 1');
    });
  });
}
