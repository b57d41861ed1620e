import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { COVER_COLOR } from '../../lib/annotations/cover';
import { OptionsPage } from './pages/options-page';
import { Overlay } from './pages/overlay';
import type { ExtensionBrowser } from './support/extension';
import { test } from './support/fixtures';
import { recordOn } from './support/recording';
import type { TestSites } from './support/sites';

interface StoredAnnotation {
  id: string;
  kind: 'manual' | 'auto';
  detector: string | null;
  tagId: string | null;
  ts: number;
  target: { selector: string; text: string } | null;
}
interface StoredScreenshot {
  annotationId: string;
  source: string;
  data: Uint8Array;
}
type Rgb = [number, number, number];

const center = async (page: Page, selector: string) => {
  const box = (await page.locator(selector).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Mean colour and largest distance from `expected` over the inside of each box of the JPEG. */
function colorsIn(page: Page, jpeg: number[], boxes: Record<string, DOMRect>, expected: Rgb) {
  return page.evaluate(
    async ({ jpeg, boxes, expected }) => {
      const bitmap = await createImageBitmap(
        new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }),
      );
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const scale = bitmap.width / window.innerWidth;
      const out: Record<string, { mean: number[]; maxDistance: number }> = {};
      for (const [name, b] of Object.entries(boxes)) {
        // 4 px in from the edges, where JPEG blocks blur the border.
        const x = Math.round((b.x + 4) * scale);
        const y = Math.round((b.y + 4) * scale);
        const w = Math.round((b.width - 8) * scale);
        const h = Math.round((b.height - 8) * scale);
        const { data } = context.getImageData(x, y, w, h);
        const sum = [0, 0, 0];
        let maxDistance = 0;
        for (let i = 0; i < data.length; i += 4) {
          const px = [data[i]!, data[i + 1]!, data[i + 2]!];
          px.forEach((v, c) => (sum[c]! += v));
          maxDistance = Math.max(maxDistance, ...px.map((v, c) => Math.abs(v - expected[c]!)));
        }
        out[name] = { mean: sum.map((v) => Math.round(v / (data.length / 4))), maxDistance };
      }
      return out;
    },
    { jpeg, boxes, expected },
  );
}

