import { urgencyRank, wallOrder, type WallSession } from './wall-order';
import { wallLayout } from './wall-layout';

const session = (room: string, alarms: WallSession['alarms'] = []): WallSession => ({ sessionId: room, room, startedAt: '2026-12-01T08:00:00Z', alarms });
const high = { priority: 'high', kind: 'physiological' } as const;
const medium = { priority: 'medium', kind: 'physiological' } as const;
const technical = { priority: 'medium', kind: 'technical' } as const;
const low = { priority: 'low', kind: 'physiological' } as const;

describe('the order of the tiles on the wall', () => {
  const sessions = [session('Room 10'), session('Room 2', [low]), session('Room 9', [technical]), session('Room 20', [medium]), session('Room 17', [high, technical]), session('Room 1')];

  it('ranks high, then medium, then technical, then the rest', () => {
    expect([high, medium, technical, low].map((a) => urgencyRank([a]))).toEqual([0, 1, 2, 3]);
    expect(urgencyRank([technical, high])).toBe(0);
  });

  it('keeps room order (numeric) while every session fits', () => {
    expect(wallOrder(sessions, 16, 'urgency').map((s) => s.room)).toEqual(['Room 1', 'Room 2', 'Room 9', 'Room 10', 'Room 17', 'Room 20']);
  });

  it('puts the urgent first once some do not fit, the rest by room', () => {
    expect(wallOrder(sessions, 4, 'urgency').map((s) => s.room)).toEqual(['Room 17', 'Room 20', 'Room 9', 'Room 1', 'Room 2', 'Room 10']);
  });

  it('keeps room order when the clinic chose it, whatever fits', () => {
    expect(wallOrder(sessions, 4, 'room').map((s) => s.room)).toEqual(['Room 1', 'Room 2', 'Room 9', 'Room 10', 'Room 17', 'Room 20']);
  });
});

describe('the wall grid', () => {
  it('fits 16 sessions as 4×4 on a 1920×1080 wall and on a 1366×768 laptop', () => {
    expect(wallLayout(24, 1920, 1080 - 110)).toEqual({ columns: 4, rows: 4, capacity: 16 });
    expect(wallLayout(16, 1366, 768 - 110)).toEqual({ columns: 4, rows: 4, capacity: 16 });
  });

  it('is as square as it can be for a few sessions', () => {
    expect(wallLayout(2, 1920, 970)).toMatchObject({ columns: 2, rows: 1 });
    expect(wallLayout(5, 1920, 970)).toMatchObject({ columns: 3, rows: 2 });
    expect(wallLayout(0, 1920, 970)).toMatchObject({ columns: 1, rows: 1 });
  });

  it('gives a narrow window fewer columns', () => {
    expect(wallLayout(16, 700, 900)).toEqual({ columns: 2, rows: 4, capacity: 8 });
  });
});
