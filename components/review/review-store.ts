import { liveQuery } from 'dexie';
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { bundleFileName, exportBundle, importBundle } from '@/lib/export';
import { sendMessage } from '@/lib/messaging';
import {
  createDb,
  gzipJson,
  listAnnotationsWithScreenshots,
  listSegments,
  listSessionsNewestFirst,
  loadSegmentEvents,
  sha256Hex,
} from '@/lib/storage';
import type { AnnotationRecord, RrwebEvent, SegmentRecord, SessionRecord } from '@/lib/contracts';

const db = createDb();

export interface ReviewAnnotation {
  annotation: AnnotationRecord;
  /** An object URL of the screenshot, or null when there is none. */
  picture: string | null;
}

export interface LoadedSegment {
  segment: SegmentRecord;
  events: RrwebEvent[];
}

type Notice = { type: 'info' | 'error'; text: string } | null;

interface ReviewState {
  sessions: SessionRecord[];
  loaded: boolean;
  checked: string[];
  selectedId: string | null;
  segments: LoadedSegment[];
  segmentIndex: number;
  /** The selected session's annotations, oldest first, with their pictures. */
  annotations: ReviewAnnotation[];
  /** Where the player should jump to; a new object each time, so the same spot can be chosen again. */
  seek: { offset: number } | null;
  showAnnotation(annotationId: string): void;
  notice: Notice;
  busy: boolean;
  init(): () => void;
  toggleChecked(id: string): void;
  setAllChecked(all: boolean): void;
  select(id: string): Promise<void>;
  selectSegment(index: number): void;
  exportChecked(): Promise<{ blob: Blob; fileName: string } | null>;
  importFile(file: File): Promise<void>;
  remove(id: string): Promise<void>;
  dismissNotice(): void;
}

export const useReviewStore = create<ReviewState>()((set, get) => ({
  sessions: [],
  loaded: false,
  checked: [],
  selectedId: null,
  segments: [],
  segmentIndex: 0,
  annotations: [],
  seek: null,
  notice: null,
  busy: false,

  init() {
    const subscription = liveQuery(() => listSessionsNewestFirst(db)).subscribe({
      next: (sessions) =>
        set((s) => ({
          sessions,
          loaded: true,
          checked: s.checked.filter((id) => sessions.some((x) => x.id === id)),
        })),
      error: (error) =>
        set({
          notice: { type: 'error', text: `Cannot read sessions: ${String(error)}` },
          loaded: true,
        }),
    });
    return () => subscription.unsubscribe();
  },

  toggleChecked(id) {
    set((s) => ({
      checked: s.checked.includes(id) ? s.checked.filter((x) => x !== id) : [...s.checked, id],
    }));
  },

  setAllChecked(all) {
    set((s) => ({ checked: all ? s.sessions.map((x) => x.id) : [] }));
  },

  async select(id) {
    for (const { picture } of get().annotations) if (picture) URL.revokeObjectURL(picture);
    set({ selectedId: id, segments: [], segmentIndex: 0, annotations: [], seek: null });
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

  selectSegment(index) {
    set({ segmentIndex: index, seek: null });
  },

  showAnnotation(annotationId) {
    const { annotations, segments } = get();
    const annotation = annotations.find((a) => a.annotation.id === annotationId)?.annotation;
    const index = segments.findIndex((s) => s.segment.id === annotation?.segmentId);
    const first = segments[index]?.events[0];
    if (!annotation || !first) return;
    set({ segmentIndex: index, seek: { offset: Math.max(0, annotation.ts - first.timestamp) } });
  },

  async exportChecked() {
    const { checked, sessions } = get();
    const chosen = sessions.filter((s) => checked.includes(s.id));
    if (chosen.length === 0) return null;
    set({ busy: true, notice: null });
    try {
      const blob = await exportBundle(
        db,
        chosen.map((s) => s.id),
        {
          exportedAt: new Date().toISOString(),
          generator: `Study Group ${browser.runtime.getManifest().version}`,
        },
      );
      return {
        blob,
        fileName: bundleFileName(
          chosen.map((s) => s.title),
          new Date(),
        ),
      };
    } catch (error) {
      set({ notice: { type: 'error', text: `Export failed: ${String(error)}` } });
      return null;
    } finally {
      set({ busy: false });
    }
  },

  async importFile(file) {
    set({ busy: true, notice: null });
    const result = await importBundle(db, file, { compress: gzipJson, hash: sha256Hex });
    if (result.type === 'error') {
      set({
        busy: false,
        notice: { type: 'error', text: `Could not import “${file.name}”: ${result.message}` },
      });
      return;
    }
    const parts = [];
    if (result.imported.length)
      parts.push(`Imported ${result.imported.length} session(s): ${result.imported.join(', ')}.`);
    if (result.skipped.length) parts.push(`Already here, skipped: ${result.skipped.join(', ')}.`);
    if (!parts.length) parts.push('The bundle holds no sessions.');
    set({ busy: false, notice: { type: 'info', text: parts.join(' ') } });
  },

  async remove(id) {
    // The background deletes it (stopping it first if it still records).
    const result = await sendMessage('session.delete', { sessionId: id });
    if (result.type === 'error') {
      set({ notice: { type: 'error', text: `Could not delete the session: ${result.message}` } });
      return;
    }
    if (get().selectedId === id) set({ selectedId: null, segments: [] });
    set((s) => ({
      checked: s.checked.filter((x) => x !== id),
      notice: { type: 'info', text: 'Session deleted.' },
    }));
  },

  dismissNotice() {
    set({ notice: null });
  },
}));
