import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect } from 'vitest';
import { Overlay } from './pages/overlay';
import { seriousA11yViolations } from './support/axe';
import type { ExtensionBrowser } from './support/extension';
import { test } from './support/fixtures';
import { kitFile, startKit } from './support/kit-session';
import { recordOn, waitForMarker, waitForRecording } from './support/recording';

const SHOTS = 'test-results/overlay';
const DOCK_KEY = 'sg-overlay-dock';

interface StoredSession {
  id: string;
  activeMs: number;
}

const storedDock = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-study-group'));

async function localStore(ext: ExtensionBrowser, key: string): Promise<unknown> {
  const [worker] = ext.context.serviceWorkers();
  return worker!.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
}

/** Drags the badge by its handle so its top-left corner lands at (x, y). */
async function dragBadgeTo(overlay: Overlay, x: number, y: number) {
  const page = overlay.page;
  const grip = (await overlay.read('.sg-grip'))!;
  const badge = (await overlay.read('.sg-badge'))!;
  const from = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const to = { x: x + (from.x - badge.x), y: y + (from.y - badge.y) };
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

async function axeOnOverlay(ext: ExtensionBrowser, overlay: Overlay) {
  const html = await overlay.snapshotHtml();
  // The badge and the overlay's own styles (contrast is checked against them).
  expect(html).toContain('class="sg-badge');
  expect(html).toMatch(/<style[^>]*>[^<]*\.sg-dock/);
  const page = await ext.context.newPage();
  await page.setContent(
    `<!doctype html><html lang="en"><title>Overlay</title><body>${html}</body></html>`,
  );
  const violations = await seriousA11yViolations(page);
  await page.close();
  return violations;
}

describe('the task panel and badge in the page', () => {
  beforeAll(() => mkdir(SHOTS, { recursive: true }));

  test('fold into the badge, move together by mouse and keyboard, stay put across page loads, show paused and over time', async ({
    demo,
    ext,
  }) => {
    const { page, popup } = await startKit(ext, `${demo.url}/signup`, kitFile(demo.url));
    await page.setViewportSize({ width: 1280, height: 800 });
    const overlay = await Overlay.attach(ext.context, page);

    // Expanded at first: the task in the panel, its position and the clock on the badge.
    await overlay.waitFor('.sg-task', (e) => e?.shown === true);
    expect((await overlay.read('.sg-task-title'))!.text).toContain('Create your account');
    const toggle = await overlay.waitFor('.sg-task-toggle', (e) => e?.shown === true);
    expect(toggle!.text).toMatch(/^Task 1 of 3/);
    expect(toggle!.expanded).toBe('true');
    expect((await overlay.read('.sg-clock'))!.text).toMatch(/^00:0\d \/ 01:00$/);
    expect((await overlay.read('.sg-badge-label'))!.text).toBe('Recording');
    await page.screenshot({ path: `${SHOTS}/panel-1280x800.png` });
    expect(await axeOnOverlay(ext, overlay)).toEqual([]);

    // Folded: the badge names the task instead.
    await overlay.click('.sg-task-toggle');
    await overlay.waitFor('.sg-task', (e) => e?.shown === false);
    const folded = (await overlay.read('.sg-task-toggle'))!;
    expect(folded.text).toMatch(/^Task 1 of 3: Create your account/);
    expect(folded.expanded).toBe('false');
    await page.screenshot({ path: `${SHOTS}/folded-1280x800.png` });

    // Dragged to the top left, it is anchored there and stays there on the next page load.
    await dragBadgeTo(overlay, 120, 90);
    const dragged = (await overlay.read('.sg-badge'))!;
    expect(Math.abs(dragged.x - 120)).toBeLessThanOrEqual(1);
    expect(Math.abs(dragged.y - 90)).toBeLessThanOrEqual(1);
    await expect
      .poll(() => localStore(ext, DOCK_KEY))
      .toMatchObject({ h: 'left', x: 120, v: 'top', y: 90, collapsed: true });
    await page.reload();
    await waitForRecording(page);
    const reloaded = await overlay.waitFor('.sg-badge', (e) => e?.shown === true);
    expect(Math.abs(reloaded!.x - 120)).toBeLessThanOrEqual(1);
    expect(Math.abs(reloaded!.y - 90)).toBeLessThanOrEqual(1);
    expect((await overlay.read('.sg-task'))!.shown).toBe(false);
    // Unfolded near the top, the panel opens below the badge.
    await overlay.click('.sg-task-toggle');
    const below = await overlay.waitFor('.sg-task', (e) => e?.shown === true);
    expect(below!.y).toBeGreaterThan(reloaded!.y + reloaded!.height);
    await page.screenshot({ path: `${SHOTS}/panel-moved-1280x800.png` });

    // Keyboard: arrow keys on the focused handle move it, Home puts it back in its corner.
    await overlay.click('.sg-grip');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    const keyed = (await overlay.read('.sg-badge'))!;
    expect(Math.round(keyed.x - reloaded!.x)).toBe(16);
    expect(Math.round(keyed.y - reloaded!.y)).toBe(64);
    await page.keyboard.press('Home');
    const home = (await overlay.read('.sg-badge'))!;
    expect(Math.round(1280 - home.x - home.width)).toBe(16);
    expect(Math.round(800 - home.y - home.height)).toBe(16);

    // Over "Sign in", the panel lets the page through once the pointer rests on it.
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await signIn.scrollIntoViewIfNeeded();
    const link = (await signIn.boundingBox())!;
    const title = (await overlay.read('.sg-task-title'))!;
    const badgeNow = (await overlay.read('.sg-badge'))!;
    await dragBadgeTo(
      overlay,
      badgeNow.x + (link.x + link.width / 2 - (title.x + title.width / 2)),
      badgeNow.y + (link.y + link.height / 2 - (title.y + title.height / 2)),
    );
    const center = { x: link.x + link.width / 2, y: link.y + link.height / 2 };
    const covering = () =>
      page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName ?? null, center);
    expect(await covering()).toBe('study-group-overlay');
    await page.mouse.move(center.x - 2, center.y);
    await page.mouse.move(center.x, center.y);
    const faded = await overlay.waitFor('.sg-dock', (e) => (e?.opacity ?? 1) < 0.2, 3_000);
    expect(faded!.pointerEvents).toBe('none');
    expect(await covering()).toBe('a');
    await page.screenshot({ path: `${SHOTS}/see-through-1280x800.png` });
    // Leaving its place brings it back.
    await page.mouse.move(20, 20, { steps: 3 });
    await overlay.waitFor('.sg-dock', (e) => e?.opacity === 1);
    await page.keyboard.press('Tab'); // focus is still on the handle: Home again
    await overlay.click('.sg-grip');
    await page.keyboard.press('Home');

    // Paused: said in the page, with how to resume; no tagging meanwhile.
    await popup.page.bringToFront();
    await popup.pause();
    await page.bringToFront();
    await waitForMarker(page, 'paused');
    await overlay.waitFor('.sg-badge-label', (e) => e?.text === 'Paused — not recording');
    expect((await overlay.read('.sg-state-hint'))!.text).toBe(
      'Resume from the Study Group button in the toolbar',
    );
    expect((await overlay.read('.sg-tag-button'))!.shown).toBe(false);
    await page.screenshot({ path: `${SHOTS}/paused-1280x800.png` });
    expect(await axeOnOverlay(ext, overlay)).toEqual([]);
    // A page loaded while paused shows it too.
    await page.reload();
    await waitForMarker(page, 'paused');
    await overlay.waitFor('.sg-badge-label', (e) => e?.text === 'Paused — not recording');
    await popup.page.bringToFront();
    await popup.resume();
    await page.bringToFront();
    await overlay.waitFor('.sg-badge-label', (e) => e?.text === 'Recording');

    // Over the one-minute time box: said in words on the badge.
    const [session] = await ext.readStore<StoredSession>('sessions');
    await ext.writeStore('sessions', [{ ...session, activeMs: 61_000 }]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    await waitForRecording(page);
    const over = await overlay.waitFor(
      '.sg-clock',
      (e) => e?.text.startsWith('Over time') === true,
    );
    expect(over!.text).toMatch(/^Over time · 01:0\d \/ 01:00$/);
    expect((await overlay.read('.sg-badge'))!.className).toContain('is-over');
    await page.screenshot({ path: `${SHOTS}/over-time-1440x900.png` });
    expect(await axeOnOverlay(ext, overlay)).toEqual([]);
    await overlay.click('.sg-task-toggle');
    await overlay.waitFor('.sg-task', (e) => e?.shown === false);
    await page.screenshot({ path: `${SHOTS}/folded-over-time-1440x900.png` });
    expect(await axeOnOverlay(ext, overlay)).toEqual([]);

    // Ending the session forgets where the overlay stood.
    await popup.page.bringToFront();
    await popup.stop();
    await expect.poll(() => localStore(ext, DOCK_KEY)).toBeUndefined();
    expect(await storedDock(page)).toBeNull();
  });

  test('on Swagger UI: a quick session has no task, and the badge keeps its place across loads', async ({
    sites,
    launch,
  }) => {
    const ext = await launch();
    const { page, popup } = await recordOn(ext, sites.swaggerUrl, 'Swagger dock');
    await page.setViewportSize({ width: 1440, height: 900 });
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.waitFor('.sg-badge', (e) => e?.shown === true);
    expect((await overlay.read('.sg-task-toggle'))!.shown).toBe(false);
    expect((await overlay.read('.sg-task'))!.shown).toBe(false);
    // Without a time box the clock shows the time recorded.
    expect((await overlay.read('.sg-clock'))!.text).toMatch(/^00:\d\d$/);
    await dragBadgeTo(overlay, 40, 500);
    await expect
      .poll(() => localStore(ext, DOCK_KEY))
      .toMatchObject({ h: 'left', x: 40, v: 'bottom', collapsed: false });
    await page.reload();
    await waitForRecording(page);
    const badge = await overlay.waitFor('.sg-badge', (e) => e?.shown === true);
    expect(Math.abs(badge!.x - 40)).toBeLessThanOrEqual(1);
    expect(Math.abs(badge!.y - 500)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/swagger-1440x900.png` });
    expect(await axeOnOverlay(ext, overlay)).toEqual([]);
    await popup.page.bringToFront();
    await popup.stop();
  });
});
