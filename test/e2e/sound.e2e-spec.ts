import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, postJson, postReadings, startBuiltApp, type BuiltApp } from '../support/built-app';
import { AUTOPLAY_FLAG, launchChromium } from '../support/chromium';
import { signInThroughPage } from '../support/staff-credentials';

// Sound that survives a restart (issue 15 item 5): a wall browser started with the kiosk flag plays
// the alarm tone after a reload without anyone clicking; an ordinary browser shows the full-width
// red SOUND OFF bar until someone clicks.

jest.setTimeout(120_000);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const SESSION = 'sound-room-1';
const OXIMETER = 'ox-sound-1';

type SoundHandle = { vigil: { sound: { state: string; bursts: Record<'high' | 'medium' | 'low', number> } } };
const audioState = (page: Page) => page.evaluate(() => (window as unknown as SoundHandle).vigil.sound.state);
const highBursts = (page: Page) => page.evaluate(() => (window as unknown as SoundHandle).vigil.sound.bursts.high);

describe('sound on the wall', () => {
  let app: BuiltApp;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startBuiltApp();
    const staff = (path: string, body: unknown) => postJson(`${app.url}/api/v1/sessions${path}`, body);
    expect((await staff('', { sessionId: SESSION, room: 'Room 1', patientPseudonym: 'P-0001', clinician: 'Dr Reyes', at: new Date(Date.now() - 5 * 60_000).toISOString() })).status).toBe(201);
    expect((await staff(`/${SESSION}/devices`, { deviceId: OXIMETER, deviceKind: 'oximeter' })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function openWall(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await signInThroughPage(page, app.url);
    // Signing in is a click, which browsers count as the gesture that allows sound: a fresh load
    // (the session cookie keeps the person signed in) is what a wall screen meets after a restart.
    await page.reload();
    await page.locator('#connection[data-status="live"]').waitFor({ timeout: 15_000 });
    return page;
  }

  it(`with ${AUTOPLAY_FLAG}: after a reload, audio runs without a click and the next alarm's tone plays`, async () => {
    const browser = await launchChromium({ autoplay: true });
    try {
      const page = await openWall(browser.context);
      await page.reload();
      await page.locator('#connection[data-status="live"]').waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => (window as unknown as SoundHandle).vigil.sound.state === 'running', undefined, { timeout: 10_000 });
      await expect(page.locator('#sound-off-bar').isHidden()).resolves.toBe(true);
      expect(await highBursts(page)).toBe(0);
      // The next alarm: a desaturation, posted a second apart as measured (spo2-critical after 10 s).
      for (let i = 0; i < 12; i++) {
        await postReadings(app, [{ kind: 'oximetry', deviceId: OXIMETER, measuredAt: new Date().toISOString(), spo2: 84, pulseRate: 96 }]);
        await new Promise((r) => setTimeout(r, 1000));
      }
      await page.locator('.tiles .alarm[data-priority="high"]').waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => (window as unknown as SoundHandle).vigil.sound.bursts.high > 0, undefined, { timeout: 10_000 });
      await expect(audioState(page)).resolves.toBe('running');
      await page.screenshot({ path: join(ARTIFACTS, 'sound-kiosk-alarm-playing.png') });
    } finally {
      await browser.close();
    }
  });

  it('without the flag: the full-width red SOUND OFF bar until a click turns sound on', async () => {
    const browser = await launchChromium({ autoplay: false });
    try {
      const page = await openWall(browser.context);
      const bar = page.locator('#sound-off-bar');
      await expect(bar.isVisible()).resolves.toBe(true);
      await expect(bar.textContent()).resolves.toMatch(/^SOUND OFF — /);
      expect(await audioState(page)).not.toBe('running');
      const box = await bar.evaluate((node) => ({ width: node.getBoundingClientRect().width, page: window.innerWidth, colour: getComputedStyle(node).backgroundColor }));
      expect(box.width).toBe(box.page);
      expect(box.colour).toBe('rgb(227, 38, 31)');
      await page.screenshot({ path: join(ARTIFACTS, 'sound-off-bar.png') });
      // The alarm of the first test is still active: nothing may sound while audio cannot play.
      expect(await highBursts(page)).toBe(0);
      await bar.click();
      await page.waitForFunction(() => (window as unknown as SoundHandle).vigil.sound.state === 'running', undefined, { timeout: 10_000 });
      await bar.waitFor({ state: 'hidden' });
    } finally {
      await browser.close();
    }
  });
});
