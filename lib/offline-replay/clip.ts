import {
  chunkWindowAt,
  eventsFromSnapshot,
  type TimelineChunk,
  type TimelinePiece,
} from '../replay';

/** How much a finding's clip shows before its first annotation and after its last. */
export const CLIP_MARGIN_MS = 10_000;

/**
 * The stretch of a session a finding's clip shows: from `margin` before the
 * first of the times to `margin` after the last, within what was recorded.
 */
export function clipWindow(
  times: readonly number[],
  recorded: { start: number; end: number },
  margin = CLIP_MARGIN_MS,
): { startTs: number; endTs: number } | null {
  if (times.length === 0 || recorded.end < recorded.start) return null;
  const first = Math.min(...times);
  const last = Math.max(...times);
  const startTs = Math.max(recorded.start, Math.min(recorded.end, first - margin));
  const endTs = Math.min(recorded.end, Math.max(startTs, last + margin));
  return { startTs, endTs };
}

/** The timeline's pieces cut to a window; a piece outside it is left out. */
export function piecesWithin(
  pieces: readonly TimelinePiece[],
  startTs: number,
  endTs: number,
): TimelinePiece[] {
  const cut = pieces.map((p) => ({
    segmentId: p.segmentId,
    from: Math.max(p.from, startTs),
    to: Math.min(p.to, endTs),
    instant: p.from === p.to,
  }));
  // A piece that only touches the window is left out, unless it is a moment anyway.
  return cut
    .filter((p) => p.to > p.from || (p.to === p.from && (p.instant || startTs === endTs)))
    .map(({ segmentId, from, to }) => ({ segmentId, from, to }));
}

/**
 * Which stored chunks of one page load a clip from `from` to `to` needs:
 * from the seek point (a chunk with a full snapshot, one every 60 s) at or
 * before `from`, so the replay can rebuild the page and fast-forward to
 * `from`, through the last chunk that starts before `to`.
 */
export function clipChunkRange(
  chunks: readonly TimelineChunk[],
  from: number,
  to: number,
): { fromSeq: number; toSeq: number } | null {
  const window = chunkWindowAt(chunks, from);
  if (!window) return null;
  let toSeq = window.fromSeq;
  for (const chunk of chunks) {
    if (chunk.seq >= window.fromSeq && chunk.firstTs <= to) toSeq = Math.max(toSeq, chunk.seq);
  }
  return { fromSeq: window.fromSeq, toSeq };
}

/** A page load's events for a clip: from the snapshot before `from`, none after `to`. */
export function clipEvents<E extends { type: number; timestamp: number }>(
  events: readonly E[],
  from: number,
  to: number,
): E[] {
  return eventsFromSnapshot(events, from).filter((e) => e.timestamp <= to);
}
