// (b) Stored bytes per minute of a realistic 2-minute session on the demo
// product, and (d) the extension service worker's JS heap sampled during it.
//
//   node scripts/bench/storage.mjs
//
// Env: BENCH_JOURNEY_SECONDS (default 120), BENCH_HEAP_EVERY_S (default 20).
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  connectServiceWorker,
  fmt,
  heading,
  how,
  isMain,
  openBrowser,
  printTable,
  readDb,
  runStandalone,
  sleep,
  startDemo,
  startSession,
  stopSession,
  summaryRow,
  waitRecording,
} from './lib.mjs';

const KB = 1000;
const TITLE = 'bench: 2-minute journey';

const EVENT_TYPE = {
  0: 'DomContentLoaded',
  1: 'Load',
  2: 'FullSnapshot',
  3: 'Incremental',
  4: 'Meta',
  5: 'Custom',
  6: 'Plugin',
};
const INCREMENTAL_SOURCE = {
  0: 'Mutation',
  1: 'MouseMove',
  2: 'MouseInteraction',
  3: 'Scroll',
  4: 'ViewportResize',
  5: 'Input',
  6: 'TouchMove',
  7: 'MediaInteraction',
  8: 'StyleSheetRule',
  9: 'CanvasMutation',
  10: 'Font',
  11: 'Log',
  12: 'Drag',
  13: 'StyleDeclaration',
  14: 'Selection',
  15: 'AdoptedStyleSheet',
  16: 'CustomElement',
};

function categoryOf(event) {
  if (event.type === 3)
    return `Incremental/${INCREMENTAL_SOURCE[event.data?.source] ?? event.data?.source}`;
  return EVENT_TYPE[event.type] ?? `type ${event.type}`;
}

/**
 * Every inlined stylesheet text (`_cssText`) inside an event, with where it
 * sits: FullSnapshot node tree, a mutation's added nodes, a mutation's
 * attribute changes (rrweb sends a sheet that loads after the snapshot that
 * way), or elsewhere.
 */
function collectCssText(event, out) {
  const walk = (value, where) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, where);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '_cssText' && typeof child === 'string') out.push({ text: child, where });
      else if (child && typeof child === 'object') walk(child, where);
    }
  };
  if (event.type === 2) walk(event.data, 'full snapshot');
  else if (event.type === 3 && event.data?.source === 0) {
    walk(event.data.adds, 'mutation: added node');
    walk(event.data.attributes, 'mutation: attribute change');
    walk({ ...event.data, adds: undefined, attributes: undefined }, 'mutation: other');
  } else walk(event.data, categoryOf(event));
  return out;
}

/** Pointer wandering over the page, as a person reading would. */
async function wander(page, points = 4) {
  for (let i = 0; i < points; i++) {
    await page.mouse.move(100 + ((i * 337) % 1000), 120 + ((i * 211) % 650), { steps: 12 });
    await sleep(250);
  }
}

async function scrollRead(page, times, pauseMs) {
  for (let i = 0; i < times; i++) {
    await page.mouse.wheel(0, 350);
    await sleep(pauseMs);
  }
}

