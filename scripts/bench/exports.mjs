// (f) Long exports: a 30-minute session saved as a bundle and as an offline
// replay (.html) from the review page, in the built extension.
//
//   node scripts/bench/exports.mjs
//
// Env: BENCH_EXPORT_MINUTES (30), BENCH_EXPORT_ROUNDS (5, each = one bundle + one HTML export,
// their order alternating).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  fmt,
  heading,
  how,
  isMain,
  median,
  openBrowser,
  runStandalone,
  summaryRow,
} from './lib.mjs';
import { bundleOf, generatedEvents } from './replay.mjs';

const MINUTES = Number(process.env.BENCH_EXPORT_MINUTES ?? 30);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 5);
const CHECKOUT_S = 60;
const TARGET_MS = 2_000;

/**
 * Time from the click to the finished download, and the review page's peak
 * JS heap over that time above what it held before the click (CDP
 * Runtime.getHeapUsage every 20 ms).
 */
async function timed(page, cdp, click) {
  const before = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const t0 = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    click(),
  ]);
  const path = join(tmpdir(), `sg-bench-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  const ms = performance.now() - t0;
  sampling = false;
  await sampler;
  const { size } = await stat(path);
  return { ms, peakHeapMb: (peak - before) / 1e6, fileMb: size / 1e6 };
}

export async function runExports() {
  heading(`(f) bundle and offline HTML export of a generated ${MINUTES}-minute session`);
  how(
    `the (e) replay page (300-row table, a clock ticking each second, the pointer at 20 samples/s, a checkout every ${CHECKOUT_S} s) imported as a bundle; in the review page, ${ROUNDS} rounds alternating which goes first: "Export bundle" (sessions list) and "Download offline replay" (session detail), each timed from the click to the saved download, with the page's peak JS heap above its level before the click; the save dialog is absent (as in Firefox), so both stream into a Blob`,
  );
  const browser = await openBrowser();
  try {
    const start = Date.UTC(2026, 10, 1, 9, 0, 0);
    const id = 'bench-export';
    const title = `bench: ${MINUTES}-minute export`;
    const events = generatedEvents(start, MINUTES, CHECKOUT_S);
    await browser.context.addInitScript(() => {
      delete window.showSaveFilePicker;
    });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(browser.extUrl('/review.html'));
    await page.getByTestId('import-input').setInputFiles({
      name: `${id}.studygroup.json.gz`,
      mimeType: 'application/gzip',
      buffer: bundleOf(id, title, start, events),
    });
    await page.locator('[role=status].notice, [role=alert].notice').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: title, exact: true }).click();
    const htmlButton = page.getByRole('button', { name: 'Download offline replay' });
    await htmlButton.waitFor();
    const cdp = await page.context().newCDPSession(page);
    const kinds = {
      bundle: async () => {
        await page.getByRole('checkbox', { name: 'Select all sessions' }).check();
        await page.getByRole('button', { name: 'Export bundle' }).click();
      },
      html: () => htmlButton.click(),
    };
    const runs = { bundle: [], html: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? ['html', 'bundle'] : ['bundle', 'html'];
      for (const kind of order) {
        await cdp.send('HeapProfiler.collectGarbage');
        const run = await timed(page, cdp, kinds[kind]);
        runs[kind].push(run);
        // The HTML export's button comes back when it is done.
        await htmlButton.waitFor();
      }
    }
    const stats = (list) => ({
      runs: list,
      medianMs: median(list.map((r) => r.ms)),
      peakHeapMb: Math.max(...list.map((r) => r.peakHeapMb)),
      fileMb: list[0].fileMb,
    });
    const bundle = stats(runs.bundle);
    const html = stats(runs.html);
    const ratios = runs.html.map((r, i) => r.ms / runs.bundle[i].ms);
    console.log(
      `  bundle export of a ${MINUTES}-min session: ${fmt(bundle.medianMs, 0)} ms (median of ${ROUNDS}: ${runs.bundle.map((r) => fmt(r.ms, 0)).join(', ')}), peak heap +${fmt(bundle.peakHeapMb)} MB, file ${fmt(bundle.fileMb, 2)} MB (gzip)`,
    );
    console.log(
      `  offline HTML of a ${MINUTES}-min session: ${fmt(html.medianMs, 0)} ms (median of ${ROUNDS}: ${runs.html.map((r) => fmt(r.ms, 0)).join(', ')}), peak heap +${fmt(html.peakHeapMb)} MB, file ${fmt(html.fileMb, 2)} MB`,
    );
    console.log(
      `  HTML / bundle, paired by round: ${ratios.map((r) => fmt(r, 2)).join(', ')} (median ${fmt(median(ratios), 2)})`,
    );
    return {
      results: { minutes: MINUTES, events: events.length, bundle, html, htmlOverBundle: ratios },
      summary: [
        summaryRow(
          `f bundle export of a ${MINUTES}-min session: ms (peak heap MB)`,
          `${fmt(bundle.medianMs, 0)} (${fmt(bundle.peakHeapMb)})`,
          `< ${TARGET_MS}`,
          bundle.medianMs < TARGET_MS,
        ),
        summaryRow(
          `f offline HTML of a ${MINUTES}-min session: ms (peak heap MB)`,
          `${fmt(html.medianMs, 0)} (${fmt(html.peakHeapMb)})`,
          `< ${TARGET_MS}`,
          html.medianMs < TARGET_MS,
        ),
      ],
    };
  } finally {
    await browser.close();
  }
}

if (isMain(import.meta.url)) {
  await runStandalone('exports', () => runExports());
}
