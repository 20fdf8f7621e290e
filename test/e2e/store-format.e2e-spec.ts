import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLegacyStore, type LegacySpec } from '../../libs/event-store-sqlite/src/legacy/testing/write-legacy-store';
import { MAIN, ROOT, VigilProcess } from '../support/vigil-process';

// Issue 9, item 5: the app never misreads a store of the previous layout; it stops, naming the
// command that copies it; the copy starts and shows the same session (docs/streams.md).
jest.setTimeout(60_000);

const CLI = join(ROOT, 'bin', 'vigil.js');
const t = (second: number) => new Date(Date.now() - 3_600_000 + second * 1000).toISOString();
const legacySession: LegacySpec[] = [
  { stream: 'session-old', type: 'SessionStarted', data: { sessionId: 'old', room: 'Room 9', patientPseudonym: 'P-9', clinician: 'Dr A', at: t(0) }, at: t(0) },
  { stream: 'session-old', type: 'DeviceBound', data: { sessionId: 'old', deviceId: 'ox-old', deviceKind: 'oximeter', by: 'nurse B', at: t(1) }, at: t(1) },
  { stream: 'session-old', type: 'OximetryObserved', data: { sessionId: 'old', gatewayId: 'gw', deviceId: 'ox-old', spo2: 97, pulseRate: 70, sensorOff: false, measuredAt: t(2), seq: 1, source: 'decoded' }, at: t(2) },
  { stream: 'session-old', type: 'DeviceUnbound', data: { sessionId: 'old', deviceId: 'ox-old', deviceKind: 'oximeter', by: 'Dr A', at: t(3), reason: 'session-ended' }, at: t(3) },
  { stream: 'session-old', type: 'SessionEnded', data: { sessionId: 'old', by: 'Dr A', at: t(3) }, at: t(3) },
];

describe('a store from the previous layout', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-format-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('stops the start naming the copy command, and starts on the copy with the same session', async () => {
    const oldDir = tempDir();
    const oldFile = join(oldDir, 'events.sqlite');
    writeLegacyStore(oldFile, 2, legacySession);

    const refused = spawnSync(process.execPath, [MAIN], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', VIGIL_DATA_DIR: oldDir, VIGIL_EVENT_STORE: 'sqlite' }, encoding: 'utf8', timeout: 20_000 });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain(`npx vigil store migrate --from ${oldFile} --to <new file>`);

    const newDir = tempDir();
    const summary = JSON.parse(execFileSync(process.execPath, [CLI, 'store', 'migrate', '--from', oldFile, '--to', join(newDir, 'events.sqlite')], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(summary).toMatchObject({ fromFormat: 2, toFormat: 3, events: 5, movedToVitals: 1, movedToAlarms: 0 });

    const app = new VigilProcess({ VIGIL_EVENT_STORE: 'sqlite' }, newDir);
    try {
      await app.start();
      const { body } = await app.get('/api/v1/sessions/old/events');
      expect(body.events.map((e: { type: string; stream: string }) => [e.type, e.stream])).toEqual([
        ['SessionStarted', 'session-old'],
        ['DeviceBound', 'session-old'],
        ['OximetryObserved', 'vitals-old'],
        ['DeviceUnbound', 'session-old'],
        ['SessionEnded', 'session-old'],
      ]);
      expect((await app.get('/api/v1/sessions/old/verify')).body).toMatchObject({ ok: true });
    } finally {
      await app.stop();
    }
    const verified = spawnSync(process.execPath, [CLI, 'verify', '--data-dir', newDir, '--store', 'sqlite'], { encoding: 'utf8' });
    expect(verified.status).toBe(0);
  });
});