/** ~2 minutes through the product at a person's pace; the /live ticker page for ~30 s. */
async function realisticJourney(page, base, deadline) {
  const log = [];
  const t0 = Date.now();
  const go = async (path) => {
    await page.goto(`${base}${path}`);
    await waitRecording(page);
    log.push(`${((Date.now() - t0) / 1000).toFixed(0)}s ${path}`);
  };
  const type = (selector, text) => page.locator(selector).pressSequentially(text, { delay: 90 });

  await wander(page);
  await scrollRead(page, 3, 900);

  await go('/signup');
  await wander(page, 2);
  await type('#businessName', 'Crumb and Co Bakery');
  await type('#email', 'owner@crumb.example');
  await type('#password', 'Sourdough-Starter-42');
  await page.locator('#businessType').selectOption('bakery');
  await page.locator('#terms').check();
  await sleep(2_000);

  await go('/dashboard');
  await wander(page);
  await scrollRead(page, 4, 1_500);

  await go('/payments');
  await sleep(1_500);
  await page.getByRole('link', { name: 'Create payment link' }).click();
  await page.waitForURL(/\/payments\/new$/);
  await type('#link-description', 'Weekend pastry box');
  await type('#link-amount', '24.50');
  await sleep(1_500);
  await page.goBack();
  await page.waitForURL(/\/payments$/);
  await sleep(1_000);
  await page.locator('a.row-link').first().click();
  await page.waitForURL(/\/payments\/pay_/);
  await wander(page, 2);
  await sleep(2_000);
  await page.goBack();

  await go('/live'); // ticker on: a few rows inserted/updated every second
  for (let i = 0; i < 6; i++) {
    await wander(page, 2);
    await page.mouse.wheel(0, i % 2 ? -300 : 300);
    await sleep(4_000);
  }

  await go('/settings');
  await page.locator('#about').press('End');
  await type('#about', ' Open on Sundays too.');
  await page.locator('#phone').fill('');
  await type('#phone', '+1 555 0199');
  await scrollRead(page, 3, 1_200);
  await wander(page, 3);

  for (const path of ['/reports', '/payouts', '/insights']) {
    await go(path);
    await wander(page, 3);
    await scrollRead(page, 3, 1_500);
  }

  await go('/statements'); // the server answers after 3.5 s
  await wander(page, 2);
  await sleep(2_000);

  await go('/dashboard');
  while (Date.now() < deadline - 3_000) {
    await wander(page, 2);
    await sleep(1_500);
  }
  await sleep(Math.max(0, deadline - Date.now()));
  return log;
}

