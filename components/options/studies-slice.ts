import { liveQuery } from 'dexie';
import { createDb } from '@/lib/storage';
import {
  createKit,
  deleteStudy,
  draftToKit,
  getStudy,
  importKit,
  isReadyKit,
  kitFileName,
  kitToDraft,
  listStudies,
  saveStudy,
  serializeKit,
  type FieldError,
  type KitDraft,
  type KitStatus,
} from '@/lib/studies';
import type { OptionsSlice } from './options-store';
import type { StudyKit } from '@/lib/contracts';

const db = createDb();
const newId = () => crypto.randomUUID();

type TryMatch = (selector: string) => unknown;
type Notice = { type: 'info' | 'error'; text: string } | null;

export interface StudiesSlice {
  studies: StudyKit[];
  studiesLoaded: boolean;
  /** The study open in the editor, as edited so far. */
  draft: KitDraft | null;
  /** Whether the open study is stored (false for a new one not saved yet). */
  draftStored: boolean;
  draftDirty: boolean;
  draftErrors: FieldError[];
  /** Outcome of save and export, shown by the editor's buttons. */
  editorNotice: Notice;
  /** Outcome of import and delete, shown at the top of the section. */
  studiesNotice: Notice;
  studiesBusy: boolean;
  /** How the open study shows: the facilitator's editor, or as a participant will see it. */
  studyView: 'edit' | 'participant';
  showStudyAs(view: 'edit' | 'participant'): void;
  watchStudies(): () => void;
  newStudy(): void;
  openStudy(id: string): void;
  closeStudy(): void;
  editDraft(recipe: (draft: KitDraft) => KitDraft): void;
  /** Save as ready (checked for what a participant needs) or as a draft, kept but not offered. */
  saveDraft(tryMatch: TryMatch, status: KitStatus): Promise<StudyKit | null>;
  exportDraft(tryMatch: TryMatch): Promise<{ blob: Blob; fileName: string } | null>;
  deleteOpenStudy(): Promise<void>;
  importKitFile(file: File, tryMatch: TryMatch): Promise<void>;
  dismissStudiesNotice(): void;
}

/** Why a draft's Export is off: shown next to the button and if it is reached anyway. */
export const DRAFT_EXPORT_REASON = 'A draft cannot be exported: save it as ready first.';

const closed = {
  draft: null,
  draftStored: false,
  draftDirty: false,
  draftErrors: [],
  editorNotice: null,
  studyView: 'edit',
} satisfies Partial<StudiesSlice>;

export const createStudiesSlice: OptionsSlice<StudiesSlice> = (set, get) => {
  const open = (kit: StudyKit, stored: boolean) =>
    set({ ...closed, draft: kitToDraft(kit, newId), draftStored: stored });

  return {
    studies: [],
    studiesLoaded: false,
    ...closed,
    studiesNotice: null,
    studiesBusy: false,

    watchStudies() {
      const subscription = liveQuery(() => listStudies(db)).subscribe({
        next: (studies) => set({ studies, studiesLoaded: true }),
        error: (error) =>
          set({
            studiesLoaded: true,
            studiesNotice: { type: 'error', text: `Cannot read studies: ${String(error)}` },
          }),
      });
      return () => subscription.unsubscribe();
    },

    newStudy() {
      open(createKit(Date.now(), newId), false);
      set({ studiesNotice: null });
    },

    openStudy(id) {
      const kit = get().studies.find((study) => study.id === id);
      if (kit) open(kit, true);
      set({ studiesNotice: null });
    },

    showStudyAs(studyView) {
      set({ studyView });
    },

    closeStudy() {
      set(closed);
    },

    editDraft(recipe) {
      const { draft } = get();
      if (draft) set({ draft: recipe(draft), draftDirty: true, editorNotice: null });
    },

    async saveDraft(tryMatch, status) {
      const { draft } = get();
      if (!draft) return null;
      const built = draftToKit(draft, tryMatch, status);
      if (built.type === 'error') {
        set({ draftErrors: built.errors, editorNotice: null });
        return null;
      }
      set({ studiesBusy: true });
      const result = await saveStudy(db, built.kit, Date.now());
      set({ studiesBusy: false });
      if (result.type === 'error') {
        set({ draftErrors: [{ field: 'kit', message: result.message }], editorNotice: null });
        return null;
      }
      // Edits made while the write was in flight stay in the form, unsaved.
      if (get().draft !== draft) {
        set({ draftStored: true, draftErrors: [] });
        return result.kit;
      }
      open(result.kit, true);
      const as = status === 'draft' ? ' as a draft' : '';
      set({ editorNotice: { type: 'info', text: `Saved “${result.kit.title}”${as}.` } });
      return result.kit;
    },

    async exportDraft(tryMatch) {
      const { draft, draftDirty, draftStored } = get();
      if (!draft) return null;
      const saving = draftDirty || !draftStored;
      // The file is what is stored: unsaved edits are saved first.
      // Only a ready kit is exported: drafts never leave this browser.
      const kit = saving ? await get().saveDraft(tryMatch, 'ready') : await getStudy(db, draft.id);
      if (!kit) {
        // A failed save has said why; a missing study was deleted elsewhere (another tab).
        if (!saving) {
          set({
            draftStored: false,
            editorNotice: {
              type: 'error',
              text: 'This study is no longer stored here: save it first.',
            },
          });
        }
        return null;
      }
      if (!isReadyKit(kit)) {
        set({ editorNotice: { type: 'error', text: DRAFT_EXPORT_REASON } });
        return null;
      }
      const fileName = kitFileName(kit);
      set({
        editorNotice: {
          type: 'info',
          text: `${saving ? 'Saved and exported' : 'Exported'} “${kit.title}” as ${fileName}.`,
        },
      });
      const text = serializeKit(kit, new Date().toISOString());
      return { blob: new Blob([text], { type: 'application/json' }), fileName };
    },

    async deleteOpenStudy() {
      const { draft } = get();
      if (!draft) return;
      const title = get().studies.find((study) => study.id === draft.id)?.title ?? draft.title;
      await deleteStudy(db, draft.id);
      set({ ...closed, studiesNotice: { type: 'info', text: `Deleted “${title}”.` } });
    },

    async importKitFile(file, tryMatch) {
      set({ studiesBusy: true, studiesNotice: null });
      const result = await importKit(db, file, { tryMatch });
      set({ studiesBusy: false });
      if (result.type === 'error') {
        set({
          studiesNotice: {
            type: 'error',
            text: `Could not import “${file.name}”: ${result.message}`,
          },
        });
        return;
      }
      // Show the kit as its participants will see it, unless that would drop edits in progress:
      // whoever imports a kit is most often about to take part.
      if (!get().draftDirty) {
        open(result.kit, true);
        set({ studyView: 'participant' });
      }
      set({ studiesNotice: { type: 'info', text: result.message } });
    },

    dismissStudiesNotice() {
      set({ studiesNotice: null });
    },
  };
};
