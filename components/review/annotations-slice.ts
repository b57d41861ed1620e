import { liveQuery } from 'dexie';
import { ALL_ANNOTATIONS, type AnnotationFilter } from '@/lib/annotations';
import { sendMessage } from '@/lib/messaging';
import { listAnnotationsWithScreenshots, type AnnotationWithScreenshot } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { ReviewSlice, ReviewState } from './review-store';
import type { AnnotationPatch, AnnotationRecord, Severity } from '@/lib/contracts';

export interface ReviewAnnotation {
  annotation: AnnotationRecord;
  /** An object URL of the screenshot, or null when there is none. */
  picture: string | null;
}

/** The form open in the list: editing one annotation, or a new observation at a moment. */
export type AnnotationForm =
  | { type: 'edit'; annotationId: string }
  | { type: 'observe'; ts: number; segmentId: string }
  | null;

export interface ObservationInput {
  tagId: string;
  severity: Severity;
  note: string;
}

/** The selected session's annotations, live from the database, and the reviewer's work on them. */
export interface AnnotationsSlice {
  /** Oldest first, with their pictures. */
  annotations: ReviewAnnotation[];
  annotationFilter: AnnotationFilter;
  annotationForm: AnnotationForm;
  /** Why the last change was refused; null when it went through. */
  annotationError: string | null;
  setAnnotationFilter(patch: Partial<AnnotationFilter>): void;
  /** Replays from 3 s before the annotation, so the lead-up to the friction shows too. */
  showAnnotation(annotationId: string): void;
  editAnnotation(annotationId: string): void;
  /** Opens the observation form at the moment shown now; false when nothing is shown. */
  startObservation(): boolean;
  closeAnnotationForm(): void;
  /** Resolves true once the background stored the change. */
  saveAnnotation(annotationId: string, patch: AnnotationPatch): Promise<boolean>;
  addObservation(input: ObservationInput): Promise<boolean>;
}

/** How far before an annotation its replay starts. */
export const LEAD_IN_MS = 3_000;

/**
 * The moment the player shows: what it reports, else where it was last told
 * to go, else the start of the page it shows.
 */
export function momentShown(state: ReviewState): { ts: number; segmentId: string } | null {
  const current = state.segments[state.segmentIndex];
  const first = current?.events[0];
  if (!current || !first) return null;
  const ts = state.playhead ?? first.timestamp + (state.seek?.offset ?? 0);
  return { ts, segmentId: current.segment.id };
}

export const createAnnotationsSlice: ReviewSlice<AnnotationsSlice> = (set, get, api) => {
  /** Object URLs of the pictures shown, by annotation: made once, revoked when they go. */
  const pictures = new Map<string, { url: string; bytes: number; mime: string }>();
  let watched: { sessionId: string | null; unsubscribe(): void } = {
    sessionId: null,
    unsubscribe: () => undefined,
  };

  function withPictures(rows: AnnotationWithScreenshot[]): ReviewAnnotation[] {
    const kept = new Set<string>();
    const shown = rows.map(({ annotation, screenshot }) => {
      if (!screenshot) return { annotation, picture: null };
      const bytes = screenshot.data.byteLength;
      let picture = pictures.get(annotation.id);
      if (picture && (picture.bytes !== bytes || picture.mime !== screenshot.mime)) {
        URL.revokeObjectURL(picture.url);
        picture = undefined;
      }
      if (!picture) {
        const blob = new Blob([screenshot.data as BlobPart], { type: screenshot.mime });
        picture = { url: URL.createObjectURL(blob), bytes, mime: screenshot.mime };
        pictures.set(annotation.id, picture);
      }
      kept.add(annotation.id);
      return { annotation, picture: picture.url };
    });
    for (const [id, { url }] of pictures) {
      if (!kept.has(id)) {
        URL.revokeObjectURL(url);
        pictures.delete(id);
      }
    }
    return shown;
  }

  /** Follows the selected session: its annotations update as the background writes them. */
  function watch(sessionId: string | null) {
    watched.unsubscribe();
    // Settled before the reset below, which calls the store's listeners (this one too) again.
    watched = { sessionId, unsubscribe: () => undefined };
    withPictures([]);
    set({
      annotations: [],
      annotationFilter: ALL_ANNOTATIONS,
      annotationForm: null,
      annotationError: null,
    });
    if (!sessionId) return;
    const subscription = liveQuery(() => listAnnotationsWithScreenshots(db, sessionId)).subscribe({
      next: (rows) => {
        if (watched.sessionId === sessionId) set({ annotations: withPictures(rows) });
      },
      error: (error) => set({ annotationError: `Cannot read the annotations: ${String(error)}` }),
    });
    watched.unsubscribe = () => subscription.unsubscribe();
  }

  api.subscribe((state) => {
    if (state.selectedId !== watched.sessionId) watch(state.selectedId);
  });

  /** The change the background answered; a saved one closes the form it came from (`form`). */
  async function send(
    result: Promise<{ type: 'ok' } | { type: 'error'; message: string }>,
    form: (open: AnnotationForm) => boolean,
  ) {
    const answer = await result.catch((error: unknown) => ({
      type: 'error' as const,
      message: String(error),
    }));
    if (answer.type === 'error') {
      set({ annotationError: answer.message });
      return false;
    }
    set((s) => ({
      annotationError: null,
      annotationForm: form(s.annotationForm) ? null : s.annotationForm,
    }));
    return true;
  }

  return {
    annotations: [],
    annotationFilter: ALL_ANNOTATIONS,
    annotationForm: null,
    annotationError: null,

    setAnnotationFilter(patch) {
      set((s) => ({ annotationFilter: { ...s.annotationFilter, ...patch } }));
    },

    showAnnotation(annotationId) {
      const { annotations, segments, seekTo } = get();
      const annotation = annotations.find((a) => a.annotation.id === annotationId)?.annotation;
      if (!annotation) return;
      // Not before its own page began: the lead-in would show another page, or another tab.
      const pageStart =
        segments.find((s) => s.segment.id === annotation.segmentId)?.events[0]?.timestamp ??
        -Infinity;
      seekTo(Math.max(annotation.ts - LEAD_IN_MS, pageStart), { play: true });
    },

    editAnnotation(annotationId) {
      set({ annotationForm: { type: 'edit', annotationId }, annotationError: null });
    },

    startObservation() {
      const moment = momentShown(get());
      if (!moment) return false;
      set({ annotationForm: { type: 'observe', ...moment }, annotationError: null });
      return true;
    },

    closeAnnotationForm() {
      set({ annotationForm: null, annotationError: null });
    },

    saveAnnotation(annotationId, patch) {
      return send(
        sendMessage('annotation.update', { annotationId, patch }),
        (open) => open?.type === 'edit' && open.annotationId === annotationId,
      );
    },

    addObservation(input) {
      const { selectedId, annotationForm } = get();
      if (!selectedId || annotationForm?.type !== 'observe') return Promise.resolve(false);
      const { ts, segmentId } = annotationForm;
      return send(
        sendMessage('annotation.observe', { sessionId: selectedId, segmentId, ts, ...input }),
        (open) => open === annotationForm,
      );
    },
  };
};
