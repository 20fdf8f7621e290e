import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, postJson, postReadings, startBuiltApp, type BuiltApp } from '../support/built-app';
import { launchChromium } from '../support/chromium';
import { E2E_STAFF, prepareStaffAccounts, signIn, signInThroughPage } from '../support/staff-credentials';

// Issue 13, item 2 ("Done means": a browser test plays back a recorded session and sees its alarm
// appear at the right moment). A session with a desaturation is recorded through the running app
// (gateway readings, a clinician's acknowledgement, the alarm clearing, the end); an auditor signs
// in through the page, opens it and plays it back: the alarm is on the tile from the moment it was
// recorded and not a second before, acknowledged from its acknowledgement, gone from its clearing.

jest.setTimeout(150_000);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const SESSION = 'playback-room-6';
const OXIMETER = 'ox-playback-1';
const AUDITOR = { username: 'e2e-auditor', password: 'e2e-auditor-password', roles: 'auditor' } as const;

type AlertEvent = { type: string; recordedAt: string; data: { alertId: string; ruleId: string; by?: string } };

describe('playing a recorded session back in the browser', () => {
  let app: BuiltApp;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const cspViolations: string[] = [];
  /** The first SpO₂ alarm's raise, acknowledgement and clearing, as the record holds them. */
  let raised: AlertEvent, acknowledged: AlertEvent, cleared: AlertEvent;
  const staff = (path: string, body: unknown) => postJson(`${app.url}/api/v1/sessions${path}`, body);
  const oximetry = (spo2: number) => [{ kind: 'oximetry' as const, deviceId: OXIMETER, measuredAt: new Date().toISOString(), spo2, pulseRate: spo2 < 90 ? 104 : 74 }];

  async function alertEvents(token: string): Promise<AlertEvent[]> {
    const response = await fetch(`${app.url}/api/v1/audit/sessions/${SESSION}/replay?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { events: AlertEvent[] }).events.filter((event) => event.type.startsWith('Alert'));
  }

  /** Posts one reading a second (as an oximeter measures) until the record holds `what`. */
  async function readUntil<T>(spo2: number, what: string, found: () => Promise<T | undefined>): Promise<T> {
    for (let second = 0; second < 40; second++) {
      await postReadings(app, oximetry(spo2));
      await new Promise((r) => setTimeout(r, 1000));
      const value = await found();
      if (value !== undefined) return value;
    }
    throw new Error(`the record never held ${what}`);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    app = await startBuiltApp();
    await prepareStaffAccounts(app.dataDir, [AUDITOR]);
    const auditorToken = (await signIn(app.url, AUDITOR.username, AUDITOR.password)).token!;
    const startedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    expect((await staff('', { sessionId: SESSION, room: 'Room 6', patientPseudonym: 'P-0606', clinician: 'Dr Reyes', at: startedAt })).status).toBe(201);
    expect((await staff(`/${SESSION}/devices`, { deviceId: OXIMETER, deviceKind: 'oximeter' })).status).toBe(201);
    expect((await staff(`/${SESSION}/doses`, { route: 'sublingual', doseMg: 50, administeredAt: new Date(Date.now() - 8 * 60_000).toISOString() })).status).toBe(201);
    for (let i = 0; i < 3; i++) await postReadings(app, oximetry(97));
    // A desaturation measured a second apart: spo2-critical's condition delay runs on arrival.
    const spo2Alarm = (events: AlertEvent[], type: string) => events.find((e) => e.type === type && e.data.ruleId?.startsWith('spo2'));
    raised = await readUntil(84, 'an SpO₂ alarm', async () => spo2Alarm(await alertEvents(auditorToken), 'AlertRaised'));
    expect((await staff(`/${SESSION}/alerts/${encodeURIComponent(raised.data.alertId)}/acknowledge`, {})).status).toBe(201);
    const ofRaised = async (type: string) => (await alertEvents(auditorToken)).find((e) => e.type === type && e.data.alertId === raised.data.alertId);
    acknowledged = (await ofRaised('AlertAcknowledged'))!;
    expect(acknowledged).toBeDefined();
    cleared = await readUntil(97, 'the SpO₂ alarm cleared', () => ofRaised('AlertCleared'));
    expect((await staff(`/${SESSION}/end`, { reason: 'discharged' })).status).toBe(200);

    page = await browser.context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    // The page must work under its Content-Security-Policy: Chromium reports each violation on the console.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const playbackAt = () => page.locator('#playback-time').getAttribute('data-at');
  const alarmRow = () => page.locator(`#detail-tile .alarm[data-alert-ids~="${raised.data.alertId}"]`);
  const readingsShown = async () => Number(await page.locator('#detail-tile .tile').getAttribute('data-oximetry-readings'));
  const jumpTo = (event: AlertEvent) => page.locator(`#playback-moments button[data-alert-id="${event.data.alertId}"][data-moment="${event.type}"]`).click();
  /** Waits until the page shows the playback at `iso` (a click re-renders at once; this keeps the test free of timing). */
  const shownAt = (iso: string) => page.locator(`#playback-time[data-at="${iso}"]`).waitFor();
  const step = async (name: 'Back 1 second' | 'Forward 1 second', from: string) => {
    await page.getByRole('button', { name, exact: true }).click();
    const to = new Date(Date.parse(from) + (name === 'Back 1 second' ? -1000 : 1000)).toISOString();
    await shownAt(to);
    return to;
  };

  it('opens the ended session for an auditor with the controls and the alarm moments to jump to', async () => {
    await signInThroughPage(page, app.url, AUDITOR);
    await page.evaluate((id) => (location.hash = `#/sessions/${encodeURIComponent(id)}`), SESSION);
    await page.locator('#playback:not([hidden])').waitFor({ timeout: 15_000 });
    for (const name of ['Play 1×', 'Play 10×', 'Play 60×', 'Pause', 'Back 1 second', 'Forward 1 second']) await expect(page.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Playback time').isVisible()).resolves.toBe(true);
    for (const event of [raised, acknowledged, cleared]) {
      await expect(page.locator(`#playback-moments button[data-alert-id="${event.data.alertId}"][data-moment="${event.type}"]`).getAttribute('data-at')).resolves.toBe(event.recordedAt);
    }
    // It starts paused at the first moment of the record: the session just started, no alarm yet.
    await expect(page.locator('#playback-state').getAttribute('data-playing')).resolves.toBe('false');
    await expect(alarmRow().count()).resolves.toBe(0);
  });

  it('shows the alarm from the moment it was raised, not a second before', async () => {
    await jumpTo(raised);
    await shownAt(raised.recordedAt);
    await expect(alarmRow().getAttribute('data-acknowledged')).resolves.toBe('false');
    await expect(page.locator('#detail-tile .vital-spo2 .vital-value').textContent()).resolves.toBe('84');
    const readingsAtRaise = await readingsShown();
    await page.screenshot({ path: join(ARTIFACTS, 'playback-alarm-raised.png'), fullPage: true });

    const before = await step('Back 1 second', raised.recordedAt);
    await expect(alarmRow().count()).resolves.toBe(0);
    expect(await readingsShown()).toBeLessThanOrEqual(readingsAtRaise);
    await step('Forward 1 second', before);
    await expect(alarmRow().count()).resolves.toBe(1);
  });

  it('shows the acknowledgement from its moment, with who acknowledged', async () => {
    await jumpTo(acknowledged);
    await shownAt(acknowledged.recordedAt);
    await expect(alarmRow().getAttribute('data-acknowledged')).resolves.toBe('true');
    await expect(alarmRow().locator('.alarm-state').textContent()).resolves.toContain(`Acknowledged by ${E2E_STAFF.username}`);
    // An auditor replays; the staff's acknowledge button is not offered.
    await expect(alarmRow().locator('.alarm-ack').isVisible()).resolves.toBe(false);
    await step('Back 1 second', acknowledged.recordedAt);
    await expect(alarmRow().getAttribute('data-acknowledged')).resolves.toBe('false');
  });

  it('takes the alarm off the tile from the moment it cleared', async () => {
    await jumpTo(cleared);
    await shownAt(cleared.recordedAt);
    await expect(alarmRow().count()).resolves.toBe(0);
    await expect(page.locator('#detail-tile .vital-spo2 .vital-value').textContent()).resolves.toBe('97');
    await page.screenshot({ path: join(ARTIFACTS, 'playback-alarm-cleared.png'), fullPage: true });
    await step('Back 1 second', cleared.recordedAt);
    await expect(alarmRow().count()).resolves.toBe(1);
  });

  it('plays from before the alarm until it appears, and pauses from the keyboard', async () => {
    await jumpTo(raised);
    await shownAt(raised.recordedAt);
    await page.getByRole('button', { name: 'Back 1 minute', exact: true }).click();
    await expect(alarmRow().count()).resolves.toBe(0);
    const startedAt = Date.parse((await playbackAt())!);
    expect(startedAt).toBeLessThan(Date.parse(raised.recordedAt));
    await page.getByRole('button', { name: 'Play 10×', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#playback-state').getAttribute('data-playing')).resolves.toBe('10');
    await alarmRow().waitFor({ timeout: 30_000 });
    // The alarm came up only once the playback had reached its raise.
    expect(Date.parse((await playbackAt())!)).toBeGreaterThanOrEqual(Date.parse(raised.recordedAt));
    await page.getByRole('button', { name: 'Pause', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.locator('#playback-state[data-playing="false"]').waitFor();
    const pausedAt = await playbackAt();
    await expect(page.getByRole('button', { name: 'Pause', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
    // The slider moves the playback from the keyboard too.
    await page.getByLabel('Playback time').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((paused) => document.querySelector('#playback-time')?.getAttribute('data-at') !== paused, pausedAt);
    await page.screenshot({ path: join(ARTIFACTS, 'playback-playing.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });
});
