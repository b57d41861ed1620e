import { describe, expect } from 'vitest';
import { OptionsPage } from './pages/options-page';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { waitForRecording } from './support/recording';

describe('privacy settings and accessibility', () => {
  test('rejects an invalid selector and applies saved block/mask selectors to the recording', async ({
    demo,
    ext,
  }) => {
    const options = await OptionsPage.open(ext);
    expect(await options.savePrivacy(['div['], [])).toMatch(/Not a valid CSS selector: div\[/);
    expect(await options.savePrivacy(['.card-accent'], ['.stat-meta'])).toMatch(/Saved/);
    expect(await seriousA11yViolations(options.page)).toEqual([]);

    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    expect(await seriousA11yViolations(popup.page)).toEqual([]);
    await popup.start({ title: 'Private', participant: 'P' });
    expect(await seriousA11yViolations(popup.page)).toEqual([]);
    await page.bringToFront();
    await page.reload();
    await waitForRecording(page);
    await page.waitForTimeout(1_200);
    await popup.page.bringToFront();
    await popup.stop();

    const review = await ReviewPage.open(ext);
    const { text } = await readDownload(await review.exportAll());
    expect(text).toContain('Sales this week'); // ordinary text is recorded
    expect(text).not.toContain('2,418.60'); // inside the blocked .card-accent
    expect(text).not.toContain('Arrives Fri'); // masked .stat-meta text
    expect(text).toContain('card-accent'); // the blocked element stays as an empty box

    await review.openSession('Private');
    expect(await seriousA11yViolations(review.page)).toEqual([]);
  });
});
