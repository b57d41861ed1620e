import { mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect } from 'vitest';
import { waitForPalette } from './pages/overlay';
import { ReviewPage } from './pages/review-page';
import { seriousA11yViolations } from './support/axe';
import { test } from './support/fixtures';
import { recordOn } from './support/recording';

/** The recorded page loads nothing live, so every beacon request comes from our side. */
const LIVE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";

let nextId = 10;
const el = (tagName: string, attributes: Record<string, string>, childNodes: object[] = []) => ({
  type: 2,
  tagName,
  attributes,
  childNodes,
  id: nextId++,
});
const text = (textContent: string, isStyle = false) => ({
  type: 3,
  textContent,
  id: nextId++,
  ...(isStyle && { isStyle }),
});

/** A bundle crafted to make a replay reach the product and run script. */
function craftedBundle(origin: string) {
  const beacon = (name: string) => `${origin}/beacon/crafted-${name}`;
  const pwn = (how: string) => `document.documentElement.setAttribute('data-pwned', '${how}')`;
  const now = Date.now() - 60_000;
  const node = {
    type: 0,
    id: 1,
    childNodes: [
      { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
      el('html', {}, [
        el('head', {}, [
          el('link', { rel: 'prefetch', href: beacon('prefetch') }),
          el('link', { rel: 'stylesheet', href: beacon('stylesheet') }),
          el('style', {}, [text(`body { background: url(${beacon('css')}); }`, true)]),
          el('script', { src: beacon('script') }),
        ]),
        el('body', { onload: pwn('body-onload') }, [
          el('h1', {}, [text('Crafted bundle')]),
          el('img', { src: beacon('img'), alt: 'x', onerror: pwn('img-onerror') }),
          el('img', { src: 'data:,', alt: 'y', onerror: pwn('data-onerror') }),
          el('input', { type: 'image', src: beacon('input-image'), alt: 'z' }),
          el('video', { poster: beacon('poster'), src: beacon('video') }),
          el('object', { data: beacon('object') }),
          el('embed', { src: beacon('embed') }),
          el('iframe', { src: beacon('iframe') }),
          el('script', {}, [text(`${pwn('script')}; fetch('${beacon('fetch')}')`)]),
        ]),
      ]),
    ],
  };
  const events = [
    { type: 4, data: { href: `${origin}/crafted`, width: 1024, height: 700 }, timestamp: now },
    { type: 2, data: { node, initialOffset: { left: 0, top: 0 } }, timestamp: now + 1 },
  ];
  const session = {
    id: 'crafted-1',
    title: 'Crafted',
    participant: 'Mallory',
    origins: [origin],
    status: 'ended',
    startedAt: now,
    endedAt: now + 1_000,
    activeMs: 1_000,
    endReason: { type: 'user' },
    segments: [{ id: 'crafted-seg', tabId: 1, url: `${origin}/crafted`, startedAt: now, events }],
    timeline: [],
  };
  const bundle = {
    format: 'study-group-bundle',
    version: 1,
    exportedAt: new Date().toISOString(),
    generator: 'test',
    sessions: [session],
  };
  return {
    name: 'crafted.studygroup.json.gz',
    mimeType: 'application/gzip',
    buffer: gzipSync(JSON.stringify(bundle)),
  };
}

describe('reviewing a recording is safe', () => {
  beforeAll(() => mkdir('test-results', { recursive: true }));

  /** Until every replayed image has finished (loaded or refused), so any request has been made. */
  async function settle(review: ReviewPage) {
    await expect
      .poll(() =>
        review
          .replayedPage()
          .locator('img')
          .evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete)),
      )
      .toBe(true);
  }

  test('pictures and replays a recorded page without a request to the product or its scripts', async ({
    sites,
    ext,
  }) => {
    const url = `${sites.site('review-beacons.html')}?csp=${encodeURIComponent(LIVE_CSP)}`;
    const { page, popup } = await recordOn(ext, url, 'Beacons');
    expect(await page.locator('body').getAttribute('data-script-ran-at')).toBe('http:');
    await page.waitForTimeout(1_000);
    // A key press inside the page grants no activeTab: the picture is drawn from the replay.
    await page.keyboard.press('Alt+Shift+F');
    await waitForPalette(page);
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () => (await ext.readStore<{ source: string }>('screenshots')).map((s) => s.source),
        { timeout: 20_000 },
      )
      .toEqual(['replay']);
    await popup.page.bringToFront();
    await popup.stop();
    expect(sites.beacons, 'the picture').toEqual([]);

    const review = await ReviewPage.open(ext);
    await review.openSession('Beacons');
    await expect
      .poll(() => review.replayText(), { timeout: 15_000 })
      .toContain('Product page with images');
    const replayed = review.replayedPage();
    expect(await replayed.locator('img[src*="/beacon/img"]').count()).toBe(1);
    await settle(review);
    // The page's own script ran live (http:) and never in the replay (about:).
    expect(await replayed.locator('body').getAttribute('data-script-ran-at')).toBe('http:');
    expect(sites.beacons, 'the replay').toEqual([]);
    // Extension pages declare their own script policy.
    expect(
      await review.page.evaluate(() => chrome.runtime.getManifest().content_security_policy),
    ).toEqual({ extension_pages: "script-src 'self'; object-src 'none'" });

    await review.page.setViewportSize({ width: 1280, height: 800 });
    await review.page.screenshot({ path: 'test-results/review-sandboxed-player.png' });
    expect(await seriousA11yViolations(review.page)).toEqual([]);
    expect(await seriousA11yViolations(await review.playerFrame())).toEqual([]);
    await review.page.close();
  });

  test('replays a crafted bundle without fetching anything or running its script', async ({
    sites,
    ext,
  }) => {
    const review = await ReviewPage.open(ext);
    const result = await review.importFile(craftedBundle(sites.url));
    expect(result.ok, result.text).toBe(true);
    await review.openSession('Crafted');
    await expect.poll(() => review.replayText(), { timeout: 15_000 }).toContain('Crafted bundle');
    await settle(review);
    const html = review.replayedPage().locator('html');
    expect(await html.getAttribute('data-pwned')).toBeNull();
    // The player runs in an opaque origin: no extension API, no IndexedDB.
    const frame = await review.playerFrame();
    expect(
      await frame.evaluate(() => ({
        origin,
        extensionApi: typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime,
        db: (() => {
          try {
            indexedDB.open('study-group');
            return 'open';
          } catch {
            return 'refused';
          }
        })(),
      })),
    ).toEqual({ origin: 'null', extensionApi: 'undefined', db: 'refused' });
    expect(sites.beacons).toEqual([]);
    await review.page.close();
  });
});
