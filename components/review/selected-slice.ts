import { listChunkSpans, listSegments, loadSegmentEvents, type ChunkSpan } from '@/lib/storage';
import {
  buildPieces,
  createTimelineController,
  type FromReplayFrame,
  type TimelineController,
  type TimelinePiece,
  type TimelineState,
  type ToReplayFrame,
} from '@/lib/replay';
import { reviewDb as db } from './review-db';
import type { ReviewSlice } from './review-store';
import type { SegmentRecord } from '@/lib/contracts';

/** A page load of the session and what of it is stored (its events are read as the replay needs them). */
export interface LoadedSegment {
  segment: SegmentRecord;
  chunks: ChunkSpan[];
}

/** The session open in the detail view: its recording, friction and where the player is. */
export interface SelectedSlice {
  selectedId: string | null;
  /** The page loads that can be replayed, in the order they started; null while they are read. */
  segments: LoadedSegment[] | null;
  /** The session as one timeline: which page load shows when (lib/replay buildPieces). */
  pieces: TimelinePiece[];
  /** The player's state: playing, speed, the page load shown; null until there is a timeline. */
  player: TimelineState | null;
  /** The session time (epoch ms of the recording) the player shows now; null before it shows any. */
  playhead: number | null;
  /** What plays the session open now through the replay frame. */
  timeline: TimelineController | null;
  /** A seek asked for before the timeline was read. */
  pendingSeek: { ts: number; play: boolean } | null;
  /** How to reach the replay frame while it is there. */
  framePost: ((message: ToReplayFrame) => void) | null;
  /** The player reports where it is. */
  setPlayhead(ts: number): void;
  /** Show the session at this time (epoch ms of the recording), playing from there if `play`. */
  seekTo(ts: number, options?: { play?: boolean }): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  setSkipInactive(skip: boolean): void;
  /** The replay frame can take messages through `post` (null: it went away). */
  attachFrame(post: ((message: ToReplayFrame) => void) | null): void;
  /** A checked message from the replay frame. */
  frameMessage(message: FromReplayFrame): void;
  select(id: string): Promise<void>;
  clearSelection(): void;
}

const EMPTY = {
  segments: null,
  pieces: [],
  player: null,
  playhead: null,
  timeline: null,
  pendingSeek: null,
} satisfies Partial<SelectedSlice>;

export const createSelectedSlice: ReviewSlice<SelectedSlice> = (set, get) => ({
  selectedId: null,
  ...EMPTY,
  framePost: null,

  setPlayhead(ts) {
    set({ playhead: ts });
  },

  seekTo(ts, { play = false } = {}) {
    const { timeline } = get();
    if (timeline) void timeline.seek(ts, { play });
    else set({ pendingSeek: { ts, play } });
  },

  togglePlay() {
    const { timeline } = get();
    if (timeline?.state().playing) timeline.pause();
    else timeline?.play();
  },

  setSpeed(speed) {
    get().timeline?.setSpeed(speed);
  },

  setSkipInactive(skip) {
    get().timeline?.setSkipInactive(skip);
  },

  attachFrame(post) {
    set({ framePost: post });
    if (post) get().timeline?.attach(post);
    else get().timeline?.detach();
  },

  frameMessage(message) {
    get().timeline?.receive(message);
  },

  async select(id) {
    get().timeline?.detach();
    set({ selectedId: id, ...EMPTY });
    const [records, spans] = await Promise.all([listSegments(db, id), listChunkSpans(db, id)]);
    const segments = records
      .map((segment) => ({ segment, chunks: spans.filter((c) => c.segmentId === segment.id) }))
      // A replay needs at least Meta + FullSnapshot.
      .filter(({ segment, chunks }) => segment.events >= 2 && chunks.some((c) => c.count > 0));
    if (get().selectedId !== id) return;
    const session = get().sessions.find((s) => s.id === id);
    const pieces = buildPieces(
      segments.map(({ segment }) => segment),
      session?.endedAt ?? null,
    );
    const chunksOf = new Map(
      segments.map(({ segment, chunks }) => [segment.id, chunks.filter((c) => c.count > 0)]),
    );
    const timeline = createTimelineController({
      pieces,
      chunksOf: (segmentId) => chunksOf.get(segmentId) ?? [],
      loadEvents: (segmentId, chunks) => loadSegmentEvents(db, segmentId, chunks),
      clock: {
        now: () => performance.now(),
        setInterval: (run, ms) => window.setInterval(run, ms),
        clearInterval: (handle) => window.clearInterval(handle),
      },
      onChange: (player) => {
        if (get().selectedId === id) set({ player, playhead: player.playhead });
      },
    });
    const { pendingSeek, framePost } = get();
    set({ segments, pieces, timeline, pendingSeek: null, player: timeline.state() });
    if (pendingSeek) void timeline.seek(pendingSeek.ts, { play: pendingSeek.play });
    if (framePost) timeline.attach(framePost);
    set({ playhead: timeline.state().playhead });
  },

  clearSelection() {
    get().timeline?.detach();
    set({ selectedId: null, ...EMPTY });
  },
});
