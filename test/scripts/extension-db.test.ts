import { afterEach, describe, expect, it } from 'vitest';
import { readInBrowser, writeInBrowser } from '../../scripts/extension-db.mjs';

// The in-browser halves of the shared raw reader and writer, on fake-indexeddb.
let nextName = 0;
const dbName = () => `extension-db-test-${++nextName}`;

function createDb(name: string, stores: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 3);
    req.onupgradeneeded = () => {
      for (const store of stores) req.result.createObjectStore(store, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

const names = async () => (await indexedDB.databases()).map((d) => d.name);

afterEach(async () => {
  for (const name of await names()) if (name) indexedDB.deleteDatabase(name);
});

describe('readInBrowser', () => {
  it('reads a database that is not there yet as empty, without creating it', async () => {
    const name = dbName();
    expect(await readInBrowser({ name, stores: ['sessions'] })).toEqual({
      version: 0,
      stores: { sessions: [] },
    });
    expect(await names()).not.toContain(name);
  });

  it('reads every store, or the named ones, with keys only where asked', async () => {
    const name = dbName();
    await createDb(name, ['sessions', 'chunks']);
    await writeInBrowser({ name, store: 'sessions', rows: [{ id: 's1', title: 'One' }] });
    await writeInBrowser({ name, store: 'chunks', rows: [{ id: 'c1' }, { id: 'c2' }] });

    const all = await readInBrowser({ name });
    expect(all.version).toBe(3);
    expect(all.stores).toEqual({
      chunks: [{ id: 'c1' }, { id: 'c2' }],
      sessions: [{ id: 's1', title: 'One' }],
    });
    expect(
      (await readInBrowser({ name, stores: ['chunks'], keysOnly: ['chunks'] })).stores,
    ).toEqual({ chunks: ['c1', 'c2'] });
  });
});

describe('writeInBrowser', () => {
  it('stores `{ bytes }` fields as Uint8Array and leaves real ones as they are', async () => {
    const name = dbName();
    await createDb(name, ['screenshots']);
    await writeInBrowser({
      name,
      store: 'screenshots',
      rows: [
        { id: 'a', data: { bytes: [255, 216] }, nested: [{ data: { bytes: [1] } }] },
        { id: 'b', data: new Uint8Array([7, 8]) },
      ],
    });
    const [a, b] = (await readInBrowser({ name, stores: ['screenshots'] })).stores.screenshots as {
      data: Uint8Array;
      nested?: { data: Uint8Array }[];
    }[];
    expect(a!.data).toEqual(new Uint8Array([255, 216]));
    expect(a!.nested![0]!.data).toEqual(new Uint8Array([1]));
    expect(b!.data).toEqual(new Uint8Array([7, 8]));
  });

  it('refuses to write before the database exists', async () => {
    const name = dbName();
    const write = writeInBrowser({ name, store: 'sessions', rows: [{ id: 'x' }], waitMs: 200 });
    await expect(write).rejects.toThrow(`no ${name} database to write to`);
    expect(await names()).not.toContain(name);
  });
});
