import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { findChrome } from '../../scripts/find-chrome.mjs';
import { FindingsBoardPage } from './pages/findings-board';
import { seriousA11yViolations } from './support/axe';
import { readDownload } from './support/bundle';
import { ReviewPage } from './pages/review-page';
import { test as base } from './support/fixtures';

// A recorded page whose snapshot carries payloads that would set a flag,
// log and open a dialog if anything of it ran in the offline replay.
const ORIGIN = 'http://127.0.0.1:4173';
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const PAYLOAD = "window.top.__pwned = 'X'; console.log('PWNED X'); alert('PWNED X')";
const payload = (what: string) => PAYLOAD.replaceAll('X', what);

let nextId = 100;
const el = (tagName: string, attributes: Record<string, string>, childNodes: object[] = []) => ({
  type: 2,
  tagName,
  attributes,
  childNodes,
  id: nextId++,
});
const text = (textContent: string, id = nextId++) => ({ type: 3, textContent, id });

function hostileSession(id: string, participant: string, start: number, tagAt: number) {
  nextId = 100;
  const snapshot = {
    type: 0,
    id: 1,
    childNodes: [
      {
        type: 2,
        tagName: 'html',
        attributes: {},
        id: 2,
        childNodes: [
          el('head', {}, [el('script', {}, [text(payload('script'))])]),
          el('body', {}, [
            el('h1', {}, [text(`Payouts of ${participant}`)]),
            el('p', { id: 'clock' }, [text('tick 0', 50)]),
            el('img', { src: 'x', onerror: payload('img') }),
            el('a', { id: 'evil', href: `javascript:${payload('link')}` }, [text('Open payout')]),
            el('iframe', { srcdoc: `<script>${payload('srcdoc')}</script>` }),
            el('svg', { onload: payload('svg') }),
          ]),
        ],
      },
    ],
  };
  const events: object[] = [
    { type: 4, timestamp: start, data: { href: `${ORIGIN}/payouts`, width: 1000, height: 600 } },
    { type: 2, timestamp: start + 1, data: { node: snapshot, initialOffset: { left: 0, top: 0 } } },
  ];
  for (let s = 1; s <= 60; s++) {
    events.push({
      type: 3,
      // Between seconds: a seek to a whole second shows that second's tick.
      timestamp: start + s * 1_000 - 500,
      data: {
        source: 0,
        texts: [{ id: 50, value: `tick ${s}` }],
        attributes: [],
        removes: [],
        adds: [],
      },
    });
  }
  const note = `Where is the date? </script><img src=x onerror="${payload('note')}">`;
  return {
    id,
    title: `Payouts (${participant})`,
    participant,
    origins: [ORIGIN],
    status: 'ended',
    startedAt: start,
    endedAt: start + 60_000,
    activeMs: 60_000,
    endReason: { type: 'user' },
    segments: [{ id: `${id}-seg`, tabId: 1, url: `${ORIGIN}/payouts`, startedAt: start, events }],
    timeline: [],
    annotations: [
      {
        id: `${id}-tag`,
        kind: 'manual',
        ts: start + tagAt,
        url: `${ORIGIN}/payouts`,
        tabId: 1,
        segmentId: `${id}-seg`,
        tagId: 'confused',
        detector: null,
        severity: 2,
        note,
        target: null,
        evidence: null,
        dedupeKey: null,
        screenshot: null,
      },
    ],
  };
}

const bundle = {
  format: 'study-group-bundle',
  version: 1,
  exportedAt: new Date(T0).toISOString(),
  generator: 'offline-replay e2e',
  sessions: [
    hostileSession('ana', 'Ana', T0, 30_000),
    hostileSession('ben', 'Ben', T0 + 600_000, 40_000),
  ],
};

/** What an offline replay opened from disk did: requests tried, console lines, dialogs. */
interface Opened {
  page: Page;
  requests: string[];
  console: string[];
  dialogs: string[];
}

const test = base.extend('review', { scope: 'file' }, async ({ ext }) => {
  // No save dialog in automation: the export falls back to a streamed Blob download.
  await ext.context.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const review = await ReviewPage.open(ext);
  const result = await review.importFile({
    name: 'hostile.studygroup.json.gz',
    mimeType: 'application/gzip',
    buffer: gzipSync(JSON.stringify(bundle)),
  });
  expect(result.ok, result.text).toBe(true);
  return review;
});

