// Drives the extension's popup the way a participant does. Shared by the e2e
// page object, npm start, the benchmarks and the friction fixture recorder.
//
// Two ways to open it:
// - openToolbarPopup: Chrome's real toolbar popup (chrome.action.openPopup),
//   sized by its content up to 800x600, acting on the active web tab, and
//   closed by Chrome as soon as another page takes the focus.
// - openPopup: popup.html in a tab, which stays open while the test works in
//   other tabs. It acts on the most recently used web tab when it is itself
//   the active tab (lib/sessions/target-tab.ts): bring the product's tab to
//   the front before opening it.

import { chromium } from 'playwright-core';
import { devToolsPort } from './launch.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Page} Page */

/**
 * Opens popup.html in a new tab and waits until it has rendered.
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<Page>}
 */
export async function openPopup(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.getByRole('heading', { name: 'Study Group' }).waitFor();
  return page;
}

/**
 * Headless Chromium's screen is 800x600, and Chrome keeps a toolbar popup on
 * the screen: it would stop at 510 px instead of its 600 px cap. Launch with
 * this for a laptop's screen, where the popup gets its real size.
 */
export const LAPTOP_SCREEN_ARG = '--screen-info={0,0 1440x900}';

/**
 * Opens Chrome's real toolbar popup, as a click on the extension's button
 * does, and waits until it has rendered. The popup acts on the active tab of
 * the focused window: bring the product's tab to the front first. It closes
 * when another page is brought to the front; open it again to go on.
 *
 * Playwright does not list the popup among the launching context's pages,
 * and a client connected over the DevTools port (launch.mjs passes
 * --remote-debugging-port=0) attaches only to targets that exist when it
 * connects. So each popup gets a client of its own, connected once the popup
 * is there and closed with it. The returned page is a full Playwright page
 * (locators, evaluate, screenshot, downloads).
 * @param {BrowserContext} context
 * @param {{ extensionId: string, profileDir: string, timeout?: number }} options
 * @returns {Promise<Page>}
 */
export async function openToolbarPopup(context, { extensionId, profileDir, timeout = 10_000 }) {
  const url = `chrome-extension://${extensionId}/popup.html`;
  const worker = context
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker)
    throw new Error('The extension’s service worker is not running: openPopup needs it.');
  await worker.evaluate(() => globalThis.chrome.action.openPopup());
  const endpoint = `http://127.0.0.1:${await devToolsPort(profileDir)}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const client = await chromium.connectOverCDP(endpoint);
    const popup = client
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url() === url);
    if (popup) {
      const disconnect = () => void client.close().catch(() => {});
      popup.once('close', disconnect);
      context.once('close', disconnect);
      await popup.getByRole('heading', { name: 'Study Group' }).waitFor({ timeout });
      return popup;
    }
    await client.close();
    if (Date.now() > deadline)
      throw new Error(`The toolbar popup did not open within ${timeout} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What the popup's window measures: its size (Chrome sizes a toolbar popup to
 * its content, at most 800x600), how tall and wide its document is, and
 * whether it shows a scrollbar (a client width narrower than the window), how
 * wide the popup's own content is laid out in it, and which of its boxes
 * scroll inside it or cut their content off.
 * @param {Page} popup
 */
export function popupLayout(popup) {
  return popup.evaluate(() => {
    const root = document.documentElement;
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
      clientWidth: root.clientWidth,
      clientHeight: root.clientHeight,
      contentWidth: document.querySelector('main')?.getBoundingClientRect().width ?? 0,
      // A box that scrolls inside the scrolling popup (a second scrollbar), or one that
      // cuts its text off; form fields scroll their own value and do not count.
      nestedScrollers: describe((style, el) =>
        /auto|scroll/.test(style.overflowY) ? el.scrollHeight > el.clientHeight + 1 : false,
      ),
      clipped: describe((style, el) =>
        /hidden|clip/.test(style.overflowX + style.overflowY)
          ? el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
          : false,
      ),
    };
    /** @param {(style: CSSStyleDeclaration, el: HTMLElement) => boolean} test */
    function describe(test) {
      return [...document.querySelectorAll('main *')]
        .filter((el) => el instanceof HTMLElement && !el.matches('input, textarea, select'))
        .filter((el) => test(getComputedStyle(el), /** @type {HTMLElement} */ (el)))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
  });
}

/**
 * Starts a quick session (no study kit) and waits until it is live. Without
 * `origins` the popup's proposal (the target tab's origin) is kept.
 * @param {Page} popup
 * @param {{ title: string, participant?: string, origins?: string, timeout?: number }} options
 */
export async function startQuickSession(popup, { title, participant, origins, timeout }) {
  await closeSummary(popup);
  await popup.getByLabel('Session title').fill(title);
  if (participant !== undefined) await popup.getByLabel('Participant alias').fill(participant);
  if (origins !== undefined) await popup.getByLabel('Sites to record').fill(origins);
  await popup.getByRole('button', { name: 'Start session' }).click();
  await popup.getByRole('button', { name: 'Stop session' }).waitFor({ timeout });
}

/**
 * After a session ended the popup shows its summary until it is closed, as a
 * participant does before starting another session.
 * @param {Page} popup
 */
export async function closeSummary(popup) {
  const close = popup.getByRole('button', { name: 'Close summary and start another session' });
  await popup.getByLabel('Session title').or(close).first().waitFor();
  if (await close.isVisible()) await close.click();
}

/**
 * The sites the popup proposes to record: the target tab's origin, until edited.
 * @param {Page} popup
 * @returns {Promise<string>}
 */
export function proposedOrigins(popup) {
  return popup.getByLabel('Sites to record').inputValue();
}

/**
 * Stops the live session and waits until the popup no longer shows it live
 * (the pages hand over their last batches on the way).
 * @param {Page} popup
 * @param {{ timeout?: number }} [options]
 */
export async function stopSession(popup, { timeout } = {}) {
  await popup.getByRole('button', { name: 'Stop session' }).click();
  await popup.getByRole('button', { name: 'Stop session' }).waitFor({ state: 'detached', timeout });
}
