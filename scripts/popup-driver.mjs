// Drives the extension's popup, opened as a tab, the way a participant does.
// Shared by the e2e page object, npm start, the benchmarks and the friction
// fixture recorder. The popup acts on the most recently used web tab when it
// is itself the active tab (lib/sessions/target-tab.ts): bring the product's
// tab to the front before opening it.

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
 * The origins the popup proposes to record (the target tab's, until edited).
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
