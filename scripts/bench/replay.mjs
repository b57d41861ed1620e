// (e) Replay of a long session: first frame and seek times on a generated
// 30-minute single-page session, and what the seek points (periodic full
// snapshots, rrweb checkoutEveryNms) cost in storage per minute.
//
//   node scripts/bench/replay.mjs
//
// Env: BENCH_REPLAY_MINUTES (30), BENCH_REPLAY_SEEKS (12),
// BENCH_REPLAY_PERIODS_S (comma list of checkout periods to compare; 0 = none; default 0,30,60,120).
import { gzipSync } from 'node:zlib';
import {
  fmt,
  heading,
  how,
  isMain,
  median,
  openBrowser,
  quantile,
  runStandalone,
  summaryRow,
} from './lib.mjs';

const MINUTES = Number(process.env.BENCH_REPLAY_MINUTES ?? 30);
const SEEKS = Number(process.env.BENCH_REPLAY_SEEKS ?? 12);
const PERIODS_S = (process.env.BENCH_REPLAY_PERIODS_S ?? '0,30,60,120').split(',').map(Number);
const ORIGIN = 'http://127.0.0.1:4173';
/** The clock text node's id in the generated page. */
const TICK_TEXT_ID = 6;

/** A page like a product's list view: a clock line and a 300-row table (~120 KB as a snapshot). */
function snapshotNode(tick) {
  let id = 100;
  const el = (tagName, attributes, childNodes = []) => ({
    type: 2,
    tagName,
    attributes,
    childNodes,
    id: id++,
  });
  const text = (textContent) => ({ type: 3, textContent, id: id++ });
  const rows = Array.from({ length: 300 }, (_, i) =>
    el('tr', { class: 'row' }, [
      el('td', {}, [text(`po_${String(100_000 + i)}`)]),
      el('td', {}, [text(`Payout to account ending ${1000 + i}`)]),
      el('td', { class: 'status' }, [text(i % 3 ? 'Paid' : 'In transit')]),
      el('td', { class: 'amount' }, [text(`$${(i * 37.21).toFixed(2)}`)]),
    ]),
  );
  return {
    type: 0,
    id: 1,
    childNodes: [
      { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
      {
        type: 2,
        tagName: 'html',
        attributes: {},
        id: 3,
        childNodes: [
          {
            type: 2,
            tagName: 'body',
            attributes: {},
            id: 4,
            childNodes: [
              {
                type: 2,
                tagName: 'p',
                attributes: { id: 'clock' },
                id: 5,
                childNodes: [{ type: 3, textContent: `tick ${tick}`, id: TICK_TEXT_ID }],
              },
              el('table', {}, rows),
            ],
          },
        ],
      },
    ],
  };
}

/**
 * One page load of `minutes`: a clock that says "tick N" N seconds in, the
 * pointer moving (20 samples a second, as rrweb's 50 ms sampling records)
 * and, every `periodS` seconds, a checkout (Meta + FullSnapshot).
 */
export function generatedEvents(start, minutes, periodS) {
  const meta = (timestamp) => ({
    type: 4,
    timestamp,
    data: { href: `${ORIGIN}/payouts`, width: 1280, height: 720 },
  });
  const full = (timestamp, tick) => ({
    type: 2,
    timestamp,
    data: { node: snapshotNode(tick), initialOffset: { left: 0, top: 0 } },
  });
  const events = [meta(start), full(start, 0)];
  for (let s = 1; s <= minutes * 60; s++) {
    const second = start + s * 1_000;
    if (periodS > 0 && s % periodS === 0) events.push(meta(second), full(second, s - 1));
    for (let i = 0; i < 20; i++) {
      events.push({
        type: 3,
        timestamp: second + i * 50 + 1,
        data: {
          source: 1,
          positions: [
            { x: (s * 7 + i * 13) % 1200, y: (s * 3 + i * 11) % 700, id: 4, timeOffset: 0 },
          ],
        },
      });
    }
    events.push({
      type: 3,
      timestamp: second + 500,
      data: {
        source: 0,
        texts: [{ id: TICK_TEXT_ID, value: `tick ${s}` }],
        attributes: [],
        removes: [],
        adds: [],
      },
    });
  }
  return events;
}

export function bundleOf(id, title, start, events) {
  const end = events.at(-1).timestamp;
  const session = {
    id,
    title,
    participant: 'bench',
    origins: [ORIGIN],
    status: 'ended',
    startedAt: start,
    endedAt: end,
    activeMs: end - start,
    endReason: { type: 'user' },
    segments: [{ id: `${id}-seg`, tabId: 1, url: `${ORIGIN}/payouts`, startedAt: start, events }],
    timeline: [],
  };
  const bundle = {
    format: 'study-group-bundle',
    version: 1,
    exportedAt: new Date().toISOString(),
    generator: 'bench',
    sessions: [session],
  };
  return gzipSync(JSON.stringify(bundle));
}

/** The tick the replayed page shows, or null before it shows one. */
async function shownTick(frame) {
  return frame.evaluate(() => {
    const doc = document.querySelector('.replayer-wrapper iframe')?.contentDocument;
    const match = /tick (\d+)/.exec(doc?.getElementById('clock')?.textContent ?? '');
    return match ? Number(match[1]) : null;
  });
}

async function until(check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function measurePeriod(browser, periodS) {
  const start = Date.UTC(2026, 10, 1, 9, 0, 0) + periodS;
  const id = `bench-replay-${periodS}`;
  const title = `bench: ${MINUTES}-minute replay, checkout ${periodS ? `${periodS} s` : 'never'}`;
  const events = generatedEvents(start, MINUTES, periodS);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(browser.extUrl('/review.html'));
  await page.getByTestId('import-input').setInputFiles({
    name: `${id}.studygroup.json.gz`,
    mimeType: 'application/gzip',
    buffer: bundleOf(id, title, start, events),
  });
  await page.locator('[role=status].notice, [role=alert].notice').waitFor({ timeout: 120_000 });
  const stored = await page.evaluate(async (sessionId) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('study-group');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise((resolve) => {
      const req = db
        .transaction('chunks')
        .objectStore('chunks')
        .index('sessionId')
        .getAll(sessionId);
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return {
      bytes: rows.reduce((n, c) => n + c.data.byteLength, 0),
      chunks: rows.length,
      seekPoints: rows.filter((c) => c.snapshotAt !== undefined).length,
    };
  }, id);

  // First frame: from choosing the session to its page on screen.
  const t0 = performance.now();
  await page.getByRole('button', { name: title, exact: true }).click();
  const frameHandle = await page.locator('iframe.player__frame').elementHandle({ timeout: 30_000 });
  const frame = await frameHandle.contentFrame();
  await until(async () => (await shownTick(frame)) !== null);
  const firstFrameMs = performance.now() - t0;
  // The frame takes its height and the bar its place: let that settle before clicking on it.
  await page.waitForTimeout(1_000);

  // Seeks: a click on the bar, until the replayed clock shows that second.
  const slider = page.getByRole('slider', { name: 'Session time' });
  const seekMs = [];
  for (let i = 0; i < SEEKS; i++) {
    // Spread over the session, not in order, so most seeks leave what is loaded.
    const f = ((i * 7) % SEEKS) / SEEKS + 0.5 / SEEKS;
    // The frame takes its height once the page shows: the bar may have moved.
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    const x = box.x + f * box.width;
    const before = await slider.getAttribute('aria-valuenow');
    const t = performance.now();
    await page.mouse.click(x, box.y + box.height / 2);
    // Landed: the slider says where it went, and the replayed clock shows that second.
    let landed = null;
    await until(async () => {
      const now = await slider.getAttribute('aria-valuenow');
      const tick = await shownTick(frame);
      landed = { now, tick };
      return now !== before && tick !== null && Math.abs(tick + 0.5 - Number(now)) <= 1.5;
    }).catch((error) => {
      throw new Error(`seek at ${fmt(f, 3)}: ${JSON.stringify(landed)} (${error})`);
    });
    seekMs.push(performance.now() - t);
  }
  await page.close();
  return {
    periodS,
    events: events.length,
    storedBytes: stored.bytes,
    chunks: stored.chunks,
    seekPoints: stored.seekPoints,
    firstFrameMs,
    seekMs,
    seekMedianMs: median(seekMs),
    seekP90Ms: quantile(seekMs, 0.9),
  };
}

export async function runReplay() {
  heading(`(e) replay of a generated ${MINUTES}-minute session`);
  how(
    `a single page (300-row table, a clock ticking each second, the pointer at 20 samples/s) imported as a bundle, once per checkout period (${PERIODS_S.join(', ')} s; 0 = none); first frame = choosing the session until the replayed clock shows; seek = a click on the timeline bar until the clock shows that second (±1), ${SEEKS} seeks spread over the session; seek-point cost = stored bytes over the run without checkouts, per minute`,
  );
  const browser = await openBrowser();
  try {
    const runs = [];
    for (const periodS of PERIODS_S) {
      const run = await measurePeriod(browser, periodS);
      runs.push(run);
      console.log(
        `  checkout ${periodS || 'never'}${periodS ? ' s' : ''}: ${fmt(run.storedBytes / 1000 / MINUTES)} KB/min stored (${run.seekPoints} seek points), first frame ${fmt(run.firstFrameMs, 0)} ms, seek median ${fmt(run.seekMedianMs, 0)} ms, p90 ${fmt(run.seekP90Ms, 0)} ms`,
      );
    }
    const base = runs.find((r) => r.periodS === 0);
    for (const run of runs) {
      run.seekPointKbPerMinute = base
        ? (run.storedBytes - base.storedBytes) / 1000 / MINUTES
        : null;
      run.seekMedianVsNone = base ? run.seekMedianMs / base.seekMedianMs : null;
    }
    const summary = runs.map((run) =>
      summaryRow(
        `e replay ${MINUTES} min, checkout ${run.periodS ? `${run.periodS} s` : 'never'}: first frame / seek median (p90) ms; seek points KB/min`,
        `${fmt(run.firstFrameMs, 0)} / ${fmt(run.seekMedianMs, 0)} (${fmt(run.seekP90Ms, 0)}); ${fmt(run.seekPointKbPerMinute)}`,
        '< 1000 / < 300',
        run.firstFrameMs < 1000 && run.seekMedianMs < 300,
      ),
    );
    return { results: { minutes: MINUTES, runs }, summary };
  } finally {
    await browser.close();
  }
}

if (isMain(import.meta.url)) {
  await runStandalone('replay', () => runReplay());
}
