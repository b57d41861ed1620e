import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { readDownload, type BundleJson } from './support/bundle';
import type { ExtensionBrowser } from './support/extension';
import { test } from './support/fixtures';
import { markerOf, waitForRecording } from './support/recording';

// Values typed during the journey: none may appear anywhere in the export.
const TYPED = {
  businessName: 'Zebrafish Pastry Collective 5521',
  descriptor: 'QUOKKA-DESC-8812',
  phone: '+44 7700 900613',
  about: 'Marmalade submarine notes 3307',
  currentPassword: 'Hunter2-Current-Secret-9931',
  newPassword: 'Correct-Horse-Battery-4471',
  signupEmail: 'typed.signup.6620@bakery.example',
  signupPassword: 'Signup-Password-Secret-7784',
};

/** Wait for the recorder to have sent the current page's batches. */
async function settle(page: Page) {
  await waitForRecording(page);
  await page.waitForTimeout(1_200);
}

/** URLs of the segments the extension stored, in the order their pages loaded. */
async function storedPages(ext: ExtensionBrowser): Promise<string[]> {
  return (await ext.readStore<{ url: string }>('segments', 'startedAt')).map((s) => s.url);
}

describe('recording journey on the demo product', () => {
  let bundle: { bytes: Buffer; text: string; json: BundleJson };
  /** The page loads of the journey, in order: each must be stored as one segment. */
  const loads: string[] = [];

  test('records a whole session across navigations, SPA routes, a reload, a new tab and worker restarts', async ({
    demo,
    ext,
  }) => {
    const page = await ext.context.newPage();
    await page.goto(`${demo.url}/`);
    expect(await markerOf(page)).toBeNull(); // nothing injected before a session starts

    const popup = await PopupPage.open(ext);
    expect(await popup.origins()).toBe(demo.url);
    await popup.start({ title: 'Journey', participant: 'Baker 1' });
    await page.bringToFront();
    await settle(page);
    loads.push(`${demo.url}/`);

    const go = async (path: string) => {
      await page.goto(`${demo.url}${path}`);
      loads.push(`${demo.url}${path}`);
      await waitForRecording(page);
    };

    // Signup with typed values, then the rest of the product.
    await go('/signup');
    await page.getByLabel('Email').fill(TYPED.signupEmail);
    await page.getByLabel('Password').fill(TYPED.signupPassword);
    await settle(page);
    await go('/dashboard');
    await go('/payouts');
    await page.getByRole('button', { name: 'Export CSV' }).click(); // answers 500
    await page.locator('#export-status').filter({ hasText: /./ }).waitFor();
    for (const path of ['/reports', '/insights']) await go(path);
    await settle(page); // /insights throws shortly after load
    for (const path of ['/dashboard', '/settings']) await go(path);

    // Typing into settings, password fields included.
    await page.locator('#businessName').fill(TYPED.businessName);
    await page.locator('#statementDescriptor').fill(TYPED.descriptor);
    await page.locator('#phone').fill(TYPED.phone);
    await page.locator('#about').fill(TYPED.about);
    await page.locator('#currentPassword').pressSequentially(TYPED.currentPassword, { delay: 5 });
    await page.locator('#newPassword').pressSequentially(TYPED.newPassword, { delay: 5 });
    await settle(page);

    await ext.stopServiceWorker(); // first worker death mid-session

    for (const path of [
      '/dashboard',
      '/payments',
      '/settings',
      '/payouts',
      '/dashboard',
      '/reports',
      '/payments',
    ]) {
      await go(path);
    }

    // SPA part: client-side routes, no reload.
    await page
      .getByRole('link', { name: /new payment link|create payment link/i })
      .first()
      .click();
    await page.waitForURL(/\/payments\/new$/);
    await page.goBack();
    await page.waitForURL(/\/payments$/);
    await settle(page);

    await page.reload();
    loads.push(page.url());
    await settle(page);

    await ext.stopServiceWorker(); // second worker death mid-session

    for (const path of ['/dashboard', '/billing/legacy', '/insights', '/payouts', '/dashboard'])
      await go(path);
    // What the extension stored, not what the test did: a segment per page load
    // so far, the ones loaded around the worker's deaths included.
    await expect.poll(() => storedPages(ext), { timeout: 15_000 }).toEqual(loads);

    // A new tab opened from a recorded tab is recorded too.
    const [newTab] = await Promise.all([
      ext.context.waitForEvent('page'),
      page.getByRole('link', { name: /open reports in a new tab/i }).click(),
    ]);
    await newTab.waitForLoadState('domcontentloaded');
    loads.push(newTab.url());
    await settle(newTab);

    // Another origin, in a recorded tab: never recorded.
    await page.bringToFront();
    await page.goto(`${demo.partnerUrl}/`);
    await page.waitForTimeout(500);
    expect(await markerOf(page)).toBeNull();
    await page.goto(`${demo.url}/dashboard`);
    loads.push(`${demo.url}/dashboard`);
    await settle(page);

    await popup.page.bringToFront();
    expect(Number(await popup.stat('pages'))).toBeGreaterThanOrEqual(20);
    await popup.stop();

    // After stop: no injection on new page loads.
    await page.goto(`${demo.url}/settings`);
    await page.waitForTimeout(500);
    expect(await markerOf(page)).toBeNull();
    await newTab.close();

    const review = await ReviewPage.open(ext);
    await expect.poll(() => review.rows().count()).toBe(1);
    bundle = await readDownload(await review.exportAll());
    await review.page.close();
  });

  test('stores every page with a FullSnapshot, monotonic timestamps and no sequence gaps', async ({
    demo,
    ext,
  }) => {
    const [session] = bundle.json.sessions;
    expect(bundle.json.format).toBe('study-group-bundle');
    expect(session).toBeDefined();
    const segments = session!.segments;
    for (const segment of segments) {
      const types = segment.events.map((e) => e.type);
      // Meta then FullSnapshot; only DomContentLoaded/Load (0/1) may precede them.
      const meta = types.indexOf(4);
      expect(meta, segment.url).toBeGreaterThanOrEqual(0);
      expect(types[meta + 1], segment.url).toBe(2);
      expect(
        types.slice(0, meta).every((t) => t === 0 || t === 1),
        segment.url,
      ).toBe(true);
      const ts = segment.events.map((e) => e.timestamp);
      expect(ts, segment.url).toEqual([...ts].sort((a, b) => a - b));
    }
    // Every page load of the journey, stored once (the other origin's page never) and exported.
    expect(await storedPages(ext)).toEqual(loads);
    expect([...segments].sort((a, b) => a.startedAt - b.startedAt).map((s) => s.url)).toEqual(
      loads,
    );
    expect(new Set(segments.map((s) => s.tabId)).size).toBe(2);
    expect(segments.every((s) => new URL(s.url).origin === demo.url)).toBe(true);

    const dump = await ext.dbDump();
    for (const segment of dump.segments) {
      const seqs = dump.chunkKeys
        .filter(([id]) => id === segment.id)
        .map(([, seq]) => seq)
        .sort((a, b) => a - b);
      expect(seqs, segment.url).toEqual(seqs.map((_, i) => i));
      expect(segment.lastSeq).toBe(seqs.length - 1);
    }
    const session0 = dump.sessions[0]!;
    expect(session0.status).toBe('ended');
    expect(session0.stats.pages).toBe(segments.length);
    expect(session0.stats.events).toBe(segments.reduce((n, s) => n + s.events.length, 0));
  });

  test('captures SPA route changes, page errors and failed requests on the timeline', ({
    demo,
  }) => {
    const timeline = bundle.json.sessions[0]!.timeline;
    const types = new Set(timeline.map((t) => t.type));
    expect(types).toContain('location');
    expect(
      timeline.some((t) => t.type === 'location' && String(t.url).endsWith('/payments/new')),
    ).toBe(true);
    expect(types).toContain('js-error');
    expect(types).toContain('unhandled-rejection');
    const failed = timeline.filter((t) => t.type === 'request-failed');
    expect(failed).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        url: `${demo.url}/api/payouts/export`,
        status: 500,
      }),
    );
    expect(failed).toContainEqual(
      expect.objectContaining({ method: 'GET', url: `${demo.url}/billing/legacy`, status: 404 }),
    );
    for (const t of failed) expect(String(t.url)).not.toContain('?');
  });

  test('never lets a typed value or password into the bundle', () => {
    for (const value of Object.values(TYPED)) {
      expect(bundle.text.includes(value), value).toBe(false);
      expect(bundle.bytes.includes(Buffer.from(value)), value).toBe(false);
    }
  });

  test('imports the bundle into a fresh profile with the same sessions, pages and events, and replays it', async ({
    launch,
  }) => {
    const fresh = await launch();
    const review = await ReviewPage.open(fresh);
    const file = {
      name: 'journey.studygroup.json.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(bundle.text),
    };
    const result = await review.importFile(file);
    expect(result.ok, result.text).toBe(true);
    expect(result.text).toContain('Imported 1 session');
    const dump = await fresh.dbDump();
    const source = bundle.json.sessions[0]!;
    expect(dump.sessions.map((s) => s.title)).toEqual([source.title]);
    expect(dump.segments.length).toBe(source.segments.length);
    expect(dump.sessions[0]!.stats.events).toBe(
      source.segments.reduce((n, s) => n + s.events.length, 0),
    );
    for (const segment of source.segments) {
      expect(dump.segments.find((s) => s.id === segment.id)?.events).toBe(segment.events.length);
    }

    const again = await review.importFile(file);
    expect(again.text).toContain('Already here, skipped');
    expect((await fresh.dbDump()).sessions.length).toBe(1);

    await review.openSession(source.title);
    await expect.poll(() => review.replayText(), { timeout: 15_000 }).toContain('Tillwise');
  });
});
