import { describe, expect, it } from 'vitest';
import {
  buildPieces,
  chunkWindowAt,
  eventsFromSnapshot,
  keySeekTarget,
  pieceIndexAt,
  SEEK_STEP_MS,
  type TimelineSegment,
} from '@/lib/replay';

const seg = (id: string, tabId: number, startedAt: number, lastTs: number): TimelineSegment => ({
  id,
  tabId,
  url: `https://a.test/${id}`,
  startedAt,
  lastTs,
});

describe('the session timeline', () => {
  it('shows each page load until the next one in its tab, the last one until the session ends', () => {
    const pieces = buildPieces([seg('a', 1, 0, 10), seg('b', 1, 50, 60)], 100);
    expect(pieces).toEqual([
      { segmentId: 'a', from: 0, to: 50 },
      { segmentId: 'b', from: 50, to: 100 },
    ]);
  });

  it('where tabs overlap, shows the most recently started page load, then the one it covered', () => {
    // Tab 1 loads a at 0; tab 2 opens b at 20 and is replaced by c at 40 (c lasts to 70); a's tab
    // stays open to the end.
    const pieces = buildPieces(
      [seg('a', 1, 0, 90), seg('b', 2, 20, 30), seg('c', 2, 40, 70)],
      null,
    );
    expect(pieces).toEqual([
      { segmentId: 'a', from: 0, to: 20 },
      { segmentId: 'b', from: 20, to: 40 },
      { segmentId: 'c', from: 40, to: 70 },
      { segmentId: 'a', from: 70, to: 90 },
    ]);
  });

  it('ignores a session end far past its recording (a broken record)', () => {
    expect(buildPieces([seg('a', 1, 0, 10)], 1e300)).toEqual([{ segmentId: 'a', from: 0, to: 10 }]);
  });

  it('finds the piece at a time: the one that begins at a boundary, the next after a gap', () => {
    const pieces = [
      { segmentId: 'a', from: 0, to: 10 },
      { segmentId: 'b', from: 10, to: 20 },
      { segmentId: 'c', from: 30, to: 40 },
    ];
    expect(pieceIndexAt(pieces, -5)).toBe(0);
    expect(pieceIndexAt(pieces, 9)).toBe(0);
    expect(pieceIndexAt(pieces, 10)).toBe(1);
    expect(pieceIndexAt(pieces, 25)).toBe(2);
    expect(pieceIndexAt(pieces, 40)).toBe(2);
    expect(pieceIndexAt([], 1)).toBe(-1);
  });
});

describe('chunk windows', () => {
  const chunks = [
    { seq: 0, firstTs: 0, lastTs: 900, snapshotAt: 5 },
    { seq: 1, firstTs: 1_000, lastTs: 1_900 },
    { seq: 2, firstTs: 2_000, lastTs: 2_900, snapshotAt: 2_000 },
    { seq: 3, firstTs: 3_000, lastTs: 3_900 },
    { seq: 4, firstTs: 4_000, lastTs: 4_900, snapshotAt: 4_500 },
    { seq: 5, firstTs: 5_000, lastTs: 5_900 },
  ];

  it('reads from the last seek point at or before the time up to and with the next one', () => {
    expect(chunkWindowAt(chunks, 1_500)).toEqual({ fromSeq: 0, toSeq: 2, start: 0, end: 2_900 });
    // The chunk before a seek point comes too: it may hold the snapshot's Meta.
    expect(chunkWindowAt(chunks, 3_500)).toEqual({
      fromSeq: 1,
      toSeq: 4,
      start: 2_000,
      end: 4_900,
    });
    // Inside the seek point's chunk but before its snapshot: the window before.
    expect(chunkWindowAt(chunks, 4_200)).toMatchObject({ fromSeq: 1, toSeq: 4 });
    expect(chunkWindowAt(chunks, 9_999)).toEqual({
      fromSeq: 3,
      toSeq: 5,
      start: 4_500,
      end: 5_900,
    });
  });

  it('reads a whole page load stored before chunks were marked', () => {
    const old = chunks.map(({ snapshotAt: _s, ...chunk }) => chunk);
    expect(chunkWindowAt(old, 3_500)).toEqual({ fromSeq: 0, toSeq: 5, start: 0, end: 5_900 });
    expect(chunkWindowAt([], 1)).toBeNull();
  });

  it('starts the events at the Meta of the last snapshot at or before the time', () => {
    const events = [
      { type: 3, timestamp: 1 },
      { type: 4, timestamp: 10 },
      { type: 2, timestamp: 10 },
      { type: 3, timestamp: 20 },
      { type: 4, timestamp: 30 },
      { type: 3, timestamp: 30 },
      { type: 2, timestamp: 31 },
      { type: 3, timestamp: 40 },
    ];
    expect(eventsFromSnapshot(events, 25).map((e) => e.timestamp)).toEqual([
      10, 10, 20, 30, 30, 31, 40,
    ]);
    expect(eventsFromSnapshot(events, 35)[0]).toEqual({ type: 4, timestamp: 30 });
    // Before any snapshot: from the first one.
    expect(eventsFromSnapshot(events, 0)[0]).toEqual({ type: 4, timestamp: 10 });
    // No Meta before the snapshot: nothing is cut.
    expect(
      eventsFromSnapshot(
        [
          { type: 3, timestamp: 1 },
          { type: 2, timestamp: 2 },
        ],
        5,
      ),
    ).toHaveLength(2);
  });
});

describe('keys on the timeline slider', () => {
  const range = { start: 1_000, end: 100_000 };
  it('step, page, jump to either end, and stay inside the session', () => {
    expect(keySeekTarget('ArrowRight', 10_000, range)).toBe(10_000 + SEEK_STEP_MS);
    expect(keySeekTarget('ArrowLeft', 3_000, range)).toBe(1_000);
    expect(keySeekTarget('PageUp', 60_000, range)).toBe(100_000);
    expect(keySeekTarget('PageDown', 80_000, range)).toBe(20_000);
    expect(keySeekTarget('Home', 50_000, range)).toBe(1_000);
    expect(keySeekTarget('End', 50_000, range)).toBe(100_000);
    expect(keySeekTarget('a', 50_000, range)).toBeNull();
  });
});
