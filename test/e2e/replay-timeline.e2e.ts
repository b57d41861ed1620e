import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect } from 'vitest';
import { Overlay } from './pages/overlay';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { test as base } from './support/fixtures';
import { recordOn, waitForRecording } from './support/recording';

interface StoredAnnotation {
  id: string;
  ts: number;
  url: string;
  kind: string;
}

interface StoredSegment {
  id: string;
  url: string;
  startedAt: number;
  lastTs: number;
}

/** Two page loads on the demo product, a tag on each (the second 4.5 s into its page), recorded once per file. */
const test = base.extend('recorded', { scope: 'file' }, async ({ demo, ext }) => {
  const { page, popup } = await recordOn(ext, `${demo.url}/dashboard`, 'Timeline');
  const overlay = await Overlay.attach(ext.context, page);
  await page.waitForTimeout(1_500);
  await overlay.tag({ key: '1', note: 'Which number is today?' });
  await page.waitForTimeout(1_000);
  await page.goto(`${demo.url}/payouts`);
  await waitForRecording(page);
  // Long enough on the second page that 3 s before its tag is on it too.
  await page.waitForTimeout(4_500);
  await overlay.tag({ key: '2', severity: 3, note: 'Export does nothing visible' });
  await page.waitForTimeout(1_500);
  await popup.page.bringToFront();
  await popup.stop();
  // The session's title, to open it by.
  return 'Timeline';
});

/** The slider's numbers: seconds from the session's first recorded moment. */
async function sliderState(review: ReviewPage) {
  const slider = review.page.getByRole('slider', { name: 'Session time' });
  return {
    now: Number(await slider.getAttribute('aria-valuenow')),
    max: Number(await slider.getAttribute('aria-valuemax')),
    text: (await slider.getAttribute('aria-valuetext')) ?? '',
  };
}

describe('a session replays as one timeline', () => {
  beforeAll(async () => {
    await mkdir('test-results', { recursive: true });
  });

  test('spans every page load, plays across the page change, seeks by click, keys and markers', async ({
    ext,
    recorded,
  }) => {
    const segments = await ext.readStore<StoredSegment>('segments', 'startedAt');
    const annotations = await ext.readStore<StoredAnnotation>('annotations', 'ts');
    const [session] = await ext.readStore<{ endedAt: number }>('sessions');
    expect(segments.map((s) => new URL(s.url).pathname)).toEqual(['/dashboard', '/payouts']);
    const payouts = segments[1]!;
    const later = annotations.find((a) => a.url.endsWith('/payouts') && a.kind === 'manual');
    expect(later).toBeTruthy();

    const review = await ReviewPage.open(ext);
    await review.openSession(recorded);
    const start = segments[0]!.startedAt;

    // One timeline from the first page load to the session's end (a still page sends nothing, but shows).
    await expect.poll(async () => (await sliderState(review)).max).toBeGreaterThan(0);
    const { max, now, text } = await sliderState(review);
    expect(max).toBe(Math.round((session!.endedAt - start) / 1_000));
    expect(max).toBeGreaterThan(Math.round((payouts.startedAt - start) / 1_000));
    expect(now).toBe(0);
    expect(text).toContain('/dashboard');
    await expect.poll(() => review.replayText()).toContain('Sales this week');

    // A marker per annotation.
    const markers = review.page.getByTestId('timeline-marker');
    expect(await markers.count()).toBe(annotations.length);
    const laterMarker = review.page.locator(`[data-annotation-id="${later!.id}"]`);
    expect(await laterMarker.textContent()).toContain('Export does nothing visible');

    // Playing crosses the page change by itself.
    await review.page.getByRole('button', { name: '8x' }).click();
    await review.play();
    await expect
      .poll(async () => (await sliderState(review)).text, { timeout: 20_000 })
      .toContain('/payouts');
    await expect.poll(() => review.replayText(), { timeout: 10_000 }).toContain('Export CSV');
    // At 8x it may have played to the end already.
    const pause = review.page.getByRole('button', { name: 'Pause' });
    if ((await pause.count()) > 0) await pause.click();

    // Keys: Home goes back to the first page, arrows move by 5 s.
    const slider = review.page.getByRole('slider', { name: 'Session time' });
    await slider.focus();
    await review.page.keyboard.press('Home');
    await expect.poll(async () => (await sliderState(review)).now).toBe(0);
    await expect.poll(async () => (await sliderState(review)).text).toContain('/dashboard');
    await expect.poll(() => review.replayText()).toContain('Sales this week');
    await review.page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await sliderState(review)).now).toBe(5);
    await review.page.keyboard.press('End');
    await expect.poll(async () => (await sliderState(review)).now).toBe(max);
    await expect.poll(async () => (await sliderState(review)).text).toContain('/payouts');
    await review.page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await sliderState(review)).now).toBe(Math.max(0, max - 5));

    // A click on the bar seeks there: near its start is the first page.
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    await review.page.mouse.click(box.x + 2, box.y + box.height / 2);
    await expect.poll(async () => (await sliderState(review)).text).toContain('/dashboard');
    expect((await sliderState(review)).now).toBeLessThanOrEqual(1);
    await expect.poll(() => review.replayText()).toContain('Sales this week');

    for (const [width, height] of [
      [1280, 800],
      [1440, 900],
    ] as const) {
      await review.page.setViewportSize({ width, height });
      await laterMarker.hover();
      await review.page.screenshot({ path: `test-results/replay-timeline-${width}x${height}.png` });
    }
    expect(await seriousA11yViolations(review.page)).toEqual([]);
    await review.page.close();
  });

  test('choosing an annotation on a later page seeks to 3 s before it, as the list does', async ({
    ext,
    recorded,
  }) => {
    const segments = await ext.readStore<StoredSegment>('segments', 'startedAt');
    const annotations = await ext.readStore<StoredAnnotation>('annotations', 'ts');
    const later = annotations.find((a) => a.url.endsWith('/payouts') && a.kind === 'manual')!;
    const start = segments[0]!.startedAt;

    const review = await ReviewPage.open(ext);
    await review.openSession(recorded);
    await expect.poll(() => review.replayText()).toContain('Sales this week');
    // The marker calls the store's seekTo(ts - 3000, { play: true }), as the annotation list does.
    await review.page.locator(`[data-annotation-id="${later.id}"]`).click();
    await expect.poll(async () => (await sliderState(review)).text).toContain('/payouts');
    await review.page.getByRole('button', { name: 'Pause' }).click();
    const expected = (later.ts - 3_000 - start) / 1_000;
    // Paused right after the seek: at most a moment of play past the target.
    await expect
      .poll(async () => {
        const { now } = await sliderState(review);
        return now >= Math.floor(expected) && now <= Math.ceil(expected) + 1 ? 'near' : now;
      })
      .toBe('near');
    await expect.poll(() => review.replayText()).toContain('Export CSV');

    // A click on the replay plays and pauses it, and the keyboard stays with the review page.
    const surface = review.page.getByTestId('replay-surface');
    await surface.click();
    const button = (name: string) => review.page.getByRole('button', { name, exact: true });
    await expect.poll(() => button('Pause').count()).toBe(1);
    await surface.click();
    await expect.poll(() => button('Play').count()).toBe(1);
    await review.page.keyboard.press('n');
    await expect.poll(() => review.page.getByText('New observation at').count()).toBe(1);
    await review.page.close();
  });
});
