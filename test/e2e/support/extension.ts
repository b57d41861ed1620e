import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  DB_NAME,
  hostAccess,
  readInBrowser,
  readStore,
  readStores,
  writeInBrowser,
  writeStore,
} from '../../../scripts/extension-db.mjs';
import { launchWithExtension } from '../../../scripts/launch.mjs';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  url(path: string): string;
  /** Stop the MV3 service worker the way Chrome does when it idles. */
  stopServiceWorker(): Promise<void>;
  /** Read the extension's IndexedDB (in its service worker: no tab opens, focus stays). */
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
  options: { profileDir?: string; args?: string[] } = {},
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
    dbDump: async () => toDump((await readStores(context, extensionId, DUMP)).stores),
    readStore: <T>(store: string, sortBy?: string) =>
      readStore<T>(context, extensionId, store, sortBy),
    writeStore: (store, rows) => writeStore(context, extensionId, store, rows),
    hostAccess: () => hostAccess(context, extensionId),
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

/** Raw IndexedDB writes (put) from an extension page, independent of the extension's own code paths. */
export function writeDb(page: Page, store: string, rows: object[]): Promise<void> {
  return page.evaluate(writeInBrowser, { name: DB_NAME, store, rows });
}

/** Raw IndexedDB reads from an extension page, independent of the extension's own code paths. */
export function readDb(page: Page): Promise<DbDump>;
export function readDb(page: Page, stores: string[]): Promise<Record<string, unknown[]>>;
export async function readDb(page: Page, stores?: string[]): Promise<unknown> {
  if (stores) return (await page.evaluate(readInBrowser, { name: DB_NAME, stores })).stores;
  return toDump((await page.evaluate(readInBrowser, { name: DB_NAME, ...DUMP })).stores);
}

/** What a DbDump reads: chunks by key only. */
const DUMP = { stores: ['sessions', 'segments', 'chunks', 'timeline'], keysOnly: ['chunks'] };

function toDump({ chunks, ...rest }: Record<string, unknown[]>): DbDump {
  return { ...rest, chunkKeys: chunks } as unknown as DbDump;
}
