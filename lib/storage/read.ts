import { referencedAssets, restoreAssets } from './assets';
import { gunzip, gunzipJson } from './compression';
import { sessionDataTables, type StudyGroupDb } from './db';
import type { ChunkRecord, RrwebEvent, SegmentRecord } from '../contracts';

/** What a chunk row says about itself, without its data. */
export type ChunkSpan = Omit<ChunkRecord, 'data' | 'sessionId'>;

export async function listSegments(db: StudyGroupDb, sessionId: string): Promise<SegmentRecord[]> {
  return db.segments
    .where('[sessionId+startedAt]')
    .between([sessionId, -Infinity], [sessionId, Infinity])
    .toArray();
}

/**
 * Every chunk of a session without its data, in sequence order per segment:
 * enough to choose which chunks a replay needs (a row's data is read with it
 * but never decompressed here).
 */
export async function listChunkSpans(db: StudyGroupDb, sessionId: string): Promise<ChunkSpan[]> {
  const spans: ChunkSpan[] = [];
  await db.chunks
    .where('sessionId')
    .equals(sessionId)
    .each(({ data: _data, sessionId: _session, ...span }) => {
      spans.push(span);
    });
  return spans.sort((a, b) =>
    a.segmentId === b.segmentId ? a.seq - b.seq : a.segmentId < b.segmentId ? -1 : 1,
  );
}

/**
 * Each stored chunk's events as JSON array text, in sequence order, with
 * stored stylesheets spliced back in: plain rrweb, never parsed here. Only
 * the chunks from `fromSeq` to `toSeq` (both included) when given.
 */
export async function* segmentChunkTexts(
  db: StudyGroupDb,
  segmentId: string,
  range: { fromSeq: number; toSeq: number } = { fromSeq: -Infinity, toSeq: Infinity },
): AsyncGenerator<string> {
  const keys = await db.chunks
    .where('[segmentId+seq]')
    .between([segmentId, range.fromSeq], [segmentId, range.toSeq], true, true)
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
  range?: { fromSeq: number; toSeq: number },
): Promise<RrwebEvent[]> {
  const events: RrwebEvent[] = [];
  for await (const text of segmentChunkTexts(db, segmentId, range)) {
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
