import { listSegments, loadSegmentEvents } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { ReviewSlice } from './review-store';
import type { RrwebEvent, SegmentRecord } from '@/lib/contracts';

export interface LoadedSegment {
  segment: SegmentRecord;
  events: RrwebEvent[];
}

/** The session open in the detail view: its recording and where the player is. */
export interface SelectedSlice {
  selectedId: string | null;
  segments: LoadedSegment[];
  segmentIndex: number;
  /** Where the player should jump to; a new object each time, so the same spot can be chosen again. */
  seek: { offset: number; play: boolean } | null;
  /** The session time (epoch ms of the recording) the player shows now; null before it shows any. */
  playhead: number | null;
  /** The player reports where it is. */
  setPlayhead(ts: number): void;
  /** Show the session at this time (epoch ms of the recording), playing from there if `play`. */
  seekTo(ts: number, options?: { play?: boolean }): void;
  select(id: string): Promise<void>;
  clearSelection(): void;
  selectSegment(index: number): void;
}

export const createSelectedSlice: ReviewSlice<SelectedSlice> = (set, get) => ({
  selectedId: null,
  segments: [],
  segmentIndex: 0,
  seek: null,
  playhead: null,

  setPlayhead(ts) {
    set({ playhead: ts });
  },

  seekTo(ts, { play = false } = {}) {
    const { segments } = get();
    // The last page load that began at or before the time (the first one for earlier times).
    let index = 0;
    segments.forEach(({ events }, i) => {
      if ((events[0]?.timestamp ?? Infinity) <= ts) index = i;
    });
    const first = segments[index]?.events[0];
    if (!first) return;
    set({ segmentIndex: index, seek: { offset: Math.max(0, ts - first.timestamp), play } });
  },

  async select(id) {
    set({
      selectedId: id,
      segments: [],
      segmentIndex: 0,
      seek: null,
      playhead: null,
    });
    const segments: LoadedSegment[] = [];
    for (const segment of await listSegments(db, id)) {
      const events = await loadSegmentEvents(db, segment.id);
      // A replay needs at least Meta + FullSnapshot.
      if (events.length >= 2) segments.push({ segment, events });
    }
    if (get().selectedId === id) set({ segments });
  },

  clearSelection() {
    set({
      selectedId: null,
      segments: [],
      segmentIndex: 0,
      seek: null,
      playhead: null,
    });
  },

  selectSegment(index) {
    set({ segmentIndex: index, seek: null });
  },
});