const hex = (color: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as Rgb;

describe('the overlay on a hostile page', () => {
  const manual = async (ext: ExtensionBrowser) =>
    (await ext.readStore<StoredAnnotation>('annotations', 'ts')).filter((a) => a.kind === 'manual');

  /** Records `file` in a quick session for `run`, stopped afterwards whatever happens. */
  async function recording(
    { sites, ext }: { sites: TestSites; ext: ExtensionBrowser },
    file: string,
    title: string,
    run: (page: Page, overlay: Overlay) => Promise<void>,
  ) {
    const { page, popup } = await recordOn(ext, sites.site(file), title);
    try {
      const overlay = await Overlay.attach(ext.context, page);
      await expect.poll(() => overlay.present()).toBe(true);
      await run(page, overlay);
    } finally {
      await popup.page.bringToFront();
      await popup.stop();
      await popup.close();
      await page.close();
    }
  }

  test.beforeAll(async ({ ext }) => {
    // The user's own selectors, which the recorder gets in its hello answer.
    const options = await OptionsPage.open(ext);
    expect(await options.savePrivacy(['.user-blocked'], ['.user-private'])).toMatch(/Saved/);
    await options.page.close();
  });

  test('saves no tag from forged keys and clicks, even after the participant pressed the real hotkey', ({
    sites,
    ext,
  }) =>
    recording({ sites, ext }, 'overlay-hostile.html', 'Hostile', async (page, overlay) => {
      // The real hotkey once: it grants activeTab, so a forged save would get a real screenshot.
      await overlay.openPalette();
      await page.keyboard.press('Escape');
      const rounds = await page.evaluate(
        () => (window as unknown as { forgedRounds: number }).forgedRounds,
      );
      await page.waitForFunction(
        (from) => (window as unknown as { forgedRounds: number }).forgedRounds >= from + 4,
        rounds,
      );

      // The participant points for real while the page forges clicks at its lure.
      await overlay.tag({
        key: '1',
        pinAt: await center(page, '#buy'),
        whilePointing: () =>
          page.evaluate(() => (window as unknown as { forgeClicks(): void }).forgeClicks()),
      });

      // The participant's tag is the only one, and it is pinned where they clicked.
      await expect
        .poll(async () => (await manual(ext)).length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      const tags = await manual(ext);
      expect(tags.map((a) => [a.tagId, a.target?.selector])).toEqual([['confused', '#buy']]);
      const screenshots = await ext.readStore<StoredScreenshot>('screenshots');
      expect(screenshots.map((s) => [s.annotationId, s.source])).toEqual([
        [tags[0]!.id, 'capture'],
      ]);
    }));

  test('pinning an element is no click on the page: no dead click', ({ sites, ext }) =>
    recording({ sites, ext }, 'overlay-private.html', 'Pin', async (page, overlay) => {
      const noop = await center(page, '#noop');
      await overlay.tag({ key: '4', pinAt: noop });
      // The control: a real click on the same button, which does nothing, is a dead click.
      const clickedAt = Date.now();
      await page.mouse.click(noop.x, noop.y);
      // A click is dead once later events show the page still has not answered:
      // the participant moves on.
      let step = 0;
      const deadClicks = async () => {
        step += 1;
        await page.mouse.move(noop.x + 300 + (step % 2) * 40, noop.y + 300);
        return (await ext.readStore<StoredAnnotation>('annotations', 'ts')).filter(
          (a) => a.detector === 'dead-click',
        );
      };
      await expect
        .poll(async () => (await deadClicks()).length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      const found = await deadClicks();
      expect(found).toHaveLength(1);
      expect(found[0]!.ts).toBeGreaterThanOrEqual(clickedAt - 50);
      expect((await manual(ext)).at(-1)?.target).toMatchObject({
        selector: '#noop',
        text: 'Does nothing',
      });
    }));

  test('a pinned field, editable, blocked or masked element stores no text', ({ sites, ext }) =>
    recording({ sites, ext }, 'overlay-private.html', 'Pin private', async (page, overlay) => {
      const before = (await manual(ext)).length;
      const pins = [
        '#masked',
        '#inside-secret',
        '#user-masked',
        '#user-blocked',
        '#wrapper',
        '#editor',
        '#typed',
      ];
      for (const selector of pins) {
        await overlay.tag({ key: '1', pinAt: await center(page, selector) });
      }
      await expect.poll(async () => (await manual(ext)).length - before).toBe(pins.length);
      const targets = (await manual(ext)).slice(before).map((a) => a.target);
      expect(targets.map((t) => t?.text)).toEqual(['', '', '', '', 'Visible words', '', '']);
      // Pinned inside a blocked element: the box the recording holds, named without its attributes.
      expect(targets[1]!.selector).not.toMatch(/secret/i);
      expect(JSON.stringify(targets)).not.toMatch(/secret/i);
    }));

  test("paints over typed, blocked and masked boxes in the tag's screenshot", ({ sites, ext }) =>
    recording({ sites, ext }, 'overlay-private.html', 'Picture', async (page, overlay) => {
      await page.locator('#typed').click();
      await page.keyboard.type('4242');
      await overlay.tag({ key: '2' });
      const tag = (await manual(ext)).at(-1)!;
      await expect
        .poll(async () =>
          (await ext.readStore<StoredScreenshot>('screenshots')).some(
            (s) => s.annotationId === tag.id,
          ),
        )
        .toBe(true);
      const shot = (await ext.readStore<StoredScreenshot>('screenshots')).find(
        (s) => s.annotationId === tag.id,
      )!;
      expect(shot.source).toBe('capture');
      const boxes = await page.evaluate(() =>
        Object.fromEntries(
          ['panel', 'typed', 'blocked-secret-id', 'user-blocked', 'masked'].map((id) => [
            id,
            document.getElementById(id)!.getBoundingClientRect().toJSON() as DOMRect,
          ]),
        ),
      );
      const cover = hex(COVER_COLOR);
      const colors = await colorsIn(page, Object.values(shot.data), boxes, cover);
      // Uniformly the cover's colour: no typed green, no blocked red, no text.
      for (const name of ['typed', 'blocked-secret-id', 'user-blocked', 'masked']) {
        expect(colors[name]!.maxDistance, name).toBeLessThan(24);
      }
      // The rest of the page is still in the picture.
      expect(colors.panel!.mean[2]).toBeGreaterThan(200);
      expect(colors.panel!.mean[0]).toBeLessThan(60);
    }));
});