export async function runStorage({
  seconds = Number(process.env.BENCH_JOURNEY_SECONDS) || 120,
} = {}) {
  heading(`(b) stored bytes per minute and (d) service-worker heap over a ${seconds} s session`);
  const demo = await startDemo();
  const browser = await openBrowser();
  const everyMs = (Number(process.env.BENCH_HEAP_EVERY_S) || 20) * 1000;
  let sw;
  try {
    sw = await connectServiceWorker(browser);
    const heap = [];
    const sample = async (label, tMs) => {
      const s = await sw.sampleHeap().catch((error) => ({ error: error.message }));
      heap.push({ label, t: tMs === null ? null : Math.round(tMs / 1000), ...s });
    };

    const page = await browser.context.newPage();
    await page.goto(`${demo.url}/`);
    await sleep(1_000);
    await sample('before session', null);

    const popup = await startSession(browser, page, TITLE);
    const startedAt = Date.now();
    await waitRecording(page);
    const deadline = startedAt + seconds * 1000;

    // Heap sampler: every `everyMs` from the session start until the deadline.
    let sampling = true;
    const sampler = (async () => {
      for (let k = 0; sampling; k++) {
        const at = startedAt + k * everyMs;
        if (at > deadline + 500) break;
        await sleep(Math.max(0, at - Date.now()));
        if (!sampling) break;
        await sample(`t=${(k * everyMs) / 1000}s`, Date.now() - startedAt);
      }
    })();

    const visits = await realisticJourney(page, demo.url, deadline);
    await sampler; // ends by itself after the sample at the deadline
    sampling = false;
    await stopSession(popup);
    const stoppedAt = Date.now();
    await sleep(1_000);
    await sample('after stop', stoppedAt - startedAt);

    const db = await readDb(browser, { chunks: true });
    const session = db.sessions.find((s) => s.title === TITLE);
    if (!session) throw new Error('session not found in IndexedDB');
    const chunks = db.chunks.filter((c) => c.sessionId === session.id);
    const segments = db.segments.filter((s) => s.sessionId === session.id);
    const chunkBytes = chunks.reduce((n, c) => n + c.bytes, 0);
    const minutes = session.activeMs / 60_000;
    const wallMinutes = (stoppedAt - startedAt) / 60_000;

    // What the bytes are: decompress every chunk, attribute each chunk's
    // gzip bytes to event categories in proportion to their JSON size.
    const categories = new Map();
    let rawJson = 0;
    const cssTexts = [];
    let fullSnapshotJson = 0;
    for (const chunk of chunks) {
      const json = gunzipSync(Buffer.from(chunk.data, 'base64')).toString('utf8');
      const events = JSON.parse(json);
      const list = Array.isArray(events) ? events : (events.events ?? []);
      const sizes = list.map((e) => JSON.stringify(e).length);
      const total = sizes.reduce((a, b) => a + b, 0) || 1;
      rawJson += json.length;
      list.forEach((e, i) => {
        const key = categoryOf(e);
        const c = categories.get(key) ?? { events: 0, json: 0, gz: 0 };
        c.events += 1;
        c.json += sizes[i];
        c.gz += (chunk.bytes * sizes[i]) / total;
        categories.set(key, c);
        if (e.type === 2) fullSnapshotJson += sizes[i];
        collectCssText(e, cssTexts);
      });
    }
    const cssChars = cssTexts.reduce((n, t) => n + t.text.length, 0);
    const gzipOf = new Map();
    const gz = (t) => {
      if (!gzipOf.has(t)) gzipOf.set(t, gzipSync(t).length);
      return gzipOf.get(t);
    };
    const cssGzip = cssTexts.reduce((n, t) => n + gz(t.text), 0);
    const cssWhere = {};
    for (const t of cssTexts) {
      const w = (cssWhere[t.where] ??= { copies: 0, jsonChars: 0, approxGzipBytes: 0 });
      w.copies += 1;
      w.jsonChars += t.text.length;
      w.approxGzipBytes += gz(t.text);
    }
    const categoryRows = [...categories]
      .sort((a, b) => b[1].gz - a[1].gz)
      .map(([name, c]) => ({
        category: name,
        events: c.events,
        'JSON KB': fmt(c.json / KB),
        'gzip KB (approx.)': fmt(c.gz / KB),
        'share of chunks': `${fmt((100 * c.gz) / chunkBytes, 0)}%`,
      }));
    const segmentRows = segments
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((s) => ({
        page: new URL(s.url).pathname,
        'start s': fmt((s.startedAt - startedAt) / 1000, 0),
        events: s.events,
        'gzip KB': fmt(s.bytes / KB),
      }));

    const heapRows = heap.map((h) => ({
      sample: h.label,
      'used MB (after GC)': h.used ? fmt(h.used / 1e6, 2) : (h.error ?? 'no worker'),
      'used MB (before GC)': h.usedBeforeGc ? fmt(h.usedBeforeGc / 1e6, 2) : '',
      'total MB': h.total ? fmt(h.total / 1e6, 2) : '',
      'embedder MB': h.embedder !== undefined ? fmt(h.embedder / 1e6, 2) : '',
      worker: h.targetId ? h.targetId.slice(0, 8) : '',
    }));
    const during = heap.filter((h) => h.label.startsWith('t=') && h.used);
    const heapGrowthMb = during.length >= 2 ? (during.at(-1).used - during[0].used) / 1e6 : NaN;
    const workerRestarted = new Set(heap.filter((h) => h.targetId).map((h) => h.targetId)).size > 1;

    // ---- (b)
    console.log(`  journey: ${visits.join(', ')}`);
    how(
      `a ${seconds} s scripted session (full navigations, SPA routes, typing at 90 ms/key, wheel scrolls, pointer moves, ~25 s on the ticking /live page); ` +
        `after "Stop session", the session row and every object store are read with raw IndexedDB in the service worker (bytes = stats.bytes, cross-checked ` +
        `against the binary data of the session's records in every store: chunks and any other, e.g. deduplicated assets); ` +
        `KB = 1000 B; per minute of the session's activeMs (${fmt(minutes, 2)} min; wall time start->stop ${fmt(wallMinutes, 2)} min).`,
    );
    // Binary bytes of this session in every object store (chunks, and e.g. deduplicated assets).
    const storeBytes = Object.fromEntries(
      Object.entries(db.stores).map(([name, st]) => [
        name,
        st.bySession[session.id]?.binaryBytes ?? 0,
      ]),
    );
    const allBytes = Object.values(storeBytes).reduce((a, b) => a + b, 0);
    const otherStores = Object.entries(storeBytes).filter(
      ([name, n]) => name !== 'chunks' && n > 0,
    );
    const kbPerMinStats = session.stats.bytes / KB / minutes;
    const kbPerMinAll = allBytes / KB / minutes;
    const kbPerMin = Math.max(kbPerMinStats, kbPerMinAll);
    console.log(
      `  stored: stats.bytes ${fmt(session.stats.bytes / KB)} KB, sum of chunk data.byteLength ${fmt(chunkBytes / KB)} KB ` +
        `(${chunks.length} chunks)${otherStores.map(([name, n]) => `, ${name} ${fmt(n / KB)} KB`).join('')}, ` +
        `${session.stats.events} events, ${session.stats.pages} page loads, ${db.timelineCount} timeline entries (IndexedDB v${db.version}: ${Object.keys(db.stores).join(', ')})`,
    );
    if (Math.abs(allBytes - session.stats.bytes) > 0.01 * allBytes) {
      console.log(
        `  note: stats.bytes (${session.stats.bytes}) != binary bytes of the session in IndexedDB (${allBytes}); the larger one is used below`,
      );
    }
    console.log(
      `  => ${fmt(kbPerMin)} KB/min stored (target <= 60), ${fmt(session.stats.events / minutes, 0)} events/min; ` +
        `uncompressed JSON ${fmt(rawJson / KB)} KB (${fmt(rawJson / KB / minutes)} KB/min, gzip ratio ${fmt(rawJson / chunkBytes, 1)}x)`,
    );
    console.log("  by event category (a chunk's gzip bytes split by JSON size):");
    printTable(categoryRows, [
      'category',
      'events',
      'JSON KB',
      'gzip KB (approx.)',
      'share of chunks',
    ]);
    console.log(
      `  inlined stylesheet text (_cssText): ${cssTexts.length} copies of ${gzipOf.size} distinct texts, ` +
        `${fmt(cssChars / KB)} KB JSON = ${fmt((100 * cssChars) / Math.max(1, rawJson), 0)}% of all JSON; ` +
        `~${fmt(cssGzip / KB)} KB gzip (each copy gzipped alone) = ~${fmt((100 * cssGzip) / allBytes, 0)}% of the stored bytes; where: ` +
        Object.entries(cssWhere)
          .map(
            ([where, w]) =>
              `${where} ${w.copies}x (${fmt(w.jsonChars / KB)} KB JSON, ~${fmt(w.approxGzipBytes / KB)} KB gzip)`,
          )
          .join('; '),
    );
    console.log('  by page load (segment):');
    printTable(segmentRows, ['page', 'start s', 'events', 'gzip KB']);

    // ---- (d)
    heading('(d) service-worker JS heap during that session');
    how(
      `browser-level CDP (chromium.connectOverCDP on the DevToolsActivePort port, newBrowserCDPSession), Target.attachToTarget on the extension's ` +
        `service_worker target, Runtime.getHeapUsage, HeapProfiler.collectGarbage, Runtime.getHeapUsage again, detach; every ${everyMs / 1000} s of the session, ` +
        `plus before the session and after stop. MB = 1e6 B.`,
    );
    printTable(heapRows, [
      'sample',
      'used MB (after GC)',
      'used MB (before GC)',
      'total MB',
      'embedder MB',
      'worker',
    ]);
    console.log(
      `  heap after GC from first to last sample during the session: ${fmt(heapGrowthMb, 2)} MB` +
        `${workerRestarted ? ' (the worker target changed between samples: it was restarted, samples are not comparable)' : ''}`,
    );

    const results = {
      seconds,
      activeMs: session.activeMs,
      wallMs: stoppedAt - startedAt,
      stats: session.stats,
      chunkBytes,
      chunks: chunks.length,
      timelineEntries: db.timelineCount,
      storeBytes,
      kbPerMinute: kbPerMin,
      kbPerMinuteStats: kbPerMinStats,
      kbPerMinuteAllStores: kbPerMinAll,
      eventsPerMinute: session.stats.events / minutes,
      uncompressedJsonBytes: rawJson,
      fullSnapshotJsonBytes: fullSnapshotJson,
      inlinedCss: {
        copies: cssTexts.length,
        distinct: gzipOf.size,
        jsonChars: cssChars,
        approxGzipBytes: cssGzip,
        where: cssWhere,
      },
      categories: Object.fromEntries(categories),
      segments: segmentRows,
      visits,
      heap,
      heapGrowthMb,
      workerRestarted,
    };
    const summary = [
      summaryRow('b stored KB/min (bytes / activeMs)', fmt(kbPerMin), '<= 60', kbPerMin <= 60),
      summaryRow('b events/min', fmt(session.stats.events / minutes, 0)),
      summaryRow(
        'd SW heap after GC: first -> last sample (MB)',
        `${fmt(during[0]?.used / 1e6, 2)} -> ${fmt(during.at(-1)?.used / 1e6, 2)}`,
      ),
    ];
    return { results, summary };
  } finally {
    await sw?.close();
    await browser.close();
    await demo.close();
  }
}

if (isMain(import.meta.url)) {
  await runStandalone('storage', () => runStorage());
}
