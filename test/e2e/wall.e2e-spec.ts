import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, postJson, postReadings, startBuiltApp, type BuiltApp } from '../support/built-app';
import { launchChromium } from '../support/chromium';
import { E2E_STAFF, signInThroughPage, staffHeaders } from '../support/staff-credentials';

// The wall as a ward runs it (issue 15 items 1 and 3), at 1920×1080 with 24 sessions: 16 tiles fit
// without scrolling, every session with an alarm is among them, a bar names the sessions below and
// their worst alarm (also in room order), and one click on a desaturation's row acknowledges both
// of its alarms.

jest.setTimeout(180_000);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const ROOMS = 24;
/** Rooms 19 and 22 desaturate: in room order both would be below the 16 tiles that fit. */
const DESATURATING = new Set([19, 22]);
const sessionOf = (room: number) => `wall-room-${room}`;
const oximeterOf = (room: number) => `ox-wall-${room}`;

describe('the wall at 1920×1080 with 24 sessions', () => {
  let app: BuiltApp;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let posting = true;
  let poster: Promise<void> | undefined;
  const tile = (room: number) => page.locator(`.tiles [data-session-id="${sessionOf(room)}"]`);

  /** A gateway posting one reading per oximeter per second, as measured; the desaturating rooms read 84 %. */
  async function postEverySecond(): Promise<void> {
    while (posting) {
      const measuredAt = new Date().toISOString();
      const readings = Array.from({ length: ROOMS }, (_, i) => ({
        kind: 'oximetry' as const,
        deviceId: oximeterOf(i + 1),
        measuredAt,
        spo2: DESATURATING.has(i + 1) ? 84 : 97,
        pulseRate: 72,
      }));
      await postReadings(app, readings);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    app = await startBuiltApp();
    const startedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    for (let room = 1; room <= ROOMS; room++) {
      const sessionId = sessionOf(room);
      const staff = (path: string, body: unknown) => postJson(`${app.url}/api/v1/sessions${path}`, body);
      expect((await staff('', { sessionId, room: `Room ${room}`, patientPseudonym: `P-${1000 + room}`, clinician: 'Dr Reyes', at: startedAt })).status).toBe(201);
      expect((await staff(`/${sessionId}/devices`, { deviceId: oximeterOf(room), deviceKind: 'oximeter' })).status).toBe(201);
    }
    poster = postEverySecond();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    page.on('pageerror', (error) => {
      throw error;
    });
    await signInThroughPage(page, app.url);
    await page.locator('#connection[data-status="live"]').waitFor({ timeout: 15_000 });
  }, 90_000);

  afterAll(async () => {
    posting = false;
    await poster;
    await browser?.close();
    await app?.stop();
  });

  /** Inside the window without scrolling, above the bar, and its alarm rows inside the tile (not clipped). */
  const fullyVisible = (room: number) =>
    tile(room).evaluate((node) => {
      const box = node.getBoundingClientRect();
      const bar = document.getElementById('overflow-bar');
      const bottom = bar && !bar.hidden ? bar.getBoundingClientRect().top : window.innerHeight;
      const rowsInside = [...node.querySelectorAll('.alarm')].every((row) => row.getBoundingClientRect().bottom <= box.bottom);
      return window.scrollY === 0 && box.top >= 0 && box.bottom <= bottom && box.right <= window.innerWidth && rowsInside;
    });

  it('shows 16 tiles in a 4×4 grid, the desaturating rooms among them, and a bar with the 8 below', async () => {
    await page.locator('.tiles .tile').nth(ROOMS - 1).waitFor({ timeout: 15_000 });
    // Both of a desaturation's alarms: spo2-critical after 10 s, spo2-low after 15 s.
    for (const room of DESATURATING) {
      await page.waitForFunction((id) => document.querySelector(`.tiles [data-session-id="${id}"] .alarm[data-parameter="spo2"]`)?.getAttribute('data-alert-ids')?.split(' ').length === 2, sessionOf(room), {
        timeout: 40_000,
      });
    }
    await page.screenshot({ path: join(ARTIFACTS, 'wall-1920x1080-24-sessions.png') });
    await expect(page.locator('#tiles').getAttribute('data-capacity')).resolves.toBe('16');
    for (const room of DESATURATING) await expect(fullyVisible(room)).resolves.toBe(true);
    const onScreen = await page.locator('.tiles .tile').evaluateAll((nodes) => nodes.filter((n) => n.getBoundingClientRect().bottom <= window.innerHeight - 48).length);
    expect(onScreen).toBe(16);
    // One row per problem: the SpO₂ row is HIGH, with the value now.
    const row = tile(19).locator('.alarm[data-parameter="spo2"]');
    await expect(row.getAttribute('data-priority')).resolves.toBe('high');
    await expect(row.locator('.alarm-text').textContent()).resolves.toMatch(/SpO₂ now 84 % · since /);
    expect(await tile(19).locator('.alarm').count()).toBe(1);
    await expect(page.locator('#overflow-bar').getAttribute('data-count')).resolves.toBe('8');
    await expect(page.locator('#overflow-count').textContent()).resolves.toBe('8 more sessions below · no alarm among them');
  });

  it('keeps room order when asked, and names the off-screen alarms in the bar', async () => {
    await page.check('#room-order');
    await page.waitForFunction(() => document.querySelector('.tiles .tile')?.getAttribute('data-session-id') === 'wall-room-1');
    await expect(fullyVisible(19)).resolves.toBe(false);
    const bar = page.locator('#overflow-alarms li');
    await expect(bar.count()).resolves.toBe(2);
    await expect(page.locator('#overflow-count').textContent()).resolves.toMatch(/^8 more sessions below · worst: HIGH in Room (19|22)$/);
    await expect(bar.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^HIGH Room 19: /), expect.stringMatching(/^HIGH Room 22: /)]));
    await page.screenshot({ path: join(ARTIFACTS, 'wall-room-order-overflow-bar.png') });
    await page.uncheck('#room-order');
    await page.waitForFunction(() => document.querySelector('#overflow-alarms')?.children.length === 0);
  });

  it('acknowledges both alarms of a desaturation with one click on its row, each as its own event', async () => {
    const row = tile(22).locator('.alarm[data-parameter="spo2"]');
    const alertIds = (await row.getAttribute('data-alert-ids'))!.split(' ');
    expect(alertIds).toHaveLength(2);
    await row.locator('button.alarm-ack').click();
    await tile(22).locator('.alarm[data-parameter="spo2"][data-acknowledged="true"]').waitFor({ timeout: 10_000 });
    await expect(row.locator('.alarm-state').textContent()).resolves.toMatch(new RegExp(`^Acknowledged by ${E2E_STAFF.username} · sound paused [12]:\\d\\d$`));
    const response = await fetch(`${app.url}/api/v1/sessions/${sessionOf(22)}/events?limit=10000`, { headers: staffHeaders(app.url) });
    const { events } = (await response.json()) as { events: { type: string; data: { alertId: string; by: string } }[] };
    const acknowledged = events.filter((e) => e.type === 'AlertAcknowledged');
    expect(acknowledged.map((e) => e.data.alertId).sort()).toEqual([...alertIds].sort());
    expect(acknowledged.every((e) => e.data.by === E2E_STAFF.username)).toBe(true);
  });

  it('lists every active alarm across patients in the side panel, and the last 24 h with who acknowledged', async () => {
    await page.click('#alarm-panel-toggle');
    await page.locator('#alarm-panel:not([hidden])').waitFor();
    const active = await page.evaluate(() =>
      [...(window as unknown as { vigil: { connection: { state: { sessions: Map<string, { alarms: { alertId: string }[] }> } } } }).vigil.connection.state.sessions.values()]
        .flatMap((view) => view.alarms.map((a) => a.alertId))
        .sort(),
    );
    expect(active.length).toBeGreaterThanOrEqual(4); // two alarms in each desaturating room
    await page.waitForFunction((n) => document.querySelectorAll('#central-alarms li').length === n, active.length);
    const listed = await page.locator('#central-alarms li').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-alert-id')!).sort());
    expect(listed).toEqual(active);
    // Highest priority first.
    await expect(page.locator('#central-alarms li').first().getAttribute('data-priority')).resolves.toBe('high');
    await expect(page.locator('#central-alarms li').first().textContent()).resolves.toMatch(/^HIGH · Room (19|22) \(P-10(19|22)\) · SpO2 critically low · since /);
    // The history: room 22's alarms acknowledged by the signed-in nurse, still active.
    const history = page.locator('#alarm-history-rows tr', { hasText: 'Room 22' });
    await history.first().waitFor({ timeout: 15_000 });
    await expect(history.count()).resolves.toBe(2);
    for (const text of await history.locator('.history-ack').allTextContents()) expect(text).toMatch(new RegExp(` by ${E2E_STAFF.username}$`));
    await expect(history.locator('.history-cleared').allTextContents()).resolves.toEqual(['active', 'active']);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-alarm-list.png') });
    await page.click('#alarm-panel-close');
  });

  it('scales the 4×4 grid down to a 1366×768 laptop', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    // The page lays the grid out again on resize: rows of the smaller window's height.
    await page.waitForFunction(() => parseFloat(document.getElementById('tiles')!.style.getPropertyValue('--wall-row-height')) < 200);
    await expect(page.locator('#tiles').getAttribute('data-capacity')).resolves.toBe('16');
    for (const room of DESATURATING) await expect(fullyVisible(room)).resolves.toBe(true);
    // The SpO₂ value stays in large type (at least 24 px) on the smaller screen.
    const fontSize = await tile(19).locator('[data-role=spo2]').evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-1366x768.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('names a silent gateway once, with the rooms it served', async () => {
    posting = false;
    await poster;
    const banner = page.locator('#gateway-banner');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(banner.getAttribute('data-gateways')).resolves.toBe(app.gatewayId);
    await expect(banner.textContent()).resolves.toMatch(new RegExp(`^GATEWAY FAULT: Gateway ${app.gatewayId} silent \\d+ s — rooms 1–24$`));
    // The banner takes its line above the grid, and the grid still fits under it.
    for (const room of DESATURATING) await expect(fullyVisible(room)).resolves.toBe(true);
    const lastOnScreen = await page.locator('.tiles .tile').nth(15).evaluate((node) => node.getBoundingClientRect().bottom <= document.getElementById('overflow-bar')!.getBoundingClientRect().top);
    expect(lastOnScreen).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-gateway-outage.png') });
  });
});
