// (a) Recording overhead, measured in ONE browser with modes alternated across
// rounds so that drift (thermal, other load on the machine) cancels out.
//
//   node scripts/bench/overhead.mjs            both parts
//   node scripts/bench/overhead.mjs mutation   (a1) heavy mutation workload only
//   node scripts/bench/overhead.mjs journey    (a2) demo journey only
//
// Env: BENCH_MUTATION_ROUNDS (default 12), BENCH_N (mutation rounds per run,
// default: calibrated to ~200 ms unrecorded), BENCH_JOURNEY_ROUNDS (default 6),
// BENCH_JOURNEY_MODES (default none,session; diagnostic extra: raw),
// BENCH_MUTATION_MODES (default none,raw,session; diagnostic extras: rawSg =
// raw rrweb with the extension's record options, rawIso = that in an isolated
// world like a content script), e.g. BENCH_MUTATION_MODES=none,raw,rawSg,rawIso,session.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ROOT,
  deltaMetrics,
  fmt,
  heading,
  how,
  isMain,
  markerOf,
  median,
  openBrowser,
  perfSession,
  printTable,
  quantile,
  readDb,
  runStandalone,
  sleep,
  startDemo,
  startSession,
  stopSession,
  summaryRow,
  waitRecording,
} from './lib.mjs';

const RRWEB_UMD = join(ROOT, 'node_modules/@rrweb/record/dist/record.umd.cjs');
const AFTER_RUN_MS = 1_500;

/**
 * rrweb options the extension passes to record(), copied from
 * lib/recording/record-options.ts with the default privacy settings
 * (lib/settings/privacy.ts). Used only by the diagnostic "raw rrweb + SG
 * options" mode; keep in sync by hand.
 */
const SG_RECORD_OPTIONS_JS = `{
    maskAllInputs: true,
    maskInputOptions: { password: true },
    blockClass: 'sg-block',
    blockSelector: '.sg-block',
    maskTextClass: 'sg-mask',
    maskTextSelector: '.sg-mask, [contenteditable]:not([contenteditable="false"])',
    sampling: { mousemove: 50, scroll: 150, media: 800, input: 'last' },
    slimDOMOptions: {
      script: true, comment: true, headFavicon: true, headWhitespace: true, headMetaSocial: true,
      headMetaRobots: true, headMetaHttpEquiv: true, headMetaVerification: true,
      headMetaAuthorship: true, headMetaDescKeywords: true,
    },
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
  }`;

/**
 * Init script for the raw rrweb modes: @rrweb/record's UMD bundle (global
 * rrwebRecord) plus record() keeping events in an array. Init scripts run at
 * document start in the main world and are not subject to the page's CSP.
 */
async function rawRrwebInitScript(optionsJs) {
  const umd = await readFile(RRWEB_UMD, 'utf8');
  return `${umd}
;(function () {
  // Top document only, like the extension's content scripts (no allFrames). Without
  // this, rrweb's own hidden iframe (getUntaintedPrototype) would start another
  // recorder inside it, and so on.
  if (window.top !== window) return;
  window.__benchRaw = { events: [], stop: null };
  window.__benchRaw.stop = rrwebRecord.record(Object.assign(${optionsJs}, {
    emit(event) { window.__benchRaw.events.push(event); },
  }));
})();`;
}

const ratio = (a, b) => a / b;

/**
 * Williams design: every mode once in every position and, for an even count,
 * every mode right after every other once per cycle (odd counts need the
 * mirrored rows too).
 */
function williamsOrders(modes) {
  const n = modes.length;
  const base = [0];
  for (let lo = 1, hi = n - 1; base.length < n;) {
    base.push(lo++);
    if (base.length < n) base.push(hi--);
  }
  const rows = modes.map((_, i) => base.map((x) => (x + i) % n));
  if (n % 2) rows.push(...rows.map((r) => [...r].reverse()));
  return rows.map((r) => r.map((i) => modes[i]));
}

// ====================================================================== (a1)

const MODE_LABEL = {
  none: 'not recording',
  raw: 'raw rrweb record()',
  rawSg: 'raw rrweb + SG options (diag.)',
  rawIso: 'raw rrweb + SG options, isolated world (diag.)',
  session: 'Study Group session',
};
const ISOLATED_WORLD = 'sg-bench-isolated';

