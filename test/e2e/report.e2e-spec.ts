import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionStreamNames } from '@vigil/domain';
import { readStreamsMerged, type RecordedEvent } from '@vigil/event-store';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { recordedSessionEvents, storeRecordedSession, T0 } from '../../libs/report/src/testing/recorded-session';
import { ROOT, VigilProcess } from '../support/vigil-process';
import { E2E_STAFF, staffHeaders, staffTokenFor } from '../support/staff-credentials';

// Issue 14 "Done means": the report of a recorded two-hour session, rendered by the built CLI from
// the embedded store, turned into PNGs with pdftoppm (kept in test-artifacts/) and read back with
// pdftotext: the flow sheet, the alarm times and the REMS fields are exactly those in the store.

const ARTIFACTS = join(ROOT, 'test-artifacts');
const CLI = join(ROOT, 'bin', 'vigil.js');
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const hhmmss = (iso: string) => iso.slice(11, 19);
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
};
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pageSize = (pdf: string) => /Page size:\s+([\d.]+ x [\d.]+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1];

describe('session report (PDF) from a recorded two-hour session', () => {
  let dataDir: string;
  let stored: RecordedEvent[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    await storeRecordedSession(store, recordedSessionEvents());
    await storeRecordedSession(store, recordedSessionEvents({ sessionId: 'report-90', endAfterDoseMinutes: 90, omit40MinuteBloodPressure: true }));
    stored = await readStreamsMerged(store, sessionStreamNames('report-2h'));
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const render = (session: string, out: string, ...extra: string[]) =>
    execFileSync(process.execPath, [CLI, 'report', '--session', session, '--data-dir', dataDir, '--out', out, ...extra], {
      env: { ...process.env, VIGIL_CLINIC_NAME: 'Harbour Clinic' },
      stdio: 'pipe',
    });

  it('renders three pages (report, flow sheet, REMS form) whose text carries the flow sheet, alarm times and REMS fields as stored', () => {
    const pdf = join(ARTIFACTS, 'report-2h.pdf');
    render('report-2h', pdf);
    for (const file of readdirSync(ARTIFACTS)) if (/^report-2h-\d+\.png$/.test(file)) rmSync(join(ARTIFACTS, file));
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(ARTIFACTS, 'report-2h')]);
    expect(readdirSync(ARTIFACTS).filter((f) => /^report-2h-\d+\.png$/.test(f))).toHaveLength(3);
    expect(pages(pdf)).toBe(3);
    expect(pageSize(pdf)).toBe('595.28 x 841.89');
    const body = text(pdf);

    expect(body).toContain('Harbour Clinic');
    expect(body).toMatch(/Room\s+Room 2/);
    expect(body).toMatch(/Patient \(pseudonym\)\s+P-0042/);
    expect(body).toMatch(/D1\s+09:10:00\s+esketamine\s+56 mg\s+intranasal/);

    // Flow sheet: every 5-minute row's SpO2 and pulse medians, recomputed here from the stored readings.
    const readings = stored.filter((e) => e.type === 'OximetryObserved' && e.data.sensorOff !== true);
    for (let from = T0; from < T0 + 132 * 60_000; from += 5 * 60_000) {
      const inRow = readings.filter((e) => Date.parse(String(e.data.measuredAt)) >= from && Date.parse(String(e.data.measuredAt)) < from + 5 * 60_000);
      const spo2 = median(inRow.map((e) => e.data.spo2 as number));
      const pulse = median(inRow.map((e) => e.data.pulseRate as number));
      expect(body).toMatch(new RegExp(`${hhmm(from)}\\s+(pre-dose|onset|dissociative|recovery)\\s+${spo2}\\b.*\\s${pulse}\\b`));
    }

    // Alarms: raise, acknowledgement (by whom) and clear times as stored.
    const raised = stored.find((e) => e.type === 'AlertRaised' && e.data.ruleId === 'spo2-low')!;
    const acked = stored.find((e) => e.type === 'AlertAcknowledged')!;
    const cleared = stored.find((e) => e.type === 'AlertCleared' && e.data.ruleId === 'spo2-low')!;
    expect(body).toMatch(new RegExp(`MEDIUM\\s+SpO2 low \\[spo2-low\\]\\s+89 / 92\\s+${hhmmss(String(raised.data.at))}\\s+${hhmmss(String(acked.data.at))} \\(nurse Kim\\)\\s+${hhmmss(String(cleared.data.at))}`));

    // REMS fields, with the reading used and its time.
    expect(body).toMatch(/Prior to administration\s+126\/81 mmHg at 09:05:30 \(4\.5 min before the dose\)/);
    expect(body).toMatch(/About 40 min after administration\s+147\/92 mmHg at 09:50:00 \(40 min after the dose\)/);
    expect(body).toMatch(/Prior to end of the session\s+124\/80 mmHg at 11:10:00/);
    expect(body).toMatch(/Total monitoring time\s+2 h 02 min from the first dose \(09:10:00\) to the end \(11:12:00\)/);
    expect(body).toMatch(/Pulse oximetry monitored\s+yes: valid readings for 98\.\d % of the session/);
    expect(body).toContain('Sedation observed? (yes / no; details)');

    // Verification: the head hash of each of the session's stored chains.
    for (const stream of sessionStreamNames('report-2h')) {
      const head = stored.filter((e) => e.stream === stream).at(-1)!;
      expect(body).toMatch(new RegExp(`Head of ${stream}\\s+${head.metadata.chain.hash}`));
    }
    expect(body).toMatch(/Checkpoint\s+none yet/);
  });

  it('says "not recorded" without a 40-minute blood pressure and flags a session ended after 90 minutes as under 2 hours', () => {
    const pdf = join(ARTIFACTS, 'report-90.pdf');
    render('report-90', pdf, '--paper', 'letter');
    expect(pageSize(pdf)).toBe('612 x 792');
    const body = text(pdf);
    expect(body).toMatch(/About 40 min after administration\s+not recorded \(no blood pressure between 35 and 45 min after the dose\)/);
    expect(body).toMatch(/Total monitoring time\s+1 h 30 min from the first dose .*UNDER 2 h 00 min/);
  });

  it('fails with a message for a session that does not exist', () => {
    expect(() => render('nobody', join(dataDir, 'x.pdf'))).toThrow(/session nobody does not exist/);
  });
});

