import { describe, expect } from 'vitest';
import { PopupPage } from './pages/popup-page';
import { test } from './support/fixtures';
import { waitForMarker } from './support/recording';

interface StoredSession {
  status: string;
  activeMs: number;
}

describe('a session cut off by a browser restart', () => {
  test('keeps the time it recorded, also on a page nobody touched', async ({ demo, launch }) => {
    const ext = await launch();
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/dashboard`);
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Cut off idle', participant: 'P' });
    await page.bringToFront();
    await waitForMarker(page, 'recording');
    // Idle: after loading, the page itself records nothing more.
    await page.waitForTimeout(17_000);
    await ext.close();

    const again = await launch({ profileDir: ext.profileDir });
    const tab = await again.context.newPage();
    await tab.goto(`${demo.url}/reports`);
    const popup2 = await PopupPage.open(again);
    await popup2.page.getByText('Interrupted').waitFor();
    const [session] = await again.readStore<StoredSession>('sessions');
    expect(session!.status).toBe('interrupted');
    // The page's "still recording" mark every 15 s: at least that much, never more than was lived.
    expect(session!.activeMs).toBeGreaterThanOrEqual(15_000);
    expect(session!.activeMs).toBeLessThanOrEqual(18_000);
    expect(await popup2.stat('elapsed')).toMatch(/^00:1[5-8]/);
  });
});
