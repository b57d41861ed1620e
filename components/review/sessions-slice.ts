import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { bundleFileName, exportBundle, importBundle } from '@/lib/export';
import { sendMessage } from '@/lib/messaging';
import { gzipJson, listSessionsNewestFirst, sha256Hex } from '@/lib/storage';
import { reviewDb as db } from './review-db';
import type { Notice, ReviewSlice } from './review-store';
import type { SessionRecord } from '@/lib/contracts';

/** The session list: what is stored, what is ticked, import, export and delete. */
export interface SessionsSlice {
  sessions: SessionRecord[];
  loaded: boolean;
  checked: string[];
  notice: Notice;
  busy: boolean;
  init(): () => void;
  toggleChecked(id: string): void;
  setAllChecked(all: boolean): void;
  exportChecked(): Promise<{ blob: Blob; fileName: string } | null>;
  importFile(file: File): Promise<void>;
  remove(id: string): Promise<void>;
  dismissNotice(): void;
}

export const createSessionsSlice: ReviewSlice<SessionsSlice> = (set, get) => ({
  sessions: [],
  loaded: false,
  checked: [],
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
    if (get().selectedId === id) get().clearSelection();
    set((s) => ({
      checked: s.checked.filter((x) => x !== id),
      notice: { type: 'info', text: 'Session deleted.' },
    }));
  },

  dismissNotice() {
    set({ notice: null });
  },
});
