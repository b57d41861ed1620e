import { describe, expect } from 'vitest';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { test } from './support/fixtures';
import { markerOf, waitForMarker } from './support/recording';

describe('session lifecycle in real Chromium', () => {
  test('pauses (nothing recorded) and resumes into a new segment', async ({ demo, launch }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Pausing', participant: 'P' });
    await waitForMarker(page, 'recording');
    await popup.pause();
    await waitForMarker(page, 'paused');
    const before = (await ext.dbDump()).sessions[0]!.stats.events;
    await page.bringToFront();
    await page.goto(`${demo.url}/settings`); // a page loaded while paused is not recorded
    await waitForMarker(page, 'paused');
    await page.locator('#phone').fill('555');
    await page.waitForTimeout(1_500);
    const paused = await ext.dbDump();
    expect(paused.sessions[0]!.stats.events).toBe(before);
    expect(paused.segments.some((s) => s.url.endsWith('/settings'))).toBe(false);
    await popup.page.bringToFront();
    await popup.resume();
    await waitForMarker(page, 'recording');
    await page.waitForTimeout(1_500);
    await popup.stop();
    const dump = await ext.dbDump();
    expect(dump.segments.map((s) => new URL(s.url).pathname).sort()).toEqual([
      '/dashboard',
      '/settings',
    ]);
    expect(await markerOf(page)).toBeNull();
  });

  test('shows a session cut off by a browser restart as interrupted, with its data, and ends or resumes it', async ({
    demo,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Cut off', participant: 'P' });
    await page.bringToFront();
    await waitForMarker(page, 'recording');
    await page.goto(`${demo.url}/payouts`);
    await waitForMarker(page, 'recording');
    await page.waitForTimeout(1_500);
    const saved = await ext.dbDump();
    await ext.close(); // the browser goes away mid-session

    const again = await launch({ profileDir: ext.profileDir });
    const tab = await again.context.newPage();
    await tab.goto(`${demo.url}/reports`);
    expect(await markerOf(tab)).toBeNull(); // nothing injected after a restart until resumed
    const popup2 = await PopupPage.open(again);
    await popup2.page.getByText('Interrupted').waitFor();
    await popup2.page.getByText(/browser closed while this session was recording/).waitFor();
    const dump = await again.dbDump();
    expect(dump.sessions[0]!.status).toBe('interrupted');
    expect(dump.sessions[0]!.stats).toEqual(saved.sessions[0]!.stats);
    expect(dump.chunkKeys.length).toBe(saved.chunkKeys.length);

    await popup2.resume(); // continues in the current web tab, injected there at once
    await tab.bringToFront();
    await waitForMarker(tab, 'recording');
    await tab.waitForTimeout(1_500);
    await popup2.page.bringToFront();
    await popup2.stop();
    const final = await again.dbDump();
    expect(final.sessions[0]!.status).toBe('ended');
    expect(final.segments.map((s) => new URL(s.url).pathname)).toContain('/reports');
    expect(final.sessions[0]!.stats.pages).toBe(saved.sessions[0]!.stats.pages + 1);
  });

  // Chromium's DevTools quota override does not reach the service worker's
  // IndexedDB writes, so the full-disk path itself is covered by
  // test/lib/sessions/session-service.test.ts; here the popup's side of it.
  test('tells the user in the popup when a session stopped because storage was full', async ({
    demo,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    await ext.writeStore('sessions', [
      {
        id: 'full',
        title: 'Full disk',
        participant: 'P',
        origins: ['http://127.0.0.1'],
        tabIds: [],
        status: 'ended',
        startedAt: Date.now() - 60_000,
        endedAt: Date.now(),
        activeMs: 60_000,
        runStartedAt: null,
        endReason: {
          type: 'storage-full',
          message: 'Recording stopped: the browser has no storage space left.',
        },
        stats: { bytes: 1, events: 1, pages: 1 },
      },
    ]);
    const popup = await PopupPage.open(ext);
    await popup.page.getByText(/Full disk.*no storage space left/).waitFor();
    await popup.closeSummary();
    await popup.page.getByText(/Full disk.*no storage space left/).waitFor();
    await popup.page.getByRole('button', { name: 'Start session' }).waitFor();
    const review = await ReviewPage.open(ext);
    await review.page.getByText('Stopped: storage full').waitFor();
  });

  test('deletes a session only after confirmation', async ({ demo, launch }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Disposable', participant: 'P' });
    await page.bringToFront();
    await waitForMarker(page, 'recording');
    await page.waitForTimeout(1_200);
    await popup.page.bringToFront();
    await popup.stop();
    const review = await ReviewPage.open(ext);
    await review.openSession('Disposable');
    await review.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await review.page.getByRole('button', { name: 'Cancel' }).click();
    expect((await ext.dbDump()).sessions).toHaveLength(1);
    await review.deleteSession('Disposable');
    const dump = await ext.dbDump();
    expect(dump.sessions).toHaveLength(0);
    expect(dump.chunkKeys).toHaveLength(0);
    expect(dump.segments).toHaveLength(0);
  });

  test('deletes a session that is still recording by stopping it first: the page stops, the badge clears', async ({
    demo,
    launch,
  }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Still live', participant: 'P' });
    await page.bringToFront();
    await waitForMarker(page, 'recording');
    await page.waitForTimeout(1_200);
    const review = await ReviewPage.open(ext);
    await review.deleteSession('Still live');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-study-group'));
    const worker = ext.context.serviceWorkers()[0]!;
    expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    expect(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    const dump = await ext.dbDump();
    expect(dump.sessions).toHaveLength(0);
    expect(dump.chunkKeys).toHaveLength(0);
  });
});
