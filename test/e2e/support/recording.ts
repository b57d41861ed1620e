import type { Page } from 'playwright-core';
import { PopupPage } from '../pages/popup-page';
import { ReviewPage } from '../pages/review-page';
import { readDownload } from './bundle';
import type { ExtensionBrowser } from './extension';

/** The recorder's state, from its marker on <html>; null when no recorder runs in the page. */
export function markerOf(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('data-study-group'));
}

/** Wait until the recorder in the page is in this state. */
export async function waitForMarker(page: Page, state: 'recording' | 'paused') {
  await page.waitForFunction(
    (s) => document.documentElement.getAttribute('data-study-group') === s,
    state,
  );
}

export function waitForRecording(page: Page) {
  return waitForMarker(page, 'recording');
}

/** Open `url`, start a quick session on it from the popup, and wait until the page records. */
export async function recordOn(
  ext: ExtensionBrowser,
  url: string,
  title: string,
): Promise<{ page: Page; popup: PopupPage }> {
  const page = await ext.context.newPage();
  await page.goto(url);
  const popup = await PopupPage.open(ext);
  await popup.start({ title, participant: 'P' });
  await page.bringToFront();
  await waitForRecording(page);
  return { page, popup };
}

/** Stop the session from the popup (the pages hand over their last batch), then export every session. */
export async function stopAndExport(ext: ExtensionBrowser, popup: PopupPage) {
  await popup.page.bringToFront();
  await popup.stop();
  const review = await ReviewPage.open(ext);
  const bundle = await readDownload(await review.exportAll());
  await review.page.close();
  return bundle;
}
