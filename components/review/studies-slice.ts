import { liveQuery } from 'dexie';
import { reviewDb as db } from './review-db';
import type { ReviewSlice } from './review-store';

export type StudyTab = 'sessions' | 'findings' | 'metrics';

/** Which study the page shows, which of its views, and the friction its sessions hold. */
export interface StudiesSlice {
  /** A studyKey, or QUICK_STUDY_KEY; null until one is picked (the newest session's study is shown). */
  studyKey: string | null;
  studyTab: StudyTab;
  /** Non-dismissed annotations per session of the study shown. */
  frictionCounts: Record<string, number>;
  selectStudy(key: string): void;
  setStudyTab(tab: StudyTab): void;
  /** Keeps frictionCounts live for these sessions; returns the unsubscribe. */
  watchFriction(sessionIds: string[]): () => void;
}

export const createStudiesSlice: ReviewSlice<StudiesSlice> = (set, get) => ({
  studyKey: null,
  studyTab: 'sessions',
  frictionCounts: {},

  selectStudy(key) {
    if (get().studyKey === key) return;
    // The open session belongs to the study left behind.
    if (get().selectedId) get().clearSelection();
    set({ studyKey: key, studyTab: 'sessions' });
  },

  setStudyTab(tab) {
    set({ studyTab: tab });
  },

  watchFriction(sessionIds) {
    const subscription = liveQuery(() =>
      db.annotations.where('sessionId').anyOf(sessionIds).toArray(),
    ).subscribe({
      next: (annotations) => {
        const counts: Record<string, number> = Object.fromEntries(sessionIds.map((id) => [id, 0]));
        for (const a of annotations)
          if (!a.dismissed) counts[a.sessionId] = (counts[a.sessionId] ?? 0) + 1;
        set({ frictionCounts: counts });
      },
      error: () => set({ frictionCounts: {} }),
    });
    return () => subscription.unsubscribe();
  },
});
