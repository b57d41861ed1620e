import { listAnnotationsWithScreenshots, listSegments, loadSegmentEvents } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { ReviewSlice } from './review-store';
import type { AnnotationRecord, RrwebEvent, SegmentRecord } from '@/lib/contracts';

export interface ReviewAnnotation {
  annotation: AnnotationRecord;
  /** An object URL of the screenshot, or null when there is none. */
  picture: string | null;
}

export interface LoadedSegment {
  segment: SegmentRecord;
  events: RrwebEvent[];
}

/** The session open in the detail view: its recording, friction and where the player is. */
export interface SelectedSlice {
  selectedId: string | null;
  segments: LoadedSegment[];
  segmentIndex: number;
  /** The selected session's annotations, oldest first, with their pictures. */
  annotations: ReviewAnnotation[];
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
  showAnnotation(annotationId: string): void;
}

function revokePictures(annotations: ReviewAnnotation[]) {
  for (const { picture } of annotations) if (picture) URL.revokeObjectURL(picture);
}

export const createSelectedSlice: ReviewSlice<SelectedSlice> = (set, get) => ({
  selectedId: null,
  segments: [],
  segmentIndex: 0,
  annotations: [],
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
    revokePictures(get().annotations);
    set({
      selectedId: id,
      segments: [],
      segmentIndex: 0,
      annotations: [],
      seek: null,
      playhead: null,
    });
    const annotations: ReviewAnnotation[] = (await listAnnotationsWithScreenshots(db, id)).map(
      ({ annotation, screenshot: shot }) => ({
        annotation,
        picture: shot
          ? URL.createObjectURL(new Blob([shot.data as BlobPart], { type: shot.mime }))
          : null,
      }),
    );
    if (get().selectedId === id) set({ annotations });
    const segments: LoadedSegment[] = [];
    for (const segment of await listSegments(db, id)) {
      const events = await loadSegmentEvents(db, segment.id);
      // A replay needs at least Meta + FullSnapshot.
      if (events.length >= 2) segments.push({ segment, events });
    }
    if (get().selectedId === id) set({ segments });
  },

  clearSelection() {
    revokePictures(get().annotations);
    set({
      selectedId: null,
      segments: [],
      segmentIndex: 0,
      annotations: [],
      seek: null,
      playhead: null,
    });
  },

  selectSegment(index) {
    set({ segmentIndex: index, seek: null });
  },

  showAnnotation(annotationId) {
    const { annotations, segments } = get();
    const annotation = annotations.find((a) => a.annotation.id === annotationId)?.annotation;
    const index = segments.findIndex((s) => s.segment.id === annotation?.segmentId);
    const first = segments[index]?.events[0];
    if (!annotation || !first) return;
    set({
      segmentIndex: index,
      seek: { offset: Math.max(0, annotation.ts - first.timestamp), play: false },
    });
  },
});
