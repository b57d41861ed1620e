import { mkdir, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect } from 'vitest';
import { Overlay, waitForPalette } from './pages/overlay';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { test } from './support/fixtures';
import { recordOn } from './support/recording';

interface StoredAnnotation {
  id: string;
  ts: number;
  tagId: string;
  severity: number;
  note: string;
  url: string;
  segmentId: string | null;
  target: { selector: string; text: string } | null;
}

describe('tagging friction in the page', () => {
  beforeAll(() => mkdir('test-results', { recursive: true }));

  test('tags three frictions with the hotkey: notes, a pinned element, screenshots, right times, focus kept', async ({
    demo,
    ext,
  }) => {
    const { page, popup } = await recordOn(ext, `${demo.url}/payouts`, 'Tagging');
    const overlay = await Overlay.attach(ext.context, page);
    await expect.poll(() => overlay.present()).toBe(true);

    const exportButton = page.getByRole('button', { name: 'Export CSV' });
    const box = (await exportButton.boundingBox())!;
    await exportButton.focus();

    const before = Date.now();
    await overlay.tag({ key: '1' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-csv'); // focus restored
    await overlay.tag({ key: '2', severity: 3, note: 'Export does nothing visible' });
    await overlay.tag({
      key: '4',
      severity: 2,
      pinAt: { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    });
    const after = Date.now();

    const annotations = await ext.readStore<StoredAnnotation>('annotations', 'ts');
    const screenshots = await ext.readStore<{ annotationId: string; source: string }>(
      'screenshots',
    );
    expect(annotations.map((a) => [a.tagId, a.severity])).toEqual([
      ['confused', 1],
      ['stuck', 3],
      ['broken', 2],
    ]);
    expect(annotations[1]!.note).toBe('Export does nothing visible');
    expect(annotations[2]!.target).toMatchObject({ selector: '#export-csv', text: 'Export CSV' });
    for (const a of annotations) {
      expect(a.ts).toBeGreaterThanOrEqual(before);
      expect(a.ts).toBeLessThanOrEqual(after);
      expect(a.url).toBe(`${demo.url}/payouts`);
      expect(a.segmentId).toBeTruthy();
    }
    expect(screenshots.map((s) => s.annotationId).sort()).toEqual(
      annotations.map((a) => a.id).sort(),
    );
    expect(screenshots.every((s) => s.source === 'capture')).toBe(true);

    await popup.page.bringToFront();
    await popup.stop();
    expect(await overlay.present()).toBe(false);

    // None of the overlay's DOM is in the recording: only a blocked, empty host.
    const review = await ReviewPage.open(ext);
    const { text } = await readDownload(await review.exportAll());
    for (const inside of ['What kind of friction?', 'Tag friction', 'sg-palette', 'Point at it']) {
      expect(text.includes(inside), inside).toBe(false);
    }

    // The review page lists the friction with pictures and shows each moment in the replay.
    await review.openSession('Tagging');
    const friction = review.page.getByRole('region', { name: /Friction noted/ });
    await expect.poll(() => friction.getByRole('listitem').count()).toBe(3);
    expect(await friction.innerText()).toContain('Export does nothing visible');
    expect(await friction.getByRole('img').count()).toBe(3);
    await friction.getByRole('button', { name: /Stuck/ }).click();
    await review.waitForReplay();
    await review.page.screenshot({ path: 'test-results/review-friction.png', fullPage: true });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
  });

  test('draws the picture of a tag made without an activeTab grant from the recording', async ({
    demo,
    ext,
  }) => {
    const { page, popup } = await recordOn(ext, `${demo.url}/dashboard`, 'Mouse tagging');
    await page.waitForTimeout(1_500);
    // A key press inside the page reaches the overlay's own listener, not the
    // extension command: like a tag made with the mouse, it grants no activeTab.
    await page.keyboard.press('Alt+Shift+F');
    await waitForPalette(page);
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');

    const slowTag = async () =>
      (await ext.readStore<{ id: string; tagId: string }>('annotations')).find(
        (a) => a.tagId === 'slow',
      );
    await expect.poll(slowTag).toBeDefined();
    const annotation = await slowTag();
    await expect
      .poll(
        async () =>
          (await ext.readStore<{ annotationId: string; source: string }>('screenshots')).find(
            (s) => s.annotationId === annotation!.id,
          )?.source,
        { timeout: 20_000 },
      )
      .toBe('replay');
    const shot = (
      await ext.readStore<{ annotationId: string; data: Uint8Array; mime: string }>('screenshots')
    ).find((s) => s.annotationId === annotation!.id)!;
    const bytes = Buffer.from(Object.values(shot.data));
    expect(shot.mime).toBe('image/jpeg');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect(bytes.length).toBeGreaterThan(10_000); // a page, not a blank frame
    await writeFile('test-results/replay-picture.jpg', bytes);
    await popup.page.bringToFront();
    await popup.stop();
  });
});
