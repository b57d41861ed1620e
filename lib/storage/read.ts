import { gunzip } from './compression';
import type { StudyGroupDb } from './db';
import type { RrwebEvent, SegmentRecord } from './types';

export async function listSegments(db: StudyGroupDb, sessionId: string): Promise<SegmentRecord[]> {
  return db.segments
    .where('[sessionId+startedAt]')
    .between([sessionId, -Infinity], [sessionId, Infinity])
    .toArray();
}

/** Each stored chunk's events as JSON array text, in sequence order (no parse). */
export async function* segmentChunkTexts(
  db: StudyGroupDb,
  segmentId: string,
): AsyncGenerator<string> {
  const keys = await db.chunks
    .where('[segmentId+seq]')
    .between([segmentId, -Infinity], [segmentId, Infinity])
    .primaryKeys();
  const decoder = new TextDecoder();
  for (const key of keys) {
    const chunk = await db.chunks.get(key);
    if (chunk) yield decoder.decode(await gunzip(chunk.data));
  }
}

export async function loadSegmentEvents(
  db: StudyGroupDb,
  segmentId: string,
): Promise<RrwebEvent[]> {
  const events: RrwebEvent[] = [];
  for await (const text of segmentChunkTexts(db, segmentId))
    events.push(...(JSON.parse(text) as RrwebEvent[]));
  return events;
}

/** Delete a session and everything recorded for it, atomically. */
export async function deleteSession(db: StudyGroupDb, sessionId: string): Promise<void> {
  await db.transaction('rw', [db.sessions, db.segments, db.chunks, db.timeline], async () => {
    await db.chunks.where('sessionId').equals(sessionId).delete();
    await db.segments.where('sessionId').equals(sessionId).delete();
    await db.timeline.where('sessionId').equals(sessionId).delete();
    await db.sessions.delete(sessionId);
  });
}