describe('the offline replay', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-offline-'));
    // Someone else's browser, without the extension, offline.
    browser = await chromium.launch({
      executablePath: findChrome(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(() => browser?.close());

  async function openFromDisk(path: string): Promise<Opened> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      offline: true,
    });
    const opened: Opened = {
      page: await context.newPage(),
      requests: [],
      console: [],
      dialogs: [],
    };
    context.on('request', (r) => opened.requests.push(r.url()));
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    opened.page.on('console', (m) => opened.console.push(m.text()));
    opened.page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await opened.page.goto(`file://${path}`);
    return opened;
  }

  const replayed = (page: Page) => page.frameLocator('.replayer-wrapper iframe');
  const shownTime = (page: Page) => page.locator('#sg-time').innerText();
  const seconds = (time: string) => {
    const [m, s] = time.split(' / ')[0]!.split(':').map(Number);
    return m! * 60 + s!;
  };

  async function expectInert(opened: Opened) {
    const { page } = opened;
    // rrweb's frame: sandboxed without scripts, under the file's CSP.
    const sandbox = await page.locator('.replayer-wrapper iframe').getAttribute('sandbox');
    expect(sandbox).not.toBeNull();
    expect(sandbox).not.toContain('allow-scripts');
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    const link = replayed(page).locator('#evil');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('#');
    expect(await replayed(page).locator('img').getAttribute('onerror')).toBeNull();
    await link.evaluate((a: HTMLAnchorElement) => a.click());
    await page.waitForTimeout(300);
    const flags = await page.evaluate(() => (window as { __pwned?: string }).__pwned ?? null);
    const inFrame = await page
      .frames()[1]!
      .evaluate(() => (window as { __pwned?: string }).__pwned ?? null);
    expect({ flags, inFrame }).toEqual({ flags: null, inFrame: null });
    expect(opened.dialogs).toEqual([]);
    expect(opened.console.filter((line) => line.includes('PWNED'))).toEqual([]);
    // Nothing but the file itself was even tried.
    expect(opened.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  }

  test('of a session opens from disk offline, plays, seeks by its markers and runs nothing recorded', async ({
    review,
  }) => {
    await review.openSession('Payouts (Ana)');
    const [download] = await Promise.all([
      review.page.waitForEvent('download'),
      review.page.getByRole('button', { name: 'Download offline replay' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^payouts-ana-ana-\d{4}-\d{2}-\d{2}-replay\.html$/,
    );
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    await review.page
      .getByRole('status')
      .filter({ hasText: /Saved payouts-ana/ })
      .waitFor();

    const opened = await openFromDisk(path);
    const { page } = opened;
    await expect.poll(() => replayed(page).locator('h1').innerText()).toMatch(/^Payouts of /);
    expect(await replayed(page).locator('#clock').innerText()).toBe('tick 0');

    // Plays: the clock advances and the replayed page follows it.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(async () => seconds(await shownTime(page)), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => Number((await replayed(page).locator('#clock').innerText()).split(' ')[1]))
      .toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Pause' }).click();

    // The marker: label, time, note as text; clicking it seeks 2 s before it.
    const markers = page.getByRole('complementary').getByRole('button');
    await expect.poll(() => markers.count()).toBe(1);
    const marker = markers.first();
    const label = await marker.getAttribute('aria-label');
    expect(label).toMatch(
      /^Confused at 0:(30|40): Where is the date\? <\/script><img src=x onerror=/,
    );
    await marker.click();
    const at = Number(/at 0:(\d+)/.exec(label!)![1]);
    await expect.poll(async () => seconds(await shownTime(page))).toBe(at - 2);
    await expect.poll(() => replayed(page).locator('#clock').innerText()).toBe(`tick ${at - 2}`);

    await page.screenshot({ path: 'test-results/offline-replay-session.png' });
    // The slider moves by 5 s a key press, as in the review page.
    await page.getByRole('slider', { name: 'Replay time' }).press('ArrowRight');
    await expect.poll(async () => seconds(await shownTime(page))).toBe(at + 3);
    await expect.poll(() => replayed(page).locator('#clock').innerText()).toBe(`tick ${at + 3}`);
    await expectInert(opened);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  test('shows its progress while it is written into the picked file, and Cancel stops it', async ({
    review,
  }) => {
    await review.openSession('Payouts (Ben)');
    // A save dialog's file that takes its time with each piece.
    await review.page.evaluate(() => {
      const log = { written: 0, closed: false, aborted: false };
      const win = window as unknown as { showSaveFilePicker: unknown; __saved: typeof log };
      win.__saved = log;
      win.showSaveFilePicker = async () => ({
        createWritable: async () =>
          new WritableStream<Uint8Array>({
            async write(chunk) {
              log.written += chunk.byteLength;
              await new Promise((resolve) => setTimeout(resolve, 400));
            },
            close: () => void (log.closed = true),
            abort: () => void (log.aborted = true),
          }),
      });
    });
    let downloads = 0;
    review.page.on('download', () => downloads++);
    await review.page.getByRole('button', { name: 'Download offline replay' }).click();
    const progress = review.page.getByTestId('export-progress');
    await expect
      .poll(() => progress.innerText())
      .toMatch(/^Exporting the offline replay: [\d.]+ (B|KB|MB)/);
    await review.page.screenshot({ path: 'test-results/offline-replay-progress.png' });
    await review.page.getByRole('button', { name: 'Cancel the offline replay' }).click();
    await review.page
      .getByRole('status')
      .filter({ hasText: 'Export cancelled: nothing was saved.' })
      .waitFor();
    const saved = await review.page.evaluate(
      () =>
        (window as unknown as { __saved: { written: number; closed: boolean; aborted: boolean } })
          .__saved,
    );
    expect(saved).toMatchObject({ closed: false, aborted: true });
    expect(saved.written).toBeGreaterThan(0);
    expect(downloads).toBe(0);
    // Back to no save dialog, for the tests after this one.
    await review.page.evaluate(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    expect(
      await review.page.getByRole('button', { name: 'Download offline replay' }).isVisible(),
    ).toBe(true);
  });

  test('of a finding holds one clip per participant, 10 s around their annotations', async ({
    review,
  }) => {
    const board = new FindingsBoardPage(review.page);
    // Sessions without a kit are one study of their own.
    await review.page
      .getByRole('navigation', { name: 'Studies' })
      .getByRole('region', { name: 'Without a kit' })
      .getByRole('button', { name: /^Quick sessions/ })
      .click();
    await review.page.getByRole('tab', { name: 'Findings' }).click();
    await board.cards().first().waitFor();
    expect(await board.cards().count()).toBe(1);
    // The whole study as one bundle, the format import reads.
    const [bundleDownload] = await Promise.all([
      review.page.waitForEvent('download'),
      review.page.getByRole('button', { name: 'Bundle of the whole study' }).click(),
    ]);
    expect(bundleDownload.suggestedFilename()).toMatch(/^2-sessions-.*\.studygroup\.json\.gz$/);
    const { json } = await readDownload(bundleDownload);
    expect(json.sessions.map((s) => s.title).sort()).toEqual(['Payouts (Ana)', 'Payouts (Ben)']);
    expect(json.sessions.map((s) => s.segments[0]!.events.length)).toEqual([62, 62]);

    const card = await board.open(/.+/);
    const [download] = await Promise.all([
      review.page.waitForEvent('download'),
      card.getByRole('button', { name: 'Offline replay clip' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-replay\.html$/);
    const path = join(dir, `finding-${download.suggestedFilename()}`);
    await download.saveAs(path);

    const opened = await openFromDisk(path);
    const { page } = opened;
    const picker = page.getByLabel('Participant');
    expect(await picker.locator('option').allInnerTexts()).toEqual(['Ana', 'Ben']);
    // Ana tagged at 0:30: her clip runs 0:20–0:40 and opens at its start.
    await expect.poll(() => replayed(page).locator('#clock').innerText()).toBe('tick 20');
    expect(await shownTime(page)).toBe('0:00 / 0:20');
    await picker.selectOption({ label: 'Ben' });
    // Ben tagged at 0:40: 0:30–0:50.
    await expect.poll(() => replayed(page).locator('#clock').innerText()).toBe('tick 30');
    expect(await replayed(page).locator('h1').innerText()).toBe('Payouts of Ben');
    expect(await page.getByRole('complementary').getByRole('button').count()).toBe(1);
    await page.screenshot({ path: 'test-results/offline-replay-finding-clip.png' });
    await expectInert(opened);
    await page.context().close();
  });
});
