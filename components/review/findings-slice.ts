import { liveQuery } from 'dexie';
import { clusterFindings, studyKey, studyRefOf, type ClusterInput } from '@/lib/findings';
import { sendMessage } from '@/lib/messaging';
import { participantOf, QUICK_STUDY_KEY } from '@/lib/metrics';
import { listFindingOverrides, listSessionsNewestFirst } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { Notice, ReviewSlice } from './review-store';
import type {
  AnnotationRecord,
  Finding,
  FindingOverride,
  FindingOverrideRecord,
  FindingStatus,
  SessionRecord,
  TimelineRecord,
} from '@/lib/contracts';

/** One annotation behind a finding, with what the board shows of it. */
export interface Evidence {
  annotation: AnnotationRecord;
  session: SessionRecord;
  /** An object URL of the screenshot, or null when there is none. */
  picture: string | null;
}

/** A study's sessions and what the clustering made of their annotations, kept live. */
export interface StudyBoard {
  studyKey: string;
  sessions: SessionRecord[];
  /** Every annotation of the study's sessions, dismissed ones included (metrics skip those). */
  annotations: AnnotationRecord[];
  /** The sessions' timelines (errors and failed requests count as bad-day events). */
  timeline: TimelineRecord[];
  /** Distinct participants (aliases; a session without one counts alone). */
  participants: number;
  findings: Finding[];
  evidence: Record<string, Evidence>;
  overrides: FindingOverrideRecord[];
  /** Decisions whose finding is no longer there: shown, not applied. */
  staleOverrides: FindingOverrideRecord[];
}

/** The findings board, metrics and rounds: studies watched live, decisions sent to the background. */
export interface FindingsSlice {
  boards: Record<string, StudyBoard>;
  boardNotice: Notice;
  /** Keep `boards[key]` up to date until the returned function is called. */
  watchStudy(key: string): () => void;
  renameFinding(key: string, findingId: string, title: string): Promise<boolean>;
  setFindingStatus(key: string, findingId: string, status: FindingStatus): Promise<boolean>;
  /** `findingId` absorbs `otherId`. */
  mergeFindings(key: string, findingId: string, otherId: string): Promise<boolean>;
  /** Move these annotations out into a finding of their own. */
  splitFinding(key: string, findingId: string, annotationIds: string[]): Promise<boolean>;
  undoOverride(id: string): Promise<boolean>;
  /** Open the session's replay a few seconds before the moment, playing. */
  playEvidence(sessionId: string, ts: number): Promise<void>;
  dismissBoardNotice(): void;
}

/** How far before an annotation the replay starts, so the lead-up is seen. */
export const PLAY_LEAD_MS = 3_000;

async function readStudy(key: string) {
  const sessions = (await listSessionsNewestFirst(db)).filter((s) => {
    const ref = studyRefOf(s);
    return (ref === null ? QUICK_STUDY_KEY : studyKey(ref)) === key;
  });
  const ids = sessions.map((s) => s.id);
  const [annotations, timeline, screenshots, overrides] = await Promise.all([
    db.annotations.where('sessionId').anyOf(ids).toArray(),
    db.timeline.where('sessionId').anyOf(ids).toArray(),
    db.screenshots.where('sessionId').anyOf(ids).toArray(),
    listFindingOverrides(db, key),
  ]);
  return { sessions, annotations, timeline, screenshots, overrides };
}

function revoke(board: StudyBoard | undefined) {
  for (const e of Object.values(board?.evidence ?? {}))
    if (e.picture) URL.revokeObjectURL(e.picture);
}

export const createFindingsSlice: ReviewSlice<FindingsSlice> = (set, get) => {
  // Several views may watch one study (the board and the rounds comparison).
  const watchers = new Map<string, { count: number; stop: () => void }>();

  async function decide(key: string, override: FindingOverride): Promise<boolean> {
    const result = await sendMessage('findings.override', { studyKey: key, override });
    if (result.type === 'error') {
      set({ boardNotice: { type: 'error', text: `Could not save: ${result.message}` } });
      return false;
    }
    return true;
  }

  return {
    boards: {},
    boardNotice: null,

    watchStudy(key) {
      const existing = watchers.get(key);
      if (existing) existing.count += 1;
      else {
        const subscription = liveQuery(() => readStudy(key)).subscribe({
          next: ({ sessions, annotations, timeline, screenshots, overrides }) => {
            const byId = new Map(sessions.map((s) => [s.id, s]));
            const pictures = new Map(screenshots.map((shot) => [shot.annotationId, shot]));
            const items: ClusterInput[] = [];
            const evidence: Record<string, Evidence> = {};
            for (const annotation of annotations) {
              const session = byId.get(annotation.sessionId);
              if (!session) continue;
              items.push({
                annotation,
                participant: session.participant,
                sessionId: session.id,
                tags: session.study?.tags ?? [],
              });
              const shot = pictures.get(annotation.id);
              evidence[annotation.id] = {
                annotation,
                session,
                picture: shot
                  ? URL.createObjectURL(new Blob([shot.data as BlobPart], { type: shot.mime }))
                  : null,
              };
            }
            const participants = new Set(sessions.map(participantOf)).size;
            const { findings, staleOverrides } = clusterFindings({
              items,
              overrides,
              participants,
            });
            revoke(get().boards[key]);
            set((s) => ({
              boards: {
                ...s.boards,
                [key]: {
                  studyKey: key,
                  sessions,
                  annotations,
                  timeline,
                  participants,
                  findings,
                  evidence,
                  overrides,
                  staleOverrides,
                },
              },
            }));
          },
          error: (error) =>
            set({
              boardNotice: { type: 'error', text: `Cannot read the study: ${String(error)}` },
            }),
        });
        watchers.set(key, { count: 1, stop: () => subscription.unsubscribe() });
      }
      return () => {
        const watcher = watchers.get(key);
        if (!watcher || --watcher.count > 0) return;
        watcher.stop();
        watchers.delete(key);
        revoke(get().boards[key]);
        set((s) => {
          const { [key]: _gone, ...boards } = s.boards;
          return { boards };
        });
      };
    },

    renameFinding(key, findingId, title) {
      return decide(key, { type: 'rename', findingId, title: title.trim() });
    },

    setFindingStatus(key, findingId, status) {
      return decide(key, { type: 'status', findingId, status });
    },

    mergeFindings(key, findingId, otherId) {
      return decide(key, { type: 'merge', findingId, otherId });
    },

    splitFinding(key, findingId, annotationIds) {
      return decide(key, {
        type: 'split',
        findingId,
        annotationIds,
        newFindingId: `f-split-${crypto.randomUUID()}`,
      });
    },

    async undoOverride(id) {
      const result = await sendMessage('findings.undo', { id });
      if (result.type === 'error') {
        set({ boardNotice: { type: 'error', text: `Could not undo: ${result.message}` } });
        return false;
      }
      return true;
    },

    async playEvidence(sessionId, ts) {
      if (get().selectedId !== sessionId) await get().select(sessionId);
      get().seekTo(ts - PLAY_LEAD_MS, { play: true });
    },

    dismissBoardNotice() {
      set({ boardNotice: null });
    },
  };
};
