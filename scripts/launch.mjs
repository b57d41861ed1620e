// Launches Chromium with the built extension loaded (shared by npm start,
// the e2e tests and the benchmarks).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChrome } from './find-chrome.mjs';

export const TEST_EXTENSION_DIR = resolve(
  process.env.SG_OUT_DIR ? `${process.env.SG_OUT_DIR}/chrome-mv3` : '.output-test/chrome-mv3',
);
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/**
 * `closeOnSignals`: on Ctrl+C (SIGINT), SIGTERM or SIGHUP, close the browser cleanly
 * instead of letting Playwright do it (see closeOnSignals below).
 * @param {{ extensionDir?: string, profileDir?: string, headless?: boolean, viewport?: {width:number,height:number} | null, args?: string[], closeOnSignals?: boolean }} options
 */
export async function launchWithExtension(options = {}) {
  const extensionDir = options.extensionDir ?? TEST_EXTENSION_DIR;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'sg-profile-')));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChrome(),
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 860 } : options.viewport,
    // Playwright adds --disable-extensions by default.
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(options.closeOnSignals && {
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    }),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Chromium refuses to run as root with its sandbox on (CI, containers).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      ...(options.args ?? []),
    ],
  });
  if (options.closeOnSignals) closeOnSignals(context);
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, profileDir, worker };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Close the browser once, gracefully, on the first signal and ignore the rest
 * until it is closed. Playwright's own handlers force-kill the browser on a second
 * SIGINT, and one always comes: the terminal sends Ctrl+C to npm and node alike and
 * npm forwards it to node again. A killed browser leaves its profile marked as
 * crashed, so the next start offers "Restore pages?".
 * @param {import('playwright-core').BrowserContext} context
 */
function closeOnSignals(context) {
  let closing = false;
  const onSignal = () => {
    if (closing) return;
    closing = true;
    console.log('Closing the browser…');
    context.close().catch(() => {});
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  // npm runs scripts through `sh -c`, and Debian's sh (dash) does not pass on the
  // SIGTERM that npm forwards: we only notice that our parent is gone.
  const parent = process.ppid;
  const watch = setInterval(() => process.ppid !== parent && onSignal(), 500);
  watch.unref();
  context.on('close', () => {
    clearInterval(watch);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  });
}

/** Browser-level DevTools port of a context launched with --remote-debugging-port=0. */
export async function devToolsPort(profileDir) {
  const text = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8');
  return Number(text.split('\n')[0]);
}

/** Chrome's id for an unpacked extension: sha256 of its absolute path, hex mapped to a-p. */
export function unpackedExtensionId(extensionDir) {
  const hex = createHash('sha256').update(resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Pin the extension's toolbar button in a profile before Chromium starts (first run only). */
export async function pinExtension(profileDir, extensionDir) {
  const prefsPath = join(profileDir, 'Default', 'Preferences');
  let prefs = {};
  try {
    prefs = JSON.parse(await readFile(prefsPath, 'utf8'));
  } catch {
    await mkdir(join(profileDir, 'Default'), { recursive: true });
  }
  const id = unpackedExtensionId(extensionDir);
  prefs.extensions ??= {};
  const pinned = new Set(prefs.extensions.pinned_extensions ?? []);
  pinned.add(id);
  prefs.extensions.pinned_extensions = [...pinned];
  await writeFile(prefsPath, JSON.stringify(prefs));
}
