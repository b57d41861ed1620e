// Shared helpers for the benchmark suite (scripts/bench/*.mjs).
// Plain Node ESM; drives Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readStores } from '../extension-db.mjs';
import {
  openPopup,
  proposedOrigins,
  startQuickSession,
  stopSession as stopQuickSession,
} from '../popup-driver.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// launch.mjs resolves the extension directories against the working directory.
process.chdir(ROOT);

const { launchWithExtension, devToolsPort, TEST_EXTENSION_DIR, EXTENSION_DIR } = await import(
  pathToFileURL(join(ROOT, 'scripts/launch.mjs')).href
);
const { startDemoServer } = await import(pathToFileURL(join(ROOT, 'demo/server.mjs')).href);

export { TEST_EXTENSION_DIR, EXTENSION_DIR, startDemoServer };
export const OUT_DIR = join(ROOT, 'bench-output');
export const RESULTS_FILE = join(OUT_DIR, 'results.json');
export const MARKER = 'data-study-group';

/** True when the module at `metaUrl` is the script node was started with. */
export function isMain(metaUrl) {
  return process.argv[1] && pathToFileURL(process.argv[1]).href === metaUrl;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ printing

export function heading(text) {
  console.log(`\n=== ${text} ===`);
}

/** One line saying how a number was measured. */
export function how(text) {
  console.log(`  how: ${text}`);
}

export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return Number(value).toFixed(digits);
}

export function printTable(rows, columns) {
  const widths = columns.map((c) =>
    Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)),
  );
  const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => r[c])));
}

/** Row for the summary table. `ok` is null when there is no target. */
export function summaryRow(metric, value, target, ok) {
  return {
    metric,
    value,
    target: target ?? '',
    status: ok === null || ok === undefined ? '' : ok ? 'ok' : 'MISSED',
  };
}

// ------------------------------------------------------------------ statistics

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/** Every ordering of `items` (used to rotate mode order across rounds). */
export function permutations(items) {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

// ------------------------------------------------------------------ builds

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Newest source file that ends up in the extension bundle. */
export function newestSourceMtime() {
  return Math.max(
    ...['entrypoints', 'lib', 'components'].map((d) => newestMtime(join(ROOT, d))),
    statSync(join(ROOT, 'wxt.config.ts')).mtimeMs,
  );
}

function wxtBuild(testHosts) {
  console.log(`  building: ${testHosts ? 'SG_TEST_HOSTS=1 ' : ''}npx wxt build …`);
  try {
    execFileSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, SG_TEST_HOSTS: testHosts ? '1' : '' },
    });
  } catch (error) {
    console.error(error.stdout, error.stderr);
    throw new Error(`wxt build failed (exit ${error.status})`, { cause: error });
  }
}

/**
 * The test variant (loopback host permission) that the browser benchmarks load.
 * Built when missing; when older than the sources only a warning is printed
 * (`npm run bench` builds it first; rebuilding under a running e2e browser of
 * someone else would pull the files from under it).
 */
export function ensureTestBuild() {
  const recorder = join(TEST_EXTENSION_DIR, 'content-scripts/recorder.js');
  if (!existsSync(join(TEST_EXTENSION_DIR, 'manifest.json')) || !existsSync(recorder))
    wxtBuild(true);
  else if (statSync(recorder).mtimeMs < newestSourceMtime() && !warnedStale) {
    warnedStale = true;
    console.log(
      '  WARNING: .output-test is older than the newest source file: measuring a stale build (run SG_TEST_HOSTS=1 npx wxt build).',
    );
  }
}
let warnedStale = false;

/** The production build whose content scripts are measured for size: built when missing or stale. */
export function ensureProdBuild() {
  const recorder = join(EXTENSION_DIR, 'content-scripts/recorder.js');
  if (!existsSync(recorder)) wxtBuild(false);
  else if (statSync(recorder).mtimeMs < newestSourceMtime()) {
    console.log('  note: .output is older than the newest source file; rebuilding it.');
    wxtBuild(false);
  }
}

// ------------------------------------------------------------------ browser + extension

export async function startDemo() {
  return startDemoServer({ host: '127.0.0.1', port: 0, partnerPort: 0 });
}

