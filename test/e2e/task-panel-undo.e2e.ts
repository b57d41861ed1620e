import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect } from 'vitest';
import { Overlay } from './pages/overlay';
import type { ExtensionBrowser } from './support/extension';
import { test } from './support/fixtures';
import { kitFile, startKit } from './support/kit-session';
import { waitForMarker, waitForRecording } from './support/recording';

const SHOTS = 'test-results/overlay';

interface StoredSession {
  tasks: { taskId: string; outcome: string | null; startedAt: number | null }[];
}

const outcomes = async (ext: ExtensionBrowser) =>
  (await ext.readStore<StoredSession>('sessions'))[0]!.tasks.map((t) => t.outcome);

/** What the worker last set the toolbar icon to (chrome.action has no getIcon). */
async function iconShown(ext: ExtensionBrowser): Promise<unknown> {
  const [worker] = ext.context.serviceWorkers();
  return worker!.evaluate(
    async () => (await chrome.storage.session.get('sg-toolbar-icon'))['sg-toolbar-icon'],
  );
}

describe('Done and Give up in the task panel', () => {
  beforeAll(() => mkdir(SHOTS, { recursive: true }));

  test('can be undone for a few seconds, are kept otherwise (also over a page load), and ignore clicks the page forges; the toolbar dot follows recording', async ({
    demo,
    launch,
  }) => {
    const ext = await launch();
    const { page, popup } = await startKit(
      ext,
      `${demo.url}/dashboard`,
      kitFile(demo.url, 'kit-undo'),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => iconShown(ext)).toEqual({ recording: true });
    const overlay = await Overlay.attach(ext.context, page);
    await overlay.waitFor('.sg-task', (e) => e?.shown === true);
    await page.waitForTimeout(500);

    // Done, then Undo: the task is current again and nothing of it is stored.
    await overlay.click('.sg-task .sg-row button');
    await expect.poll(() => outcomes(ext)).toEqual(['done', null, null]);
    const undo = await overlay.waitFor('.sg-undo', (e) => e?.shown === true);
    expect(undo!.text).toContain('Marked done');
    await page.screenshot({ path: `${SHOTS}/undo-1280x800.png` });
    // As a person reacts: a press on a button that only just appeared is taken as a stray one.
    await page.waitForTimeout(500);
    await overlay.click('.sg-undo-button');
    await expect.poll(() => outcomes(ext)).toEqual([null, null, null]);
    const [undone] = await ext.readStore<StoredSession>('sessions');
    expect(undone!.tasks[1]!.startedAt).toBeNull();
    await overlay.waitFor(
      '.sg-task-title',
      (e) => e?.text.includes('Create your account') === true,
    );

    // Done, not undone: kept once the few seconds are over, and Undo is gone.
    await page.waitForTimeout(500);
    await overlay.click('.sg-task .sg-row button');
    await expect.poll(() => outcomes(ext)).toEqual(['done', null, null]);
    await overlay.waitFor('.sg-undo', (e) => e?.shown === false, 8_000);
    await page.keyboard.press('Escape'); // skips the ease question
    expect(await outcomes(ext)).toEqual(['done', null, null]);

    // Give up, then the page goes away within the undo window: the outcome is not lost.
    await overlay.waitFor(
      '.sg-task-title',
      (e) => e?.text.includes('Find your next payout') === true,
    );
    await page.waitForTimeout(500);
    await overlay.click('.sg-task .sg-row button.sg-secondary');
    await overlay.waitFor('.sg-undo', (e) => e?.text.includes('Marked as given up') === true);
    await page.goto(`${demo.url}/payouts`);
    await waitForRecording(page);
    await page.waitForTimeout(6_000);
    expect(await outcomes(ext)).toEqual(['done', 'gave-up', null]);

    // The page forges clicks on Done at its place, on the overlay's host and by key: nothing ends.
    const done = await overlay.waitFor('.sg-task .sg-row button', (e) => e?.shown === true);
    const at = { x: done!.x + done!.width / 2, y: done!.y + done!.height / 2 };
    await page.evaluate(({ x, y }) => {
      const hit = document.elementFromPoint(x, y) as HTMLElement;
      hit.click();
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
        hit.dispatchEvent(
          new MouseEvent(type, {
            bubbles: true,
            composed: true,
            clientX: x,
            clientY: y,
            detail: 1,
          }),
        );
      }
      hit.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
      );
    }, at);
    await page.waitForTimeout(1_000);
    expect(await outcomes(ext)).toEqual(['done', 'gave-up', null]);

    // The toolbar dot: off while paused, on again on resume, off once stopped.
    await popup.page.bringToFront();
    await popup.pause();
    await expect.poll(() => iconShown(ext)).toEqual({ recording: false });
    await popup.resume();
    await expect.poll(() => iconShown(ext)).toEqual({ recording: true });
    await page.bringToFront();
    await waitForMarker(page, 'recording');
    await popup.page.bringToFront();
    await popup.stop();
    await expect.poll(() => iconShown(ext)).toEqual({ recording: false });
  });
});