/** Events kept by a raw-mode recorder, read in the world it runs in. */
async function rawEventTypes(context, page, mode) {
  if (mode !== 'rawIso')
    return page.evaluate(() => window.__benchRaw?.events.map((e) => e.type) ?? null);
  const cdp = await context.newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => contexts.push(c));
    await cdp.send('Runtime.enable'); // reports every existing context
    await cdp.send('Runtime.disable');
    const world = contexts.filter((c) => c.name === ISOLATED_WORLD).pop();
    if (!world) return null;
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: 'window.__benchRaw ? window.__benchRaw.events.map((e) => e.type) : null',
      returnByValue: true,
    });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

export async function runMutationOverhead({
  rounds = Number(process.env.BENCH_MUTATION_ROUNDS) || 12,
} = {}) {
  heading('(a1) recording overhead: heavy mutation workload on /live?ticker=off');
  const modes = (process.env.BENCH_MUTATION_MODES || 'none,raw,session').split(',');
  for (const m of ['none', 'raw', 'session']) if (!modes.includes(m)) modes.push(m);
  const recorded = await startDemo(); // origin of the Study Group session
  const control = await startDemo(); // another origin: never recorded by the extension
  const browser = await openBrowser();
  const { context } = browser;
  try {
    const pages = {};
    for (const mode of modes) pages[mode] = await context.newPage();
    const controlModes = modes.filter((m) => m !== 'session');
    await pages.raw.addInitScript({ content: await rawRrwebInitScript('{ maskAllInputs: true }') });
    if (pages.rawSg)
      await pages.rawSg.addInitScript({ content: await rawRrwebInitScript(SG_RECORD_OPTIONS_JS) });
    if (pages.rawIso) {
      // Like a content script: a separate JS world over the same DOM, at document start.
      const cdp = await context.newCDPSession(pages.rawIso);
      await cdp.send('Page.enable');
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: await rawRrwebInitScript(SG_RECORD_OPTIONS_JS),
        worldName: ISOLATED_WORLD,
      });
    }
    for (const mode of controlModes) await pages[mode].goto(`${control.url}/live?ticker=off`);
    await pages.session.goto(`${recorded.url}/live?ticker=off`);

    const popup = await startSession(browser, pages.session, 'bench: mutation overhead');
    // Reload so the recorder starts at document_start, like the raw init scripts.
    await pages.session.reload();
    await waitRecording(pages.session);
    for (const mode of controlModes) {
      if ((await markerOf(pages[mode])) !== null)
        throw new Error(`the extension recorder runs in the ${mode} tab`);
    }
    for (const mode of controlModes.filter((m) => m !== 'none')) {
      const types = await rawEventTypes(context, pages[mode], mode);
      if (!types?.includes(2))
        throw new Error(`${mode}: rrweb did not take a full snapshot: ${JSON.stringify(types)}`);
    }

    const perf = {};
    for (const mode of modes) perf[mode] = await perfSession(context, pages[mode]);

    const run = (page, n) => page.evaluate((count) => window.tillwiseBench.run(count), n);

    // Calibrate N on the unrecorded page (after JIT warm-up).
    await pages.none.bringToFront();
    let n = Number(process.env.BENCH_N) || 0;
    let perRound = NaN;
    if (!n) {
      for (let i = 0; i < 3; i++) await run(pages.none, 300);
      const calib = [];
      for (let i = 0; i < 5; i++) calib.push((await run(pages.none, 300)) / 300);
      perRound = median(calib);
      n = Math.max(100, Math.min(20_000, Math.round(200 / perRound / 50) * 50));
    }
    console.log(
      `  N = ${n} mutation rounds per run${Number.isFinite(perRound) ? ` (calibrated: ${fmt(perRound, 3)} ms/round unrecorded -> ~200 ms)` : ' (BENCH_N)'}`,
    );

    const measure = async (mode) => {
      const page = pages[mode];
      await page.bringToFront();
      const before = await perf[mode].read();
      const elapsed = await run(page, n);
      await sleep(AFTER_RUN_MS);
      const after = await perf[mode].read();
      return { elapsed, ...deltaMetrics(before, after) };
    };

    // Warm-up: two unmeasured runs per mode.
    for (const mode of modes) for (let i = 0; i < 2; i++) await measure(mode);

    const orders = williamsOrders(modes);
    const samples = Object.fromEntries(modes.map((m) => [m, []]));
    console.log(
      '  per run: sync ms / main-thread ms (TaskDuration) / main-thread CPU ms (ThreadTime)',
    );
    for (let r = 0; r < rounds; r++) {
      const order = orders[r % orders.length];
      const line = [];
      for (const mode of order) {
        const s = await measure(mode);
        samples[mode].push({ round: r, ...s });
        line.push(`${mode} ${fmt(s.elapsed, 0)}/${fmt(s.task, 0)}/${fmt(s.thread, 0)}`);
      }
      console.log(`  round ${String(r + 1).padStart(2)}: ${line.join('  ')}`);
    }

    // Sanity: the recorders really recorded the runs.
    const rawEvents = {};
    for (const mode of controlModes.filter((m) => m !== 'none')) {
      rawEvents[mode] = (await rawEventTypes(context, pages[mode], mode))?.length ?? null;
    }
    await stopSession(popup);
    const db = await readDb(browser);
    const session = db.sessions.find((s) => s.title === 'bench: mutation overhead');

    const q = (mode, key, p) =>
      quantile(
        samples[mode].map((s) => s[key]),
        p,
      );
    const med = {};
    for (const mode of modes) {
      med[mode] = {};
      for (const key of ['elapsed', 'task', 'thread', 'process', 'script', 'layout', 'style'])
        med[mode][key] = q(mode, key, 0.5);
      med[mode].elapsedIqr = [q(mode, 'elapsed', 0.25), q(mode, 'elapsed', 0.75)];
      med[mode].taskIqr = [q(mode, 'task', 0.25), q(mode, 'task', 0.75)];
    }
    const ratiosFor = (key) => ({
      sessionOverRaw: ratio(med.session[key], med.raw[key]),
      sessionOverNone: ratio(med.session[key], med.none[key]),
      rawOverNone: ratio(med.raw[key], med.none[key]),
      ...(med.rawSg && {
        rawSgOverRaw: ratio(med.rawSg[key], med.raw[key]),
        sessionOverRawSg: ratio(med.session[key], med.rawSg[key]),
      }),
      ...(med.rawIso && {
        rawIsoOverRaw: ratio(med.rawIso[key], med.raw[key]),
        sessionOverRawIso: ratio(med.session[key], med.rawIso[key]),
      }),
    });
    const ratios = {
      sync: ratiosFor('elapsed'),
      mainThread: ratiosFor('task'),
      mainThreadCpu: ratiosFor('thread'),
    };
    // Paired view: per-round ratio, then the median of those.
    const paired = (a, b, key) =>
      median(samples[a].map((s) => s[key] / samples[b].find((x) => x.round === s.round)[key]));
    const pairedRatios = {
      syncSessionOverRaw: paired('session', 'raw', 'elapsed'),
      mainThreadSessionOverRaw: paired('session', 'raw', 'task'),
      mainThreadCpuSessionOverRaw: paired('session', 'raw', 'thread'),
    };

    console.log('');
    how(
      `one tab per mode (none and the raw modes on a second demo origin the session does not cover); each round runs every mode once, ` +
        `order rotated by a Williams design (${orders.length} orders), ${rounds} rounds after 2 warm-up runs per mode; ` +
        `"sync" = ms returned by tillwiseBench.run(${n}) (performance.now() around the synchronous loop); ` +
        `"main thread" = CDP Performance.getMetrics TaskDuration (wall time of renderer main-thread tasks) delta from just before the run to ${AFTER_RUN_MS} ms after it ` +
        `(covers rrweb's MutationObserver callback and the extension's 1 s batch hand-over to its isolated-world script and runtime.sendMessage); "CPU" = ThreadTime delta (main-thread CPU time) over the same window, ` +
        `less sensitive to other processes competing for the cores; "script" = ScriptDuration delta. Medians; ratios are ratios of medians. ` +
        (modes.some((m) => m === 'rawSg' || m === 'rawIso')
          ? `Diagnostic extra modes split the session/raw gap: "raw rrweb + SG options" = the same record() in the page with the extension's options (privacy selectors, sampling, slimDOM); ` +
            `"..., isolated world" = that, injected with CDP Page.addScriptToEvaluateOnNewDocument({worldName}) into a separate JS world like a content script, events kept in an array (no batching, no messaging).`
          : `(Diagnostic extra modes: BENCH_MUTATION_MODES=none,raw,rawSg,rawIso,session.)`),
    );
    printTable(
      modes.map((mode) => ({
        mode: MODE_LABEL[mode],
        'sync ms': fmt(med[mode].elapsed),
        'sync IQR': `${fmt(med[mode].elapsedIqr[0])}-${fmt(med[mode].elapsedIqr[1])}`,
        'main-thread ms': fmt(med[mode].task),
        'main IQR': `${fmt(med[mode].taskIqr[0])}-${fmt(med[mode].taskIqr[1])}`,
        'CPU ms': fmt(med[mode].thread),
        'script ms': fmt(med[mode].script),
        'layout+style ms': fmt(med[mode].layout + med[mode].style),
      })),
      [
        'mode',
        'sync ms',
        'sync IQR',
        'main-thread ms',
        'main IQR',
        'CPU ms',
        'script ms',
        'layout+style ms',
      ],
    );
    console.log('');
    const ratioRow = (label, key) => ({
      ratio: label,
      sync: fmt(ratios.sync[key], 3),
      'main thread': fmt(ratios.mainThread[key], 3),
      'main-thread CPU': fmt(ratios.mainThreadCpu[key], 3),
    });
    printTable(
      [
        ratioRow('session / raw rrweb', 'sessionOverRaw'),
        ratioRow('session / none', 'sessionOverNone'),
        ratioRow('raw rrweb / none', 'rawOverNone'),
        ...(med.rawSg
          ? [
              ratioRow('diag: raw+SG options / raw', 'rawSgOverRaw'),
              ratioRow('diag: session / raw+SG options', 'sessionOverRawSg'),
            ]
          : []),
        ...(med.rawIso
          ? [
              ratioRow('diag: isolated world / raw', 'rawIsoOverRaw'),
              ratioRow('diag: session / isolated world', 'sessionOverRawIso'),
            ]
          : []),
      ],
      ['ratio', 'sync', 'main thread', 'main-thread CPU'],
    );
    console.log(
      `  paired (median of per-round ratios) session/raw: sync ${fmt(pairedRatios.syncSessionOverRaw, 3)}, ` +
        `main thread ${fmt(pairedRatios.mainThreadSessionOverRaw, 3)}, CPU ${fmt(pairedRatios.mainThreadCpuSessionOverRaw, 3)}`,
    );
    console.log(
      `  sanity: events kept by the raw recorders ${JSON.stringify(rawEvents)}; the session stored ${session?.stats.events ?? '?'} events, ` +
        `${fmt((session?.stats.bytes ?? 0) / 1000)} KB gzip over ${session?.stats.pages ?? '?'} page load(s)`,
    );

    const results = {
      n,
      calibratedMsPerRound: perRound,
      rounds,
      afterRunMs: AFTER_RUN_MS,
      orders,
      medians: med,
      ratios,
      pairedRatios,
      samples,
      modes,
      sanity: { rawEvents, sessionStats: session?.stats ?? null },
    };
    const summary = [
      summaryRow(
        'a1 mutation: session/raw rrweb, sync',
        fmt(ratios.sync.sessionOverRaw, 3),
        '<= 1.05',
        ratios.sync.sessionOverRaw <= 1.05,
      ),
      summaryRow(
        'a1 mutation: session/raw rrweb, main thread',
        fmt(ratios.mainThread.sessionOverRaw, 3),
        '<= 1.05',
        ratios.mainThread.sessionOverRaw <= 1.05,
      ),
      summaryRow(
        'a1 mutation: session/raw rrweb, main-thread CPU',
        fmt(ratios.mainThreadCpu.sessionOverRaw, 3),
        '<= 1.05',
        ratios.mainThreadCpu.sessionOverRaw <= 1.05,
      ),
      summaryRow(
        'a1 mutation: session/none, sync | main thread',
        `${fmt(ratios.sync.sessionOverNone, 3)} | ${fmt(ratios.mainThread.sessionOverNone, 3)}`,
      ),
      summaryRow(
        'a1 mutation: raw rrweb/none, sync | main thread',
        `${fmt(ratios.sync.rawOverNone, 3)} | ${fmt(ratios.mainThread.rawOverNone, 3)}`,
      ),
    ];
    if (med.rawIso) {
      summary.push(
        summaryRow(
          'a1 diag: isolated-world rrweb/raw, main-thread CPU',
          fmt(ratios.mainThreadCpu.rawIsoOverRaw, 3),
        ),
        summaryRow(
          'a1 diag: session/isolated-world rrweb, main-thread CPU',
          fmt(ratios.mainThreadCpu.sessionOverRawIso, 3),
        ),
      );
    }
    if (med.rawSg)
      summary.push(
        summaryRow(
          'a1 diag: raw+SG options/raw, main-thread CPU',
          fmt(ratios.mainThreadCpu.rawSgOverRaw, 3),
        ),
      );
    return { results, summary };
  } finally {
    await browser.close();
    await recorded.close();
    await control.close();
  }
}

