import { readdirSync, readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { applySchema, createDb, gzipJson, loadSegmentEvents, SCHEMA } from '@/lib/storage';

/**
 * One fixture database per shipped schema version (test/fixtures/db/vN.json):
 * rows as that version wrote them. Binary fields are written as
 * {"$gzipJson": value} (what the recorder stores) or {"$bytes": base64}.
 */
interface Fixture {
  version: number;
  tables: Record<string, Record<string, unknown>[]>;
}

const FIXTURE_DIR = new URL('../../fixtures/db/', import.meta.url);
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURE_DIR), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);

async function decode(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map(decode));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('$gzipJson' in record) return gzipJson(record.$gzipJson);
  if ('$bytes' in record)
    return Uint8Array.from(atob(String(record.$bytes)), (c) => c.charCodeAt(0));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) out[key] = await decode(v);
  return out;
}

/** A database exactly as version N of the schema left it, holding the fixture's rows. */
async function databaseAt(fixture: Fixture): Promise<{ name: string; rows: Fixture['tables'] }> {
  const name = `migrate-v${fixture.version}-${Math.random()}`;
  const old = new Dexie(name);
  applySchema(
    old,
    SCHEMA.filter((v) => v.version <= fixture.version),
  );
  const rows: Fixture['tables'] = {};
  for (const [table, list] of Object.entries(fixture.tables)) {
    rows[table] = (await decode(list)) as Record<string, unknown>[];
    await old.table(table).bulkAdd(rows[table]);
  }
  old.close();
  return { name, rows };
}

describe('database migrations', () => {
  it('has a fixture database for every schema version', () => {
    expect(fixtures.map((f) => f.version)).toEqual(SCHEMA.map((v) => v.version));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))(
    'opens a v%i database with the current schema and loses nothing',
    async (version, fixture) => {
      const { name, rows } = await databaseAt(fixture);
      const db = createDb(name);
      await db.open();
      expect(db.verno).toBe(SCHEMA.at(-1)!.version);
      for (const [table, list] of Object.entries(rows)) {
        const stored = await db.table(table).toArray();
        expect(stored, `${table} after upgrading v${version}`).toHaveLength(list.length);
        for (const row of list) expect(stored).toContainEqual(expect.objectContaining(row));
      }
      // Every session still replays page by page.
      for (const segment of rows.segments ?? []) {
        const events = await loadSegmentEvents(db, String(segment.id));
        const expected = (fixture.tables.chunks ?? [])
          .filter((c) => c.segmentId === segment.id)
          .flatMap((c) => (c.data as { $gzipJson: unknown[] }).$gzipJson);
        expect(events).toEqual(expected);
      }
      // What later versions added has its defaults.
      for (const session of await db.sessions.toArray()) {
        expect(session.stats).toBeDefined();
        expect(session.study === null || typeof session.study === 'object').toBe(true);
        expect(Array.isArray(session.tasks)).toBe(true);
      }
      db.close();
    },
  );

  it('fills the counters a v1 database lacked from its chunks', async () => {
    const { name, rows } = await databaseAt(fixtures[0]!);
    const db = createDb(name);
    const chunkBytes = (rows.chunks ?? []).reduce(
      (n, c) => n + (c.data as Uint8Array).byteLength,
      0,
    );
    expect((await db.sessions.get('s1'))?.stats).toEqual({
      bytes: chunkBytes,
      events: 3,
      pages: 2,
    });
    expect(await db.segments.get('g1')).toMatchObject({ events: 3, lastSeq: 1, lastTs: 1500 });
    expect(await db.segments.get('g2')).toMatchObject({ events: 0, lastSeq: -1, lastTs: 1800 });
    expect(await db.sessions.get('s1')).toMatchObject({
      study: null,
      tasks: [],
      goalReached: null,
    });
    db.close();
  });
});