/** Chromium with the test build of the extension, plus convenience helpers. */
export async function openBrowser() {
  ensureTestBuild();
  const launched = await launchWithExtension({ headless: true });
  const { context, extensionId, profileDir } = launched;
  const extUrl = (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  let closing = false;
  context.on('close', () => {
    if (!closing)
      console.error(
        `  [bench] the browser went away unexpectedly at ${new Date().toISOString()} (crash or killed from outside)`,
      );
  });
  context.on('page', (page) =>
    page.on('crash', () =>
      console.error(`  [bench] renderer crashed: ${page.url()} at ${new Date().toISOString()}`),
    ),
  );
  // about:blank tab that launchPersistentContext opens: keep it, it is idle.
  return {
    ...launched,
    extUrl,
    async close() {
      closing = true;
      await context.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true }).catch(() => {});
    },
    devToolsPort: () => devToolsPort(profileDir),
  };
}

/**
 * Starts a session from the popup (opened as a tab). The popup acts on the most
 * recently used web tab, so `target` is brought to the front first.
 */
export async function startSession(browser, target, title) {
  await target.bringToFront();
  const popup = await openPopup(browser.context, browser.extensionId);
  const origins = await proposedOrigins(popup);
  const expected = new URL(target.url()).origin;
  if (origins.trim() !== expected) {
    throw new Error(`popup proposes origins "${origins}" but the target tab is ${expected}`);
  }
  await startQuickSession(popup, { title, timeout: 15_000 });
  await target.bringToFront();
  return popup;
}

export async function stopSession(popup) {
  await popup.bringToFront();
  await stopQuickSession(popup, { timeout: 30_000 });
}

export async function waitRecording(page, timeout = 15_000) {
  await page.waitForFunction(
    (m) => document.documentElement.getAttribute(m) === 'recording',
    MARKER,
    {
      timeout,
    },
  );
}

export function markerOf(page) {
  return page.evaluate((m) => document.documentElement.getAttribute(m), MARKER);
}

/** Bytes of the binary fields of one record (chunk data, deduplicated assets, pictures). */
function binaryBytes(record) {
  let n = 0;
  for (const value of Object.values(record ?? {})) {
    if (ArrayBuffer.isView(value)) n += value.byteLength;
  }
  return n;
}

/**
 * Raw IndexedDB read (the shared reader, independent of the extension's own
 * code): records and binary bytes per store and session, every object store
 * included. With `chunks`, chunk bytes come back base64-encoded.
 */
export async function readDb(browser, { chunks = false } = {}) {
  const { version, stores: rows } = await readStores(browser.context, browser.extensionId);
  const stores = {};
  for (const [name, records] of Object.entries(rows)) {
    const bySession = {};
    for (const row of records) {
      const key = row?.sessionId ?? '(none)';
      const entry = (bySession[key] ??= { records: 0, binaryBytes: 0 });
      entry.records += 1;
      entry.binaryBytes += binaryBytes(row);
    }
    stores[name] = { records: records.length, bySession };
  }
  return {
    version,
    stores,
    sessions: rows.sessions ?? [],
    segments: rows.segments ?? [],
    timelineCount: (rows.timeline ?? []).length,
    chunks: (rows.chunks ?? []).map((c) => ({
      segmentId: c.segmentId,
      sessionId: c.sessionId,
      seq: c.seq,
      count: c.count,
      bytes: c.data.byteLength,
      ...(chunks ? { data: Buffer.from(c.data).toString('base64') } : {}),
    })),
  };
}

// ------------------------------------------------------------------ CDP metrics

/** Performance domain on one page (metrics are per document: they restart on navigation). */
export async function perfSession(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    cdp,
    /** TaskDuration / ScriptDuration / … of the page's current document, in ms. */
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return {
        task: m.TaskDuration * 1000,
        script: m.ScriptDuration * 1000,
        layout: m.LayoutDuration * 1000,
        style: m.RecalcStyleDuration * 1000,
        compile: (m.V8CompileDuration ?? 0) * 1000,
        devtools: (m.DevToolsCommandDuration ?? 0) * 1000,
        // CPU time (not wall time) of the renderer's main thread / whole process.
        thread: (m.ThreadTime ?? NaN) * 1000,
        process: (m.ProcessTime ?? NaN) * 1000,
        heap: m.JSHeapUsedSize,
      };
    },
  };
}

