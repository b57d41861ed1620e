import { describe, expect } from 'vitest';
import { INGEST_BUDGET } from '../../lib/sessions/ingest-budget';
import { OptionsPage } from './pages/options-page';
import { Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { readDownload } from './support/bundle';
import { recordOn } from './support/recording';
import { test } from './support/fixtures';

const TOKEN = 'abc123';
const ACCESS = 'xyz';

describe('a hostile page against ingest', () => {
  test('cannot flood storage, and no URL secret reaches the exported bundle', async ({
    sites,
    ext,
  }) => {
    const { page } = await recordOn(
      ext,
      sites.site(`ingest-tokens.html?reset_token=${TOKEN}#access_token=${ACCESS}`),
      'Hostile ingest',
    );
    await page.locator('body[data-done="1"]').waitFor();
    // A tag while the address carries the tokens.
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.tag({ key: '1', note: 'Where is the reset form?' });

    // The flood page forges batches and rewrites megabytes of its own text.
    await page.goto(sites.site('ingest-flood.html'));
    let session = (await ext.dbDump()).sessions[0];
    for (let waited = 0; session?.status !== 'ended' && waited < 60_000; waited += 500) {
      await page.waitForTimeout(500);
      session = (await ext.dbDump()).sessions[0];
    }
    expect(session).toMatchObject({ status: 'ended', endReason: { type: 'over-budget' } });
    const message = (session!.endReason as { message: string }).message;
    expect(message).toMatch(/^Recording stopped: .*far more data than real pages do/);
    // The recorder in the page was told to stop, and the page keeps running.
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-study-group'));
    const sent = Number(await page.locator('body').getAttribute('data-sent'));
    expect(sent).toBeGreaterThan(0);

    // Bounded by the burst plus what the rate lets through meanwhile (and the batch in flight).
    const [stored] = await ext.readStore<{ startedAt: number; endedAt: number }>('sessions');
    const seconds = (stored!.endedAt - stored!.startedAt) / 1000;
    expect(session!.stats.bytes).toBeLessThan(
      INGEST_BUDGET.burstBytes + INGEST_BUDGET.bytesPerSecond * seconds + 4 * 1024 * 1024,
    );

    // The popup says why, as it does for a full disk.
    const popup = await PopupPage.open(ext);
    await popup.page.getByText(message).waitFor();

    // What was saved before stays, and exports without the tokens' values.
    const review = await ReviewPage.open(ext);
    const { text, json } = await readDownload(await review.exportAll());
    const [exported] = json.sessions;
    expect(exported!.segments.map((s) => s.url)).toEqual([
      `${sites.url}/sites/ingest-tokens.html?reset_token=`,
      `${sites.url}/sites/ingest-flood.html`,
    ]);
    expect(exported!.segments[0]!.events.length).toBeGreaterThan(2);
    expect(exported!.timeline.map((t) => t.type)).toEqual(
      expect.arrayContaining(['location', 'request-failed', 'console-error']),
    );
    expect(text).toContain('reset_token=&step=');
    expect(text).toContain('Where is the reset form?');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(ACCESS);
  });

  test('keeps URLs whole once the privacy settings say so', async ({ sites, ext }) => {
    const options = await OptionsPage.open(ext);
    expect(await options.saveKeepFullUrls(true)).toMatch(/^Saved/);
    const tokened = `${sites.site('ingest-tokens.html')}?reset_token=${TOKEN}`;
    const { page, popup } = await recordOn(ext, tokened, 'Full URLs');
    await page.locator('body[data-done="1"]').waitFor();
    await popup.page.bringToFront();
    await popup.stop();
    const segments = await ext.readStore<{ url: string }>('segments');
    expect(segments.map((s) => s.url)).toContain(tokened);
  });
});