// ====================================================================== (a2)

const SETTLE_MS = 1_200; // > the recorder's 1 s batch cut, so each page's batches go out before it is left

/**
 * One pass through the demo product in `page`. Returns the main-thread time of
 * every document it showed (Performance metrics restart with each document, so
 * each is read just before leaving it).
 */
async function demoJourney(page, perf, base, recorded) {
  const perPage = [];
  const ready = async () => {
    if (recorded) await waitRecording(page);
  };
  const leave = async (label) => {
    await sleep(SETTLE_MS);
    perPage.push({ label, ...(await perf.read()) });
  };
  const go = async (path) => {
    await page.goto(`${base}${path}`);
    await ready();
  };

  await go('/');
  await page.mouse.wheel(0, 600);
  await leave('/');

  await go('/signup');
  await page.locator('#businessName').pressSequentially('Crumb and Co Bakery', { delay: 8 });
  await page.locator('#email').pressSequentially('owner@crumb.example', { delay: 8 });
  await page.locator('#password').pressSequentially('Sourdough-Starter-42', { delay: 8 });
  await page.locator('#businessType').selectOption('bakery');
  await leave('/signup');

  await go('/dashboard');
  await page.mouse.wheel(0, 800);
  await leave('/dashboard');

  await go('/payments');
  await page.getByRole('link', { name: 'Create payment link' }).click();
  await page.waitForURL(/\/payments\/new$/);
  await page.locator('#link-description').pressSequentially('Weekend pastry box', { delay: 8 });
  await page.locator('#link-amount').pressSequentially('24.50', { delay: 8 });
  await page.goBack();
  await page.waitForURL(/\/payments$/);
  await page.locator('a.row-link').first().click();
  await page.waitForURL(/\/payments\/pay_/);
  await page.goBack();
  await page.waitForURL(/\/payments$/);
  await leave('/payments (+ SPA routes)');

  await go('/settings');
  await page.locator('#about').press('End');
  await page.locator('#about').pressSequentially(' Open on Sundays too.', { delay: 8 });
  await page.locator('#phone').fill('');
  await page.locator('#phone').pressSequentially('+1 555 0199', { delay: 8 });
  await page.mouse.wheel(0, 1200);
  await leave('/settings');

  await go('/reports');
  await leave('/reports');
  return perPage;
}

