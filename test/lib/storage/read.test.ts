import { beforeEach, describe, expect, it } from 'vitest';
import {
  createChunk,
  createDb,
  gzipJson,
  listChunkSpans,
  loadSegmentEvents,
  type StudyGroupDb,
} from '@/lib/storage';

let db: StudyGroupDb;

beforeEach(() => {
  db = createDb(`read-${Math.random()}`);
});

async function put(segmentId: string, sessionId: string, seq: number, events: object[]) {
  const chunk = await createChunk(
    {
      segmentId,
      seq,
      sessionId,
      events: events as { timestamp: number }[],
      emptyAt: 0,
    },
    { compress: gzipJson },
  );
  await db.chunks.put(chunk);
}

describe('reading a recording for the replay', () => {
  it('lists a session’s chunks without their data, in order per page load', async () => {
    await put('s2', 'x', 1, [{ type: 3, timestamp: 40 }]);
    await put('s1', 'x', 0, [
      { type: 4, timestamp: 10 },
      { type: 2, timestamp: 11 },
    ]);
    await put('s2', 'x', 0, [{ type: 2, timestamp: 30 }]);
    await put('other', 'y', 0, [{ type: 3, timestamp: 1 }]);
    const spans = await listChunkSpans(db, 'x');
    expect(spans).toEqual([
      { segmentId: 's1', seq: 0, firstTs: 10, lastTs: 11, count: 2, snapshotAt: 11 },
      { segmentId: 's2', seq: 0, firstTs: 30, lastTs: 30, count: 1, snapshotAt: 30 },
      { segmentId: 's2', seq: 1, firstTs: 40, lastTs: 40, count: 1 },
    ]);
  });

  it('reads only the chunks of a range, or all of them', async () => {
    for (let seq = 0; seq < 5; seq++) await put('s', 'x', seq, [{ type: 3, timestamp: seq }]);
    const ts = (events: { timestamp: number }[]) => events.map((e) => e.timestamp);
    expect(ts(await loadSegmentEvents(db, 's', { fromSeq: 1, toSeq: 3 }))).toEqual([1, 2, 3]);
    expect(ts(await loadSegmentEvents(db, 's'))).toEqual([0, 1, 2, 3, 4]);
  });
});
