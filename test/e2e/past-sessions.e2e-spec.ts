import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, postJson, postReadings, startBuiltApp, type BuiltApp } from '../support/built-app';
import { launchChromium } from '../support/chromium';
import { E2E_STAFF, signInThroughPage, staffHeaders } from '../support/staff-credentials';

// Past sessions (issue 15 item 6): GET /api/v1/sessions lists them with precise 400s, the Sessions
// page lists them, and an ended session opens read-only with its alarms (and who acknowledged
// them), its interventions and its doses.

jest.setTimeout(120_000);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const ENDED = 'past-room-4';
const ACTIVE = 'past-room-5';
const OXIMETER = 'ox-past-1';

type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };

describe('past sessions', () => {
  let app: BuiltApp;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const get = async (path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: staffHeaders(app.url) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const staff = (path: string, body: unknown) => postJson(`${app.url}/api/v1/sessions${path}`, body);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    app = await startBuiltApp();
    const startedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    expect((await staff('', { sessionId: ENDED, room: 'Room 4', patientPseudonym: 'P-0404', clinician: 'Dr Reyes', at: startedAt })).status).toBe(201);
    expect((await staff(`/${ENDED}/devices`, { deviceId: OXIMETER, deviceKind: 'oximeter' })).status).toBe(201);
    expect((await staff(`/${ENDED}/doses`, { route: 'sublingual', doseMg: 50, administeredAt: new Date(Date.now() - 8 * 60_000).toISOString(), by: 'Dr Reyes' })).status).toBe(201);
    // A desaturation posted a second apart, as measured: spo2-critical's condition delay runs on arrival.
    for (let i = 0; i < 13; i++) {
      await postReadings(app, [{ kind: 'oximetry', deviceId: OXIMETER, measuredAt: new Date().toISOString(), spo2: 84, pulseRate: 96 }]);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const alertId = await waitForRaisedAlarm(ENDED);
    expect((await staff(`/${ENDED}/alerts/${encodeURIComponent(alertId)}/acknowledge`, { by: 'nurse Kim' })).status).toBe(201);
    expect((await staff(`/${ENDED}/interventions`, { text: 'Chin lift, oxygen 2 l/min', by: 'nurse Kim' })).status).toBe(201);
    expect((await staff(`/${ENDED}/end`, { by: 'Dr Reyes', reason: 'discharged' })).status).toBe(200);
    expect((await staff('', { sessionId: ACTIVE, room: 'Room 5', patientPseudonym: 'P-0505', clinician: 'Dr Reyes' })).status).toBe(201);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function waitForRaisedAlarm(sessionId: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await get(`/api/v1/sessions/${sessionId}/events?limit=10000`);
      const raised = (body.events as { type: string; data: { alertId: string; ruleId: string } }[]).find((e) => e.type === 'AlertRaised' && e.data.ruleId.startsWith('spo2'));
      if (raised) return raised.data.alertId;
      if (Date.now() > deadline) throw new Error('no SpO2 alarm was raised');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('lists sessions newest first, by status and room, paged', async () => {
    const all = await get('/api/v1/sessions');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect((all.body.sessions as { sessionId: string }[]).map((s) => s.sessionId)).toEqual([ACTIVE, ENDED]);
    const ended = await get('/api/v1/sessions?status=ended');
    expect(ended.body.sessions).toEqual([expect.objectContaining({ sessionId: ENDED, room: 'Room 4', patientPseudonym: 'P-0404', status: 'ended', endedAt: expect.any(String) })]);
    expect((await get('/api/v1/sessions?room=room%205')).body.sessions).toEqual([expect.objectContaining({ sessionId: ACTIVE, status: 'active', endedAt: null })]);
    expect((await get('/api/v1/sessions?limit=1&offset=1')).body).toMatchObject({ total: 2, sessions: [{ sessionId: ENDED }] });
  });

  it('answers 400 naming the field and the reason of each bad parameter', async () => {
    const bad = await get('/api/v1/sessions?status=closed&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'status', message: 'status must be one of active, ended' },
        { field: 'limit', message: 'limit must be at least 1' },
      ]),
    );
    const order = await get('/api/v1/sessions?from=2026-12-02&to=2026-12-01');
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([{ field: 'to', message: 'to must be later than from (from 2026-12-02, to 2026-12-01)' }]);
    const format = await get('/api/v1/sessions?from=yesterday');
    expect(format.body.errors?.[0]?.field).toBe('from');
    expect((await get('/api/v1/sessions?colour=red')).status).toBe(400);
  });

  it('opens an ended session from the Sessions page, read-only, with its alarms, acknowledgements and interventions', async () => {
    await signInThroughPage(page, `${app.url}/#/sessions`);
    const row = page.locator(`#sessions-rows tr[data-session-id="${ENDED}"]`);
    await row.waitFor({ timeout: 15_000 });
    await expect(row.getAttribute('data-status')).resolves.toBe('ended');
    await expect(page.locator(`#sessions-rows tr[data-session-id="${ACTIVE}"]`).getAttribute('data-status')).resolves.toBe('active');
    await page.screenshot({ path: join(ARTIFACTS, 'sessions-list.png'), fullPage: true });

    await row.locator('a').click();
    await page.locator('#detail-readonly:not([hidden])').waitFor({ timeout: 15_000 });
    await expect(page.locator('#detail-title').textContent()).resolves.toMatch(new RegExp(`^Room 4 · P-0404 · Dr Reyes · started .* · ended .* by ${E2E_STAFF.username}$`));
    const alarm = page.locator('#detail-alarm-rows tr').first();
    await expect(alarm.getAttribute('data-priority')).resolves.toBe('high');
    await expect(alarm.locator('.record-ack').textContent()).resolves.toMatch(new RegExp(` by ${E2E_STAFF.username}$`));
    const timeline = (await page.locator('#detail-timeline li').allTextContents()).join('\n');
    expect(timeline).toContain(`${E2E_STAFF.username}: Chin lift, oxygen 2 l/min`);
    expect(timeline).toContain(`Dose 50 mg ketamine sublingual by ${E2E_STAFF.username} (recorded 8 min later)`);
    expect(timeline).toMatch(new RegExp(`Alarm acknowledged by ${E2E_STAFF.username}`));
    expect(timeline).toContain(`Session ended by ${E2E_STAFF.username} (discharged)`);
    // Read-only: no forms to record anything into a closed record.
    await expect(page.locator('#form-dose').isVisible()).resolves.toBe(false);
    await page.waitForFunction(() => document.querySelectorAll('#detail-charts canvas').length >= 2);
    await page.screenshot({ path: join(ARTIFACTS, 'sessions-ended-session.png'), fullPage: true });
  });
});
