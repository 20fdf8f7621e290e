import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for browser tests, from the system package (CI installs it; nothing is
 * downloaded). A missing browser fails the suite loudly: a browser test that silently skips would
 * let a broken page through.
 */
/** The wall screen's kiosk flag (README "Sound on a wall screen"): audio may start without a click. */
export const AUTOPLAY_FLAG = '--autoplay-policy=no-user-gesture-required';

/** `autoplay: false` launches without the kiosk flag, as an ordinary browser: sound needs a click. */
export async function launchChromium(options: { autoplay?: boolean } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: the browser tests need Chromium. Install it with: apt-get install -y chromium`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      // Alarm sound must be testable without a click having happened first.
      ...(options.autoplay === false ? [] : [AUTOPLAY_FLAG]),
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
