import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from '../../../scripts/launch.mjs';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  url(path: string): string;
  /** Stop the MV3 service worker the way Chrome does when it idles. */
  stopServiceWorker(): Promise<void>;
  /** Read the extension's IndexedDB from one of its pages. */
  dbDump(): Promise<DbDump>;
  /** Every row of one object store, optionally sorted by a numeric field. */
  readStore<T>(store: string, sortBy?: string): Promise<T[]>;
  /**
   * Put rows into one object store as they are, bypassing the extension's
   * code (a bad record, say). Uint8Array fields go as `{ bytes: number[] }`.
   */
  writeStore(store: string, rows: object[]): Promise<void>;
  /** Host patterns the extension may access now (permissions.getAll). */
  hostAccess(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DbDump {
  sessions: {
    id: string;
    title: string;
    status: string;
    stats: { pages: number; events: number; bytes: number };
    endReason: unknown;
  }[];
  segments: {
    id: string;
    sessionId: string;
    url: string;
    tabId: number;
    events: number;
    lastSeq: number;
  }[];
  chunkKeys: [string, number][];
  timeline: { type: string; sessionId: string; [key: string]: unknown }[];
}

export async function launchExtension(
  options: { profileDir?: string } = {},
): Promise<ExtensionBrowser> {
  const { context, extensionId, profileDir } = await launchWithExtension(options);
  const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    profileDir,
    url,
    async stopServiceWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async dbDump() {
      const page = await context.newPage();
      await page.goto(url('/options.html'));
      const dump = await readDb(page);
      await page.close();
      return dump;
    },
    async readStore<T>(store: string, sortBy?: string) {
      const page = await context.newPage();
      await page.goto(url('/options.html'));
      const rows = (await readDb(page, [store]))[store] as Record<string, number>[];
      await page.close();
      if (sortBy) rows.sort((a, b) => a[sortBy]! - b[sortBy]!);
      return rows as T[];
    },
    async writeStore(store, rows) {
      const page = await context.newPage();
      await page.goto(url('/options.html'));
      await writeDb(page, store, rows);
      await page.close();
    },
    async hostAccess() {
      const page = await context.newPage();
      await page.goto(url('/options.html'));
      const { origins } = await page.evaluate(() => chrome.permissions.getAll());
      await page.close();
      return origins ?? [];
    },
    close: () => context.close(),
  };
}

/**
 * Grants a host pattern in a profile whose browser is closed, as Chrome
 * stores an accepted permission prompt (which automation cannot click).
 * Launch the extension on the profile once before, so its entry exists.
 */
export async function grantHostAccessInProfile(
  profileDir: string,
  extensionId: string,
  pattern: string,
): Promise<void> {
  const path = join(profileDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(path, 'utf8'));
  const entry = prefs.extensions.settings[extensionId];
  for (const key of ['granted_permissions', 'active_permissions']) {
    entry[key].explicit_host = [...(entry[key].explicit_host ?? []), pattern];
  }
  await writeFile(path, JSON.stringify(prefs));
}

/** Raw IndexedDB writes (put), independent of the extension's own code paths. */
export function writeDb(page: Page, store: string, rows: object[]): Promise<void> {
  return page.evaluate(
    async ({ store, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('study-group');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const revive = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(revive);
        if (value === null || typeof value !== 'object') return value;
        const { bytes } = value as { bytes?: unknown };
        if (Array.isArray(bytes)) return new Uint8Array(bytes as number[]);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
      };
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite');
        for (const row of rows) tx.objectStore(store).put(revive(row));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { store, rows },
  );
}

/** Raw IndexedDB reads, independent of the extension's own code paths. */
export function readDb(page: Page): Promise<DbDump>;
export function readDb(page: Page, stores: string[]): Promise<Record<string, unknown[]>>;
export function readDb(page: Page, stores?: string[]): Promise<unknown> {
  return page.evaluate(async (only) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('study-group');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T>(store: string, keysOnly = false) =>
      new Promise<T[]>((resolve, reject) => {
        const os = db.transaction(store).objectStore(store);
        const req = keysOnly ? os.getAllKeys() : os.getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    let result: Record<string, unknown[]>;
    if (only) {
      result = {};
      for (const store of only) result[store] = await all(store);
    } else {
      result = {
        sessions: await all('sessions'),
        segments: await all('segments'),
        chunkKeys: await all('chunks', true),
        timeline: await all('timeline'),
      };
    }
    db.close();
    return result;
  }, stores);
}
