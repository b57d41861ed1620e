import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import {
  bundleFileName,
  exportBundle,
  importBundleFiles,
  type ImportProgress,
  type ImportResult,
} from '@/lib/export';
import { studyKey, studyRefOf } from '@/lib/findings';
import { sendMessage } from '@/lib/messaging';
import { QUICK_STUDY_KEY } from '@/lib/metrics';
import { gzipJson, listSessionsNewestFirst, sha256Hex } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { Notice, ReviewSlice } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

export type FileImportState =
  | { type: 'waiting' }
  | { type: 'importing'; progress: ImportProgress }
  | { type: 'done'; result: ImportResult };

/** One multi-file import: every picked or dropped file and how far it is. */
export interface ImportRun {
  files: { name: string; state: FileImportState }[];
  running: boolean;
}

/** The session list: what is stored, what is ticked, import, export and delete. */
export interface SessionsSlice {
  sessions: SessionRecord[];
  loaded: boolean;
  checked: string[];
  notice: Notice;
  busy: boolean;
  importRun: ImportRun | null;
  init(): () => void;
  toggleChecked(id: string): void;
  /** Ticks or unticks these sessions (the ones of the study shown), leaving the others as they are. */
  setAllChecked(ids: string[], all: boolean): void;
  exportChecked(): Promise<{ blob: Blob; fileName: string } | null>;
  /** Imports the files one after another, then shows the study the first imported session belongs to. */
  importFiles(files: File[]): Promise<void>;
  remove(id: string): Promise<void>;
  dismissNotice(): void;
}

export const createSessionsSlice: ReviewSlice<SessionsSlice> = (set, get) => ({
  sessions: [],
  loaded: false,
  checked: [],
  notice: null,
  busy: false,
  importRun: null,

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

  setAllChecked(ids, all) {
    set((s) => {
      const rest = s.checked.filter((id) => !ids.includes(id));
      return { checked: all ? [...rest, ...ids] : rest };
    });
  },

  async exportChecked() {
    const { checked, sessions } = get();
    const chosen = sessions.filter((s) => checked.includes(s.id));
    if (chosen.length === 0) return null;
    set({ busy: true, notice: null, importRun: null });
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
          chosen[0]?.participant,
        ),
      };
    } catch (error) {
      set({ notice: { type: 'error', text: `Export failed: ${String(error)}` } });
      return null;
    } finally {
      set({ busy: false });
    }
  },

  async importFiles(files) {
    if (files.length === 0 || get().importRun?.running) return;
    const setFile = (index: number, state: FileImportState) =>
      set((s) => {
        if (!s.importRun) return {};
        const list = s.importRun.files.map((f, i) => (i === index ? { ...f, state } : f));
        return { importRun: { ...s.importRun, files: list } };
      });
    set({
      busy: true,
      notice: null,
      importRun: {
        files: files.map((f) => ({ name: f.name, state: { type: 'waiting' } })),
        running: true,
      },
    });
    const results = await importBundleFiles(db, files, {
      compress: gzipJson,
      hash: sha256Hex,
      onProgress: (i, progress) => setFile(i, { type: 'importing', progress }),
      onFileDone: (i, result) => setFile(i, { type: 'done', result }),
    });
    const landing = results.flatMap(({ result }) =>
      result.type === 'ok' ? result.sessionIds : [],
    )[0];
    const session = landing ? await db.sessions.get(landing) : undefined;
    if (session) {
      const ref = studyRefOf(session);
      get().selectStudy(ref ? studyKey(ref) : QUICK_STUDY_KEY);
    }
    set((s) => ({ busy: false, importRun: s.importRun && { ...s.importRun, running: false } }));
  },

  async remove(id) {
    // The background deletes it (stopping it first if it still records).
    const result = await sendMessage('session.delete', { sessionId: id });
    if (result.type === 'error') {
      set({
        notice: { type: 'error', text: `Could not delete the session: ${result.message}` },
        importRun: null,
      });
      return;
    }
    if (get().selectedId === id) get().clearSelection();
    set((s) => ({
      checked: s.checked.filter((x) => x !== id),
      notice: { type: 'info', text: 'Session deleted.' },
      importRun: null,
    }));
  },

  dismissNotice() {
    set((s) => ({ notice: null, importRun: s.importRun?.running ? s.importRun : null }));
  },
});
