import { RRWEB_EVENT, type ChunkRecord, type SegmentRecord } from '../contracts';

export interface ChunkInput {
  segmentId: string;
  seq: number;
  sessionId: string;
  events: readonly { timestamp: number; type?: unknown }[];
  /** The time an empty chunk (a refused or failed batch keeping its place) is filed under. */
  emptyAt: number;
}

/**
 * One stored chunk of a segment's events, compressed. Ingest and bundle
 * import both write chunks through this, so a segment reads back the same
 * whichever way it arrived. Compress before a Dexie transaction: awaiting
 * anything but IndexedDB inside one commits it early.
 */
export async function createChunk(
  input: ChunkInput,
  deps: { compress(value: unknown): Promise<Uint8Array> },
): Promise<ChunkRecord> {
  let firstTs = Infinity;
  let lastTs = -Infinity;
  let snapshotAt = Infinity;
  for (const event of input.events) {
    firstTs = Math.min(firstTs, event.timestamp);
    lastTs = Math.max(lastTs, event.timestamp);
    if (event.type === RRWEB_EVENT.FullSnapshot) snapshotAt = Math.min(snapshotAt, event.timestamp);
  }
  const empty = input.events.length === 0;
  return {
    segmentId: input.segmentId,
    seq: input.seq,
    sessionId: input.sessionId,
    firstTs: empty ? input.emptyAt : firstTs,
    lastTs: empty ? input.emptyAt : lastTs,
    count: input.events.length,
    data: await deps.compress(input.events),
    // Seek points for the replay (lib/storage/read.ts readSegmentWindow).
    ...(snapshotAt !== Infinity && { snapshotAt }),
  };
}

/** A segment with no chunks yet. */
export function emptySegment(
  segment: Pick<SegmentRecord, 'id' | 'sessionId' | 'tabId' | 'url' | 'startedAt'>,
): SegmentRecord {
  return { ...segment, lastTs: segment.startedAt, lastSeq: -1, events: 0, bytes: 0 };
}

/** The segment's counters once `chunk` is stored in it. */
export function withChunk(segment: SegmentRecord, chunk: ChunkRecord): SegmentRecord {
  return {
    ...segment,
    lastTs: Math.max(segment.lastTs, chunk.lastTs),
    lastSeq: Math.max(segment.lastSeq, chunk.seq),
    events: segment.events + chunk.count,
    bytes: segment.bytes + chunk.data.byteLength,
  };
}
