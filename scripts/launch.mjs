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
 * @param {{ extensionDir?: string, profileDir?: string, headless?: boolean, viewport?: {width:number,height:number} | null, args?: string[] }} options
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
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, profileDir, worker };
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
