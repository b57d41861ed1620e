import { describe, expect, it } from 'vitest';
import { createChunk, emptySegment, gunzipJson, gzipJson, withChunk } from '@/lib/storage';

const deps = { compress: gzipJson };
const base = { segmentId: 'seg', sessionId: 's1', emptyAt: 100 };

describe('chunk writer', () => {
  it('spans its events and keeps them compressed, whatever their order', async () => {
    const events = [{ timestamp: 130 }, { timestamp: 110 }, { timestamp: 120 }];
    const chunk = await createChunk({ ...base, seq: 0, events }, deps);
    expect(chunk).toMatchObject({ segmentId: 'seg', seq: 0, sessionId: 's1' });
    expect([chunk.firstTs, chunk.lastTs, chunk.count]).toEqual([110, 130, 3]);
    expect(await gunzipJson(chunk.data)).toEqual(events);
  });

  it('marks a chunk holding a FullSnapshot with its time, as a seek point for the replay', async () => {
    const events = [
      { type: 3, timestamp: 90 },
      { type: 4, timestamp: 100 },
      { type: 2, timestamp: 101 },
      { type: 2, timestamp: 150 },
    ];
    expect((await createChunk({ ...base, seq: 0, events }, deps)).snapshotAt).toBe(101);
    const plain = await createChunk({ ...base, seq: 1, events: [{ type: 3, timestamp: 5 }] }, deps);
    expect('snapshotAt' in plain).toBe(false);
  });

  it('files an empty chunk (a batch keeping its place) under the given time', async () => {
    const chunk = await createChunk({ ...base, seq: 4, events: [] }, deps);
    expect([chunk.firstTs, chunk.lastTs, chunk.count]).toEqual([100, 100, 0]);
  });

  it('moves a segment’s counters on by each chunk, out-of-order sequences included', async () => {
    let segment = emptySegment({
      id: 'seg',
      sessionId: 's1',
      tabId: 3,
      url: 'https://a.test/',
      startedAt: 100,
    });
    expect(segment).toMatchObject({ lastTs: 100, lastSeq: -1, events: 0, bytes: 0 });
    const second = await createChunk({ ...base, seq: 1, events: [{ timestamp: 300 }] }, deps);
    const first = await createChunk(
      { ...base, seq: 0, events: [{ timestamp: 150 }, { timestamp: 200 }] },
      deps,
    );
    segment = withChunk(withChunk(segment, second), first);
    expect(segment).toMatchObject({
      lastTs: 300,
      lastSeq: 1,
      events: 3,
      bytes: first.data.byteLength + second.data.byteLength,
    });
  });
});
