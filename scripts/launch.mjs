// Launches Chromium with the built extension loaded (shared by npm start,
// the e2e tests and the benchmarks).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChrome } from './find-chrome.mjs';

export const TEST_EXTENSION_DIR = resolve('.output-test/chrome-mv3');
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
      '--no-sandbox',
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
