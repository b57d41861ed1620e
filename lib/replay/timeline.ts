/**
 * A session as one timeline: which page load is shown at each moment, and
 * which of its stored chunks a replay from a moment needs. Pure: the review
 * page hands in what it read from storage.
 */

/** A page load as the timeline needs it. */
export interface TimelineSegment {
  id: string;
  tabId: number;
  url: string;
  startedAt: number;
  lastTs: number;
}

/** A stretch of session time during which one page load is shown. */
export interface TimelinePiece {
  segmentId: string;
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/**
 * How long each page load stays on screen: a page sends nothing while
 * nobody touches it, so it shows until the next load in its tab replaces it,
 * or until the session ended for a tab's last one.
 */
export function shownUntil(
  segments: readonly TimelineSegment[],
  sessionEnd: number | null,
): Map<string, number> {
  const until = new Map<string, number>();
  for (const s of segments) {
    const next = segments
      .filter((o) => o.tabId === s.tabId && o.startedAt > s.startedAt)
      .reduce<number | null>(
        (min, o) => (min === null ? o.startedAt : Math.min(min, o.startedAt)),
        null,
      );
    // A session end far past its recording is a broken record, not a long idle page.
    const usable = sessionEnd !== null && sessionEnd >= s.lastTs && sessionEnd - s.lastTs < DAY_MS;
    const end = next ?? (usable ? sessionEnd : s.lastTs);
    until.set(s.id, Math.max(s.lastTs, end ?? s.lastTs));
  }
  return until;
}

/**
 * Where page loads overlap in time (several tabs), the one that started most
 * recently is shown: opening or loading a page is what brings a tab in front,
 * and the recording holds no other sign of which tab had focus. Once it is
 * replaced (or its session ends), the page it covered shows again. Stretches
 * no page load covers (before the first) belong to no piece.
 */
export function buildPieces(
  segments: readonly TimelineSegment[],
  sessionEnd: number | null = null,
): TimelinePiece[] {
  const valid = segments.filter((s) => Number.isFinite(s.startedAt) && s.lastTs >= s.startedAt);
  const until = shownUntil(valid, sessionEnd);
  const endOf = (s: TimelineSegment) => until.get(s.id) ?? s.lastTs;
  const bounds = [...new Set(valid.flatMap((s) => [s.startedAt, endOf(s)]))].sort((a, b) => a - b);
  const pieces: TimelinePiece[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    let shown: TimelineSegment | null = null;
    for (const s of valid) {
      if (s.startedAt <= from && endOf(s) >= to && (!shown || s.startedAt > shown.startedAt)) {
        shown = s;
      }
    }
    if (!shown) continue;
    const last = pieces[pieces.length - 1];
    if (last && last.segmentId === shown.id && last.to === from) last.to = to;
    else pieces.push({ segmentId: shown.id, from, to });
  }
  // A page load of a single instant still gets its moment.
  for (const s of valid) {
    if (endOf(s) === s.startedAt && !pieces.some((p) => p.segmentId === s.id)) {
      pieces.push({ segmentId: s.id, from: s.startedAt, to: s.startedAt });
    }
  }
  return pieces.sort((a, b) => a.from - b.from);
}

/** The piece shown at `ts`; in a gap the next one, past the end the last one; -1 when empty. */
export function pieceIndexAt(pieces: readonly TimelinePiece[], ts: number): number {
  if (pieces.length === 0) return -1;
  // At a boundary, the piece that begins there.
  const index = pieces.findIndex((p) => ts < p.to);
  return index === -1 ? pieces.length - 1 : index;
}

/** A chunk as the timeline needs it (lib/storage ChunkSpan). */
export interface TimelineChunk {
  seq: number;
  firstTs: number;
  lastTs: number;
  snapshotAt?: number;
}

/**
 * The stored chunks a replay of `ts` needs: from the last seek point (a
 * chunk with a FullSnapshot) at or before `ts` up to and with the next one.
 * The chunk before a seek point comes too, since rrweb's Meta event may have
 * gone out with the batch before its snapshot. Without any seek point (chunks
 * stored before they were marked) the window is the whole page load.
 */
export interface ChunkWindow {
  fromSeq: number;
  toSeq: number;
  /** Where the window's replay can start: its snapshot's time. */
  start: number;
  /** The time of its last event. */
  end: number;
}

export function chunkWindowAt(chunks: readonly TimelineChunk[], ts: number): ChunkWindow | null {
  if (chunks.length === 0) return null;
  const points = chunks
    .map((chunk, index) => ({ chunk, index }))
    .filter(({ chunk }) => chunk.snapshotAt !== undefined);
  const first = chunks[0]!;
  const last = chunks[chunks.length - 1]!;
  if (points.length === 0) {
    return { fromSeq: first.seq, toSeq: last.seq, start: first.firstTs, end: last.lastTs };
  }
  let at = 0;
  for (let i = 0; i < points.length; i++) {
    if (points[i]!.chunk.snapshotAt! <= ts) at = i;
  }
  const point = points[at]!;
  const next = points[at + 1];
  // Through the next seek point's chunk: it holds the events just before its snapshot.
  const endChunk = next ? next.chunk : last;
  return {
    fromSeq: chunks[Math.max(0, point.index - 1)]!.seq,
    toSeq: endChunk.seq,
    start: point.index === 0 ? first.firstTs : point.chunk.snapshotAt!,
    end: Math.max(endChunk.lastTs, point.chunk.snapshotAt!),
  };
}

/** rrweb event types the trimming below looks for (lib/contracts RRWEB_EVENT). */
const META = 4;
const FULL_SNAPSHOT = 2;

/**
 * A window's events from the Meta of the last FullSnapshot at or before `ts`
 * (or of the first one after it): what rrweb's Replayer needs to rebuild the
 * page at `ts` without replaying all that came before.
 */
export function eventsFromSnapshot<E extends { type: number; timestamp: number }>(
  events: readonly E[],
  ts: number,
): E[] {
  let snapshot = -1;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.type !== FULL_SNAPSHOT) continue;
    if (snapshot === -1 || event.timestamp <= ts) snapshot = i;
    if (event.timestamp > ts) break;
  }
  if (snapshot <= 0) return [...events];
  let meta = snapshot - 1;
  while (meta >= 0 && events[meta]!.type !== META) meta--;
  return meta < 0 ? [...events] : events.slice(meta);
}

/** Keyboard steps on the timeline slider, in ms. */
export const SEEK_STEP_MS = 5_000;
export const SEEK_PAGE_MS = 60_000;

/** Where a key press on the timeline slider moves the playhead to; null for other keys. */
export function keySeekTarget(
  key: string,
  playhead: number,
  range: { start: number; end: number },
): number | null {
  const clamp = (ts: number) => Math.min(range.end, Math.max(range.start, ts));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(playhead - SEEK_STEP_MS);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(playhead + SEEK_STEP_MS);
    case 'PageDown':
      return clamp(playhead - SEEK_PAGE_MS);
    case 'PageUp':
      return clamp(playhead + SEEK_PAGE_MS);
    case 'Home':
      return range.start;
    case 'End':
      return range.end;
    default:
      return null;
  }
}
