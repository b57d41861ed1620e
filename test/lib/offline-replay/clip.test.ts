import { describe, expect, it } from 'vitest';
import { clipChunkRange, clipEvents, clipWindow, piecesWithin } from '@/lib/offline-replay';

describe('a finding clip window', () => {
  it('spans 10 s before the first annotation to 10 s after the last, within the recording', () => {
    expect(clipWindow([50_000, 20_000, 30_000], { start: 0, end: 100_000 })).toEqual({
      startTs: 10_000,
      endTs: 60_000,
    });
    expect(clipWindow([4_000], { start: 0, end: 8_000 })).toEqual({ startTs: 0, endTs: 8_000 });
    expect(clipWindow([], { start: 0, end: 8_000 })).toBeNull();
  });

  it('cuts the timeline to it', () => {
    const pieces = [
      { segmentId: 'a', from: 0, to: 10 },
      { segmentId: 'b', from: 10, to: 20 },
      { segmentId: 'c', from: 20, to: 30 },
    ];
    expect(piecesWithin(pieces, 12, 20)).toEqual([{ segmentId: 'b', from: 12, to: 20 }]);
    expect(piecesWithin(pieces, 5, 25)).toEqual([
      { segmentId: 'a', from: 5, to: 10 },
      { segmentId: 'b', from: 10, to: 20 },
      { segmentId: 'c', from: 20, to: 25 },
    ]);
  });

  // Chunks of 10 s; checkouts (full snapshots) at 0, 60 and 120 s.
  const chunks = Array.from({ length: 18 }, (_, seq) => ({
    seq,
    firstTs: seq * 10_000,
    lastTs: seq * 10_000 + 9_999,
    ...(seq % 6 === 0 && { snapshotAt: seq * 10_000 + 1 }),
  }));

  it('reads from the checkout before its start (and the chunk before, for its Meta) to its end', () => {
    // 75 s–95 s: the checkout at 60 s (chunk 6), through the chunk holding 95 s (9).
    expect(clipChunkRange(chunks, 75_000, 95_000)).toEqual({ fromSeq: 5, toSeq: 9 });
    // Across a checkout: still from the one before the start.
    expect(clipChunkRange(chunks, 110_000, 130_000)).toEqual({ fromSeq: 5, toSeq: 13 });
    // Just after one.
    expect(clipChunkRange(chunks, 120_002, 121_000)).toEqual({ fromSeq: 11, toSeq: 12 });
    expect(clipChunkRange([], 0, 1)).toBeNull();
  });

  it('starts its events at the Meta of the last full snapshot before it and drops those after it', () => {
    const events = [
      { type: 4, timestamp: 0 },
      { type: 2, timestamp: 1 },
      { type: 3, timestamp: 30_000 },
      { type: 4, timestamp: 60_000 },
      { type: 2, timestamp: 60_001 },
      { type: 3, timestamp: 70_000 },
      { type: 3, timestamp: 80_000 },
      { type: 3, timestamp: 99_000 },
    ];
    expect(clipEvents(events, 75_000, 90_000).map((e) => e.timestamp)).toEqual([
      60_000, 60_001, 70_000, 80_000,
    ]);
  });
});