export async function runJourneyOverhead({
  rounds = Number(process.env.BENCH_JOURNEY_ROUNDS) || 6,
} = {}) {
  heading('(a2) recording overhead: scripted demo journey, recorded vs not');
  // Optional diagnostic: BENCH_JOURNEY_MODES=none,raw,session adds raw rrweb
  // record() in the page, to tell rrweb's own per-page cost from the extension's.
  const modes = (process.env.BENCH_JOURNEY_MODES || 'none,session').split(',');
  for (const m of ['none', 'session']) if (!modes.includes(m)) modes.push(m);
  const label = {
    none: 'not recording',
    raw: 'raw rrweb record() (diag.)',
    session: 'Study Group session',
  };
  const recorded = await startDemo();
  const control = await startDemo();
  const browser = await openBrowser();
  const { context } = browser;
  try {
    const pages = {};
    for (const mode of modes) pages[mode] = await context.newPage();
    if (pages.raw)
      await pages.raw.addInitScript({
        content: await rawRrwebInitScript('{ maskAllInputs: true }'),
      });
    const base = Object.fromEntries(
      modes.map((m) => [m, m === 'session' ? recorded.url : control.url]),
    );
    for (const mode of modes) await pages[mode].goto(`${base[mode]}/`);
    const popup = await startSession(browser, pages.session, 'bench: journey overhead');
    await waitRecording(pages.session);
    const perf = {};
    for (const mode of modes) perf[mode] = await perfSession(context, pages[mode]);

    const once = async (mode) => {
      await pages[mode].bringToFront();
      const t0 = Date.now();
      const perPage = await demoJourney(pages[mode], perf[mode], base[mode], mode === 'session');
      const sum = (k) => perPage.reduce((acc, p) => acc + p[k], 0);
      return {
        wallMs: Date.now() - t0,
        task: sum('task'),
        thread: sum('thread'),
        script: sum('script'),
        compile: sum('compile'),
        layoutStyle: sum('layout') + sum('style'),
        perPage,
      };
    };

    // One unmeasured pass each (caches, JIT, first-use costs).
    for (const mode of modes) await once(mode);
    for (const mode of modes.filter((m) => m !== 'session')) {
      if ((await markerOf(pages[mode])) !== null)
        throw new Error(`the extension recorder runs in the ${mode} tab`);
    }

    const orders = williamsOrders(modes);
    const samples = Object.fromEntries(modes.map((m) => [m, []]));
    for (let r = 0; r < rounds; r++) {
      const line = [];
      for (const mode of orders[r % orders.length]) {
        const s = await once(mode);
        samples[mode].push({ round: r, ...s });
        line.push(
          `${mode} ${fmt(s.task)} ms / CPU ${fmt(s.thread)} ms (${(s.wallMs / 1000).toFixed(1)} s wall)`,
        );
      }
      console.log(`  round ${r + 1}: ${line.join('  ')}`);
    }
    await stopSession(popup);
    const db = await readDb(browser);
    const session = db.sessions.find((s) => s.title === 'bench: journey overhead');

    const med = {};
    for (const mode of modes) {
      const q = (key, p) =>
        quantile(
          samples[mode].map((s) => s[key]),
          p,
        );
      med[mode] = {
        task: q('task', 0.5),
        thread: q('thread', 0.5),
        script: q('script', 0.5),
        compile: q('compile', 0.5),
        layoutStyle: q('layoutStyle', 0.5),
        wallMs: q('wallMs', 0.5),
        taskIqr: [q('task', 0.25), q('task', 0.75)],
      };
    }
    const r = {
      task: med.session.task / med.none.task,
      thread: med.session.thread / med.none.thread,
      script: med.session.script / med.none.script,
      ...(med.raw && {
        rawOverNoneTask: med.raw.task / med.none.task,
        rawOverNoneThread: med.raw.thread / med.none.thread,
        sessionOverRawTask: med.session.task / med.raw.task,
        sessionOverRawThread: med.session.thread / med.raw.thread,
      }),
    };
    const documents = samples.session[0].perPage.length;
    const extraPerPage = (med.session.task - med.none.task) / documents;
    const extraCpuPerPage = (med.session.thread - med.none.thread) / documents;
    const byRound = (mode, round) => samples[mode].find((s) => s.round === round);
    const pairedTask = median(samples.session.map((s) => s.task / byRound('none', s.round).task));
    // Where the difference is, page by page.
    const labels = samples.none[0].perPage.map((p) => p.label);
    const perPageMedians = labels.map((page, i) => {
      const row = { page };
      for (const mode of modes)
        row[`${mode} ms`] = fmt(median(samples[mode].map((s) => s.perPage[i].task)));
      row['session/none'] = fmt(
        median(samples.session.map((s) => s.perPage[i].task)) /
          median(samples.none.map((s) => s.perPage[i].task)),
        3,
      );
      return row;
    });

    console.log('');
    how(
      `one tab per mode (the unrecorded tab${modes.includes('raw') ? 's' : ''} on a second demo origin); the same journey (6 full navigations, SPA route changes on /payments, ` +
        `typing in /signup, /payments/new and /settings, wheel scrolls), mode order alternated across ${rounds} rounds after one warm-up pass each; ` +
        `main-thread time = sum over the journey's documents of CDP Performance.getMetrics TaskDuration, read ${SETTLE_MS} ms after the last action on each page ` +
        `(the metrics restart with every document); CPU = same with ThreadTime (CPU time, steadier when other processes compete for the cores), ` +
        `script/compile = ScriptDuration/V8CompileDuration; medians, ratio of medians.` +
        (modes.includes('raw')
          ? ' "raw rrweb" = @rrweb/record injected with addInitScript, record({emit: keep in an array, maskAllInputs: true}).'
          : ''),
    );
    printTable(
      modes.map((mode) => ({
        mode: label[mode],
        'main-thread ms': fmt(med[mode].task),
        IQR: `${fmt(med[mode].taskIqr[0])}-${fmt(med[mode].taskIqr[1])}`,
        'CPU ms': fmt(med[mode].thread),
        'script ms': fmt(med[mode].script),
        'compile ms': fmt(med[mode].compile),
        'layout+style ms': fmt(med[mode].layoutStyle),
        'wall s': fmt(med[mode].wallMs / 1000),
      })),
      [
        'mode',
        'main-thread ms',
        'IQR',
        'CPU ms',
        'script ms',
        'compile ms',
        'layout+style ms',
        'wall s',
      ],
    );
    console.log(
      `  ratio recording/not: main thread ${fmt(r.task, 3)} (paired median ${fmt(pairedTask, 3)}), main-thread CPU ${fmt(r.thread, 3)}, script ${fmt(r.script, 3)}; ` +
        `recording adds ${fmt(extraPerPage)} ms main-thread time (${fmt(extraCpuPerPage)} ms CPU) per document (${documents} documents per journey)`,
    );
    if (med.raw) {
      console.log(
        `  diag: raw rrweb/none main thread ${fmt(r.rawOverNoneTask, 3)} (CPU ${fmt(r.rawOverNoneThread, 3)}); ` +
          `session/raw rrweb main thread ${fmt(r.sessionOverRawTask, 3)} (CPU ${fmt(r.sessionOverRawThread, 3)})`,
      );
    }
    console.log('  per page (median main-thread ms):');
    printTable(perPageMedians, ['page', ...modes.map((m) => `${m} ms`), 'session/none']);
    console.log(
      `  sanity: the session stored ${session?.stats.pages ?? '?'} page loads, ${session?.stats.events ?? '?'} events, ${fmt((session?.stats.bytes ?? 0) / 1000)} KB`,
    );

    const results = {
      rounds,
      modes,
      settleMs: SETTLE_MS,
      medians: med,
      ratio: r,
      pairedTaskRatio: pairedTask,
      extraMsPerDocument: extraPerPage,
      extraCpuMsPerDocument: extraCpuPerPage,
      perPage: perPageMedians,
      samples,
      sessionStats: session?.stats ?? null,
    };
    const summary = [
      summaryRow(
        'a2 journey: recording/not (main thread)',
        fmt(r.task, 3),
        '<= 1.05',
        r.task <= 1.05,
      ),
      summaryRow(
        'a2 journey: recording/not (main-thread CPU)',
        fmt(r.thread, 3),
        '<= 1.05',
        r.thread <= 1.05,
      ),
      summaryRow(
        'a2 journey: extra ms per page load (main | CPU)',
        `${fmt(extraPerPage)} | ${fmt(extraCpuPerPage)}`,
      ),
    ];
    if (med.raw) {
      summary.push(
        summaryRow(
          'a2 diag: raw rrweb/none (main | CPU)',
          `${fmt(r.rawOverNoneTask, 3)} | ${fmt(r.rawOverNoneThread, 3)}`,
        ),
        summaryRow(
          'a2 diag: session/raw rrweb (main | CPU)',
          `${fmt(r.sessionOverRawTask, 3)} | ${fmt(r.sessionOverRawThread, 3)}`,
        ),
      );
    }
    return { results, summary };
  } finally {
    await browser.close();
    await recorded.close();
    await control.close();
  }
}

export async function runOverhead(which = 'all') {
  const out = { results: {}, summary: [] };
  if (which === 'all' || which === 'mutation') {
    const a1 = await runMutationOverhead();
    out.results.mutation = a1.results;
    out.summary.push(...a1.summary);
  }
  if (which === 'all' || which === 'journey') {
    const a2 = await runJourneyOverhead();
    out.results.journey = a2.results;
    out.summary.push(...a2.summary);
  }
  return out;
}

if (isMain(import.meta.url)) {
  const which = process.argv[2] ?? 'all';
  if (!['all', 'mutation', 'journey'].includes(which)) {
    console.error('usage: node scripts/bench/overhead.mjs [mutation|journey]');
    process.exit(2);
  }
  await runStandalone('overhead', () => runOverhead(which));
}
