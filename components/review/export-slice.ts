import { liveQuery } from 'dexie';
import { sendMessage } from '@/lib/messaging';
import { loadTrackerTargets, trackerTargetsItem } from '@/lib/settings';
import { reviewDb as db } from './review-db';
import type { Notice, ReviewSlice } from './review-store';
import type {
  ExportJobRecord,
  ExportReceiptRecord,
  TrackerTarget,
  TrackerType,
} from '@/lib/contracts';

/** What the review page keeps of a configured tracker: never its secrets. */
export interface TargetSummary {
  id: string;
  name: string;
  type: TrackerType;
}

/** A study's export state, kept live from the background's tables. */
export interface StudyExports {
  receipts: ExportReceiptRecord[];
  /** Items of the batches this page shows (newest batch first), without their drafts. */
  batches: ExportBatch[];
}

export interface ExportItem {
  id: string;
  findingId: string;
  title: string;
  mode: ExportJobRecord['mode'];
  status: ExportJobRecord['status'];
  issue: ExportJobRecord['issue'];
}

export interface ExportBatch {
  batchId: string;
  targetId: string;
  createdAt: number;
  items: ExportItem[];
}

export interface ExportSlice {
  exportTargets: TargetSummary[];
  /** The tracker the board sends to; null when none is configured. */
  exportTargetId: string | null;
  exports: Record<string, StudyExports>;
  /** Findings ticked on the board, by study. */
  exportSelection: Record<string, string[]>;
  exportNotice: Notice;
  /** Batches sent from this page: shown until closed, even once settled. */
  sentBatches: string[];
  /** Batches the user closed (all their items settled). */
  hiddenBatches: string[];
  /** Keeps targets, receipts and this study's batches live until the returned function runs. */
  watchExports(studyKey: string): () => void;
  chooseExportTarget(id: string): void;
  toggleExportFinding(studyKey: string, findingId: string, on: boolean): void;
  setExportSelection(studyKey: string, findingIds: string[]): void;
  /** Queues these findings for the chosen tracker; true once the background took them. */
  sendFindings(
    studyKey: string,
    findingIds: string[],
    existing: 'comment' | 'skip',
  ): Promise<boolean>;
  cancelExportBatch(batchId: string): Promise<void>;
  retryExportItem(jobId: string): Promise<void>;
  hideExportBatch(batchId: string): void;
  dismissExportNotice(): void;
}

const summary = ({ id, name, type }: TrackerTarget): TargetSummary => ({ id, name, type });

const UNSETTLED = ['queued', 'running', 'waiting'];
const SETTLED = new Set(['done', 'failed', 'cancelled']);
export const isSettled = (item: Pick<ExportItem, 'status'>) => SETTLED.has(item.status.type);