export function deltaMetrics(a, b) {
  return {
    task: b.task - a.task,
    script: b.script - a.script,
    layout: b.layout - a.layout,
    style: b.style - a.style,
    compile: b.compile - a.compile,
    devtools: b.devtools - a.devtools,
    thread: b.thread - a.thread,
    process: b.process - a.process,
  };
}

/**
 * The extension's service worker through the browser-level DevTools endpoint
 * (a second CDP client beside Playwright's). Commands go through
 * Target.sendMessageToTarget because Playwright's CDPSession cannot address a
 * flattened child session.
 */
export async function connectServiceWorker(browser) {
  const port = await browser.devToolsPort();
  const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const cdp = await cdpBrowser.newBrowserCDPSession();
  let nextId = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const entry = message.id !== undefined && waiting.get(`${event.sessionId}:${message.id}`);
    if (!entry) return;
    waiting.delete(`${event.sessionId}:${message.id}`);
    if (message.error) entry.reject(new Error(`${message.error.message} (${message.error.code})`));
    else entry.resolve(message.result);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(`${sessionId}:${id}`, { resolve, reject });
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch(reject);
    });
  const findWorker = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.find(
      (t) =>
        t.type === 'service_worker' &&
        t.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    );
  };
  return {
    /** Attach, force a GC, read the heap, detach. Returns null when no worker runs. */
    async sampleHeap() {
      const target = await findWorker();
      if (!target) return null;
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      try {
        const before = await send(sessionId, 'Runtime.getHeapUsage');
        await send(sessionId, 'HeapProfiler.collectGarbage');
        const after = await send(sessionId, 'Runtime.getHeapUsage');
        return {
          targetId: target.targetId,
          usedBeforeGc: before.usedSize,
          used: after.usedSize,
          total: after.totalSize,
          embedder: after.embedderHeapUsedSize,
          backingStorage: after.backingStorageSize,
        };
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    },
    async close() {
      await cdp.detach().catch(() => {});
      // For a connectOverCDP browser this only disconnects.
      await cdpBrowser.close().catch(() => {});
    },
  };
}

// ------------------------------------------------------------------ results

export async function readResults() {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** Merge one part's raw numbers into bench-output/results.json. */
export async function saveResults(part, value) {
  await mkdir(OUT_DIR, { recursive: true });
  const all = await readResults();
  // Shallow merge: `overhead.mjs mutation` keeps the journey numbers of an earlier run.
  const previous = all[part];
  all[part] =
    previous && typeof previous === 'object' && typeof value === 'object'
      ? { ...previous, ...value }
      : value;
  all.updatedAt = new Date().toISOString();
  await writeFile(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

export async function writeAllResults(value) {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a part; when the browser went away under it (crash, or killed from
 * outside: other work shares this machine), runs it once more.
 */
export async function withRetry(name, fn) {
  try {
    return await fn();
  } catch (error) {
    if (!/has been closed|Target closed|crash/i.test(String(error?.message))) throw error;
    console.error(
      `  [bench] ${name}: the browser went away (${error.message.split('\n')[0]}); running ${name} once more`,
    );
    const again = await fn();
    return {
      ...again,
      results: { ...again.results, retriedAfter: String(error.message).split('\n')[0] },
    };
  }
}

/** Run a part as a script: print its summary, merge its results. */
export async function runStandalone(part, fn) {
  const started = Date.now();
  try {
    const { results, summary } = await withRetry(part, fn);
    heading(`summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    printTable(summary, ['metric', 'value', 'target', 'status']);
    await saveResults(part, results);
    console.log(`\nraw numbers merged into ${RESULTS_FILE}`);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}

export function machineInfo() {
  return import('node:os').then((os) => ({
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavg: os.loadavg(),
    chromium: (() => {
      try {
        return execFileSync('/usr/bin/chromium', ['--version'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
      } catch {
        return null;
      }
    })(),
  }));
}
