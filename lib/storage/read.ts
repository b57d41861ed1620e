import { referencedAssets, restoreAssets } from './assets';
import { gunzip, gunzipJson } from './compression';
import { sessionDataTables, type StudyGroupDb } from './db';
import type { RrwebEvent, SegmentRecord } from '../contracts';

export async function listSegments(db: StudyGroupDb, sessionId: string): Promise<SegmentRecord[]> {
  return db.segments
    .where('[sessionId+startedAt]')
    .between([sessionId, -Infinity], [sessionId, Infinity])
    .toArray();
}

/**
 * Each stored chunk's events as JSON array text, in sequence order, with
 * stored stylesheets spliced back in: plain rrweb, never parsed here.
 */
export async function* segmentChunkTexts(
  db: StudyGroupDb,
  segmentId: string,
): AsyncGenerator<string> {
  const keys = await db.chunks
    .where('[segmentId+seq]')
    .between([segmentId, -Infinity], [segmentId, Infinity])
    .primaryKeys();
  const decoder = new TextDecoder();
  const assets = new Map<string, string>();
  for (const key of keys) {
    const chunk = await db.chunks.get(key);
    if (!chunk) continue;
    const text = decoder.decode(await gunzip(chunk.data));
    for (const hash of referencedAssets(text)) {
      if (assets.has(hash)) continue;
      const asset = await db.assets.get([chunk.sessionId, hash]);
      if (asset) assets.set(hash, await gunzipJson<string>(asset.data));
    }
    yield restoreAssets(text, assets);
  }
}

export async function loadSegmentEvents(
  db: StudyGroupDb,
  segmentId: string,
): Promise<RrwebEvent[]> {
  const events: RrwebEvent[] = [];
  for await (const text of segmentChunkTexts(db, segmentId)) {
    events.push(...(JSON.parse(text) as RrwebEvent[]));
  }
  return events;
}

/** Delete a session and everything recorded for it, atomically. */
export async function deleteSession(db: StudyGroupDb, sessionId: string): Promise<void> {
  const tables = sessionDataTables(db);
  await db.transaction('rw', [db.sessions, ...tables], async () => {
    for (const table of tables) await table.where('sessionId').equals(sessionId).delete();
    await db.sessions.delete(sessionId);
  });
}