/** Batches of a study, newest first; an item's title is its draft's. */
export function batchesOf(jobs: ExportJobRecord[]): ExportBatch[] {
  const byBatch = new Map<string, ExportBatch>();
  for (const job of [...jobs].sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  )) {
    const batch = byBatch.get(job.batchId) ?? {
      batchId: job.batchId,
      targetId: job.targetId,
      createdAt: job.createdAt,
      items: [],
    };
    batch.items.push({
      id: job.id,
      findingId: job.findingId,
      title: job.draft.title,
      mode: job.mode,
      status: job.status,
      issue: job.issue,
    });
    byBatch.set(job.batchId, batch);
  }
  return [...byBatch.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/** Why some findings were not queued: already there, or nothing new to comment. */
function skippedText(skipped: number, existing: 'comment' | 'skip', target: string): string {
  const which = skipped === 1 ? '1 finding' : `${skipped} findings`;
  return existing === 'comment'
    ? `${which} left as ${skipped === 1 ? 'it is' : 'they are'} in ${target}: nothing new since ${skipped === 1 ? 'its' : 'their'} issue was filed (or already on its way).`
    : `${which} left as ${skipped === 1 ? 'it is' : 'they are'}: already in ${target} (or on its way).`;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createExportSlice: ReviewSlice<ExportSlice> = (set, get) => {
  const failed = (what: string, error: unknown) =>
    set({ exportNotice: { type: 'error', text: `${what}: ${messageOf(error)}` } });

  function setTargets(targets: TrackerTarget[]) {
    const exportTargets = targets.map(summary);
    const chosen = get().exportTargetId;
    set({
      exportTargets,
      exportTargetId: exportTargets.some((t) => t.id === chosen)
        ? chosen
        : (exportTargets[0]?.id ?? null),
    });
  }

  return {
    exportTargets: [],
    exportTargetId: null,
    exports: {},
    exportSelection: {},
    exportNotice: null,
    sentBatches: [],
    hiddenBatches: [],

    watchExports(studyKey) {
      void loadTrackerTargets().then(setTargets, (e: unknown) =>
        failed('Cannot read the trackers', e),
      );
      const unwatchTargets = trackerTargetsItem.watch(() => {
        void loadTrackerTargets().then(setTargets);
      });
      const subscription = liveQuery(async () => {
        const [receipts, open] = await Promise.all([
          db.exportReceipts.where('studyKey').equals(studyKey).toArray(),
          db.exportJobs.where('status.type').anyOf(UNSETTLED).toArray(),
        ]);
        // The panel shows batches still at work and those sent from this page, whole.
        const batchIds = [...new Set([...get().sentBatches, ...open.map((j) => j.batchId)])];
        const jobs = await db.exportJobs.where('batchId').anyOf(batchIds).toArray();
        return { receipts, batches: batchesOf(jobs.filter((j) => j.studyKey === studyKey)) };
      }).subscribe({
        next: (value) => set((s) => ({ exports: { ...s.exports, [studyKey]: value } })),
        error: (e: unknown) => failed('Cannot read the exports', e),
      });
      return () => {
        unwatchTargets();
        subscription.unsubscribe();
      };
    },

    chooseExportTarget(id) {
      set({ exportTargetId: id });
    },

    toggleExportFinding(studyKey, findingId, on) {
      const current = get().exportSelection[studyKey] ?? [];
      const next = on
        ? [...new Set([...current, findingId])]
        : current.filter((id) => id !== findingId);
      set((s) => ({ exportSelection: { ...s.exportSelection, [studyKey]: next } }));
    },

    setExportSelection(studyKey, findingIds) {
      set((s) => ({ exportSelection: { ...s.exportSelection, [studyKey]: findingIds } }));
    },

    async sendFindings(studyKey, findingIds, existing) {
      const targetId = get().exportTargetId;
      if (!targetId || findingIds.length === 0) return false;
      try {
        const result = await sendMessage('export.enqueue', {
          targetId,
          scope: { type: 'findings', studyKey, findingIds },
          existing,
        });
        if (result.type === 'error') {
          set({ exportNotice: { type: 'error', text: `Could not send: ${result.message}` } });
          return false;
        }
        const target = get().exportTargets.find((t) => t.id === targetId)?.name ?? 'the tracker';
        set((s) => ({
          sentBatches: [...s.sentBatches, result.batchId],
          exportSelection: { ...s.exportSelection, [studyKey]: [] },
          exportNotice:
            result.skipped === 0
              ? null
              : {
                  type: 'info',
                  text: skippedText(result.skipped, existing, target),
                },
        }));
        return true;
      } catch (e) {
        failed('Could not send', e);
        return false;
      }
    },

    async cancelExportBatch(batchId) {
      try {
        const result = await sendMessage('export.cancel', { batchId });
        if (result.type === 'error') failed('Could not cancel', new Error(result.message));
      } catch (e) {
        failed('Could not cancel', e);
      }
    },

    async retryExportItem(jobId) {
      try {
        const result = await sendMessage('export.retry', { jobId });
        if (result.type === 'error') failed('Could not retry', new Error(result.message));
      } catch (e) {
        failed('Could not retry', e);
      }
    },

    hideExportBatch(batchId) {
      set((s) => ({ hiddenBatches: [...s.hiddenBatches, batchId] }));
    },

    dismissExportNotice() {
      set({ exportNotice: null });
    },
  };
};
