import { describe, expect, it } from 'vitest';
import { createDb, deleteSession, sessionDataTables, type StudyGroupDb } from '@/lib/storage';

type AnyTable = ReturnType<typeof sessionDataTables>[number];

/**
 * A row for `table` that fills every key path of its schema (primary key and
 * indexes), so it is found by `sessionId` whatever table is added later.
 */
function rowFor(table: AnyTable, sessionId: string, n: number): Record<string, unknown> {
  const row: Record<string, unknown> = { sessionId };
  const { primKey, indexes } = table.schema;
  const paths = [primKey, ...indexes]
    .filter((index) => !index.auto)
    .flatMap((index) => (Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath ?? '']));
  for (const path of paths) {
    if (path && !(path in row)) row[path] = `${path}-${sessionId}-${n}`;
  }
  return row;
}

async function seed(db: StudyGroupDb, sessionId: string): Promise<void> {
  await db.sessions.put({ id: sessionId } as never);
  let n = 0;
  for (const table of sessionDataTables(db)) {
    await (table as unknown as { add(row: unknown): Promise<unknown> }).add(
      rowFor(table, sessionId, ++n),
    );
  }
}

describe('deleteSession', () => {
  it('clears every table of sessionDataTables for that session, and keeps the others', async () => {
    const db = createDb(`delete-${Math.random()}`);
    await seed(db, 'gone');
    await seed(db, 'kept');
    const tables = sessionDataTables(db);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(await table.where('sessionId').equals('gone').count(), table.name).toBe(1);
    }

    await deleteSession(db, 'gone');

    for (const table of tables) {
      expect(await table.where('sessionId').equals('gone').count(), table.name).toBe(0);
      expect(await table.where('sessionId').equals('kept').count(), table.name).toBe(1);
    }
    expect(await db.sessions.get('gone')).toBeUndefined();
    expect(await db.sessions.get('kept')).toBeDefined();
  });
});