describe('REMS safeguards and the report over HTTP', () => {
  let app: VigilProcess;
  beforeAll(async () => {
    app = new VigilProcess({ VIGIL_CLINIC_NAME: 'Harbour Clinic' });
    await app.start();
  });
  afterAll(async () => {
    await app.stop();
    app.cleanup();
  });

  it('asks for a confirmation of an esketamine dose without a blood pressure and of an early end, records the reasons and prints them', async () => {
    await app.post('/api/v1/sessions', { sessionId: 'esk-1', room: 'Room 4', patientPseudonym: 'P-7', clinician: 'Dr Reyes' });
    const refused = await app.post('/api/v1/sessions/esk-1/doses', { route: 'intranasal', doseMg: 56, drug: 'esketamine', by: 'Dr Reyes' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'confirmation-required', missing: ['no blood pressure recorded in the 30 minutes before the dose'] } });

    const bad = await app.post('/api/v1/sessions/esk-1/doses', { route: 'intranasal', doseMg: 56, drug: 'esketamine', confirm: { reason: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'confirm.reason' })]));

    const dosed = await app.post('/api/v1/sessions/esk-1/doses', { route: 'intranasal', doseMg: 56, drug: 'esketamine', by: 'Dr Reyes', confirm: { reason: 'manual BP 128/82 on paper' } });
    expect(dosed.status).toBe(201);
    expect(dosed.body.events[0].data).toMatchObject({ drug: 'esketamine', confirmation: { reason: 'manual BP 128/82 on paper' } });

    const early = await app.post('/api/v1/sessions/esk-1/end', { by: 'Dr Reyes' });
    expect(early.status).toBe(409);
    expect(early.body.missing).toEqual([expect.stringMatching(/^observation minimum of 120 min after the dose not reached/), 'no vital signs recorded after the dose']);

    const ended = await app.post('/api/v1/sessions/esk-1/end', { by: 'Dr Reyes', confirm: { reason: 'patient left against advice' } });
    expect(ended.status).toBe(200);

    const response = await fetch(`${app.url}/api/v1/sessions/esk-1/report.pdf`, { headers: staffHeaders(app.url) });
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = join(ARTIFACTS, 'report-safeguards.pdf');
    writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
    const body = text(pdf);
    expect(body).toContain(`confirmed by ${E2E_STAFF.username}: "manual BP 128/82 on paper"`);
    expect(body).toContain(`confirmed by ${E2E_STAFF.username}: "patient left against advice"`);
    expect(body).toMatch(/Prior to administration\s+not recorded/);

    // The CLI against the running server writes the same report.
    const fromCli = join(ARTIFACTS, 'report-safeguards-cli.pdf');
    execFileSync(process.execPath, [CLI, 'report', '--session', 'esk-1', '--url', app.url, '--token', staffTokenFor(app.url)!, '--out', fromCli, '--paper', 'letter'], { stdio: 'pipe' });
    expect(pageSize(fromCli)).toBe('612 x 792');
    expect(text(fromCli)).toContain(`confirmed by ${E2E_STAFF.username}: "patient left against advice"`);

    const day = await app.get(`/api/v1/reports/day?date=${new Date().toISOString().slice(0, 10)}`);
    expect(day.body.sessions).toEqual([
      expect.objectContaining({ sessionId: 'esk-1', drug: 'esketamine', alarms: { high: 0, medium: 0, low: 0 }, reportUrl: '/api/v1/sessions/esk-1/report.pdf', remsMissing: expect.arrayContaining(['BP before administration', 'monitoring under 2 h']) }),
    ]);
  });

  it('records the same findings as warnings for a ketamine session', async () => {
    await app.post('/api/v1/sessions', { sessionId: 'ket-1', room: 'Room 5', patientPseudonym: 'P-8', clinician: 'Dr Reyes' });
    const dosed = await app.post('/api/v1/sessions/ket-1/doses', { route: 'intramuscular', doseMg: 35, by: 'Dr Reyes' });
    expect(dosed.status).toBe(201);
    expect(dosed.body.events[0].data).toMatchObject({ drug: 'ketamine', warnings: ['no blood pressure recorded in the 30 minutes before the dose'] });
    const ended = await app.post('/api/v1/sessions/ket-1/end', { by: 'Dr Reyes' });
    expect(ended.status).toBe(200);
    expect(ended.body.events.at(-1).data.warnings).toEqual([expect.stringMatching(/observation minimum/), 'no vital signs recorded after the dose']);
  });
});
