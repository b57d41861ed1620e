import { describe, expect } from 'vitest';
import { ReviewPage } from './pages/review-page';
import { test } from './support/fixtures';
import { recordOn, waitForRecording } from './support/recording';

describe('replay fidelity', () => {
  // /payments styles its title through a constructed stylesheet, as CSS-in-JS
  // libraries do. Only a recorder in the page's own world sees that.
  test('replays styles the page added through the CSSOM', async ({ demo, ext }) => {
    const { page, popup } = await recordOn(ext, `${demo.url}/dashboard`, 'CSSOM');
    await page.goto(`${demo.url}/payments`);
    await waitForRecording(page);
    const live = await page.locator('.payments-title').evaluate((el) => getComputedStyle(el).color);
    expect(live).toBe('rgb(15, 118, 110)');
    await page.waitForTimeout(1_200);
    await popup.page.bringToFront();
    await popup.stop();

    const review = await ReviewPage.open(ext);
    await review.openSession('CSSOM');
    await review.page.getByRole('button', { name: /\/payments/ }).click();
    await review.play(); // the SPA renders after load
    const title = review.replayedPage().locator('.payments-title');
    await title.waitFor({ state: 'attached' });
    await expect
      .poll(() => title.evaluate((el) => getComputedStyle(el).color))
      .toBe('rgb(15, 118, 110)');
  });
});
