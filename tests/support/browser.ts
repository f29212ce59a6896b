import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; kiji's tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A headless Chromium with a fresh profile in `profileDir`.
 *
 * @example
 * const browser = await launchChromium(join(tmp, 'chromium'), { viewport: { width: 1100, height: 900 } });
 */
export function launchChromium(profileDir: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, ...opts });
}
