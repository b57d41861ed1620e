// Raw reads and writes of the extension's IndexedDB, independent of the
// extension's own code, shared by the e2e support, npm start, the benchmarks
// and the friction fixture recorder. They run in the extension's service
// worker, not in a tab: opening a tab would take the focus, and the popup acts
// on the web tab that was in front last.

export const DB_NAME = 'study-group';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Worker} Worker */

/**
 * The id of the extension loaded in `context`, from its service worker's URL.
 * @param {BrowserContext} context
 * @returns {Promise<string>}
 */
export async function extensionIdOf(context) {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return new URL(worker.url()).host;
}

/**
 * The extension's service worker, started first when it is stopped: Playwright
 * keeps the stopped worker's handle, and an evaluate on it would hang until
 * something else woke the worker. Starting it needs a page's DevTools session
 * (the browser-level one has no ServiceWorker domain); any open page will do.
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<Worker>}
 */
export async function extensionWorker(context, extensionId) {
  const scopeURL = `chrome-extension://${extensionId}/`;
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.startWorker', { scopeURL });
  } finally {
    await cdp.detach().catch(() => {});
  }
  const ours = (/** @type {Worker} */ w) => w.url().startsWith(scopeURL);
  return (
    context.serviceWorkers().findLast(ours) ??
    (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }))
  );
}

/**
 * Runs in the browser (a page or a worker of the extension's origin): every row
 * of the named stores (every store when `stores` is omitted), only the keys for
 * the stores in `keysOnly`. A database that does not exist yet reads as empty
 * and is not created by the read (Dexie creates it with its schema).
 * @param {{ name: string, stores?: string[], keysOnly?: string[] }} request
 * @returns {Promise<{ version: number, stores: Record<string, unknown[]> }>}
 */
export async function readInBrowser({ name, stores, keysOnly = [] }) {
  /** @type {IDBDatabase | null} */
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (req.error?.name === 'AbortError' ? resolve(null) : reject(req.error));
  });
  if (!db) return { version: 0, stores: Object.fromEntries((stores ?? []).map((s) => [s, []])) };
  try {
    /** @type {Record<string, unknown[]>} */
    const result = {};
    for (const store of stores ?? [...db.objectStoreNames]) {
      result[store] = await new Promise((resolve, reject) => {
        const os = db.transaction(store).objectStore(store);
        const req = keysOnly.includes(store) ? os.getAllKeys() : os.getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return { version: db.version, stores: result };
  } finally {
    db.close();
  }
}

/**
 * Runs in the browser: puts rows into one store as they are. Fields given as
 * `{ bytes: number[] }` are stored as Uint8Array (for callers that cannot pass one).
 * Waits up to `waitMs` for the database to exist.
 * @param {{ name: string, store: string, rows: object[], waitMs?: number }} request
 * @returns {Promise<void>}
 */
export async function writeInBrowser({ name, store, rows, waitMs = 10_000 }) {
  // Dexie creates the database with its schema when the extension starts: wait for it.
  for (let waited = 0; !(await indexedDB.databases()).some((d) => d.name === name); waited += 50) {
    if (waited >= waitMs) throw new Error(`no ${name} database to write to`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  /** @type {IDBDatabase} */
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  /** @type {(value: unknown) => unknown} */
  const revive = (value) => {
    if (Array.isArray(value)) return value.map(revive);
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
    const { bytes } = /** @type {{ bytes?: unknown }} */ (value);
    if (Array.isArray(bytes)) return new Uint8Array(bytes);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  };
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      for (const row of rows) tx.objectStore(store).put(revive(row));
      tx.oncomplete = () => resolve(undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * Every row of the named stores (every store when omitted), read in the
 * extension's service worker. Binary fields come back as Uint8Array.
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @param {{ stores?: string[], keysOnly?: string[] }} [options]
 */
export async function readStores(context, extensionId, options = {}) {
  const worker = await extensionWorker(context, extensionId);
  return worker.evaluate(readInBrowser, { name: DB_NAME, ...options });
}

/**
 * Rows of one store, optionally sorted by a numeric field.
 * @template T
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @param {string} store
 * @param {string} [sortBy]
 * @returns {Promise<T[]>}
 */
export async function readStore(context, extensionId, store, sortBy) {
  const rows = /** @type {Record<string, number>[]} */ (
    (await readStores(context, extensionId, { stores: [store] })).stores[store]
  );
  if (sortBy)
    rows.sort((a, b) => /** @type {number} */ (a[sortBy]) - /** @type {number} */ (b[sortBy]));
  return /** @type {T[]} */ (/** @type {unknown} */ (rows));
}

/**
 * Puts rows into one store in the extension's service worker, bypassing the extension's code.
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @param {string} store
 * @param {object[]} rows
 */
export async function writeStore(context, extensionId, store, rows) {
  const worker = await extensionWorker(context, extensionId);
  await worker.evaluate(writeInBrowser, { name: DB_NAME, store, rows });
}

/**
 * Host patterns the extension may access now (permissions.getAll in its worker).
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<string[]>}
 */
export async function hostAccess(context, extensionId) {
  const worker = await extensionWorker(context, extensionId);
  const { origins } = await worker.evaluate(() => globalThis.chrome.permissions.getAll());
  return origins ?? [];
}
