import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import { loadTrackerTargets, trackerTargetsItem } from '@/lib/settings';
import { trackerHosts } from '@/lib/trackers';
import {
  formFromTarget,
  newTrackerForm,
  targetFromForm,
  type FormErrors,
  type TrackerForm,
} from './trackers-form';
import type { OptionsSlice } from './options-store';
import type { ConnectionReport, TrackerTarget, TrackerType } from '@/lib/contracts';

type Notice = { type: 'info' | 'error'; text: string } | null;

export type ConnectionTest =
  | { type: 'idle' }
  | { type: 'testing' }
  | { type: 'done'; report: ConnectionReport }
  | { type: 'error'; message: string };

/** Host access a removed target had and no other target needs, offered back to the browser. */
export interface ReleasableAccess {
  name: string;
  origins: string[];
}

export interface TrackersSlice {
  trackerTargets: TrackerTarget[];
  trackersLoaded: boolean;
  /** The target open in the form, as edited so far. */
  trackerForm: TrackerForm | null;
  trackerErrors: FormErrors;
  trackerNotice: Notice;
  connectionTest: ConnectionTest;
  releasableAccess: ReleasableAccess | null;
  trackersBusy: boolean;
  loadTrackers(): Promise<void>;
  newTracker(type: TrackerType): void;
  editTracker(id: string): void;
  closeTracker(): void;
  setTrackerForm(patch: Partial<Omit<TrackerForm, 'fields'>>): void;
  setTrackerField(key: string, value: string): void;
  /** Shows an empty input in place of "saved ••••abcd". */
  replaceSecret(key: string): void;
  /**
   * Validates, asks for the tracker's host access and saves. Called straight from
   * the click: the permission request must run inside the user's gesture.
   */
  saveTracker(): Promise<void>;
  testTracker(): Promise<void>;
  removeTracker(id: string): Promise<void>;
  giveBackTrackerAccess(): Promise<void>;
  dismissTrackerNotice(): void;
}

const newId = () => crypto.randomUUID();

const closed = {
  trackerForm: null,
  trackerErrors: {},
  connectionTest: { type: 'idle' },
} satisfies Partial<TrackersSlice>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createTrackersSlice: OptionsSlice<TrackersSlice> = (set, get) => {
  const edit = (form: TrackerForm) =>
    set({ trackerForm: form, connectionTest: { type: 'idle' }, trackerNotice: null });

  async function store(targets: TrackerTarget[]) {
    await trackerTargetsItem.setValue(targets);
    set({ trackerTargets: targets });
  }

  return {
    trackerTargets: [],
    trackersLoaded: false,
    ...closed,
    trackerNotice: null,
    releasableAccess: null,
    trackersBusy: false,

    async loadTrackers() {
      set({ trackerTargets: await loadTrackerTargets(), trackersLoaded: true });
    },

    newTracker(type) {
      set({ trackerErrors: {}, releasableAccess: null });
      edit(newTrackerForm(type));
    },

    editTracker(id) {
      const target = get().trackerTargets.find((t) => t.id === id);
      if (!target) return;
      set({ trackerErrors: {}, releasableAccess: null });
      edit(formFromTarget(target));
    },

    closeTracker() {
      set(closed);
    },

    setTrackerForm(patch) {
      const form = get().trackerForm;
      if (form) set({ trackerForm: { ...form, ...patch }, trackerNotice: null });
    },

    setTrackerField(key, value) {
      const form = get().trackerForm;
      if (!form) return;
      const { [key]: _fixed, ...trackerErrors } = get().trackerErrors;
      set({
        trackerForm: { ...form, fields: { ...form.fields, [key]: value } },
        trackerErrors,
        trackerNotice: null,
      });
    },

    replaceSecret(key) {
      const form = get().trackerForm;
      if (form && !form.replacing.includes(key))
        set({ trackerForm: { ...form, replacing: [...form.replacing, key] } });
    },

    saveTracker() {
      const form = get().trackerForm;
      if (!form) return Promise.resolve();
      const built = targetFromForm(form, newId);
      if (built.type === 'invalid') {
        set({ trackerErrors: built.errors, trackerNotice: null });
        return Promise.resolve();
      }
      const { target } = built;
      // Nothing may be awaited before this call: it needs the click's gesture.
      const granted = browser.permissions
        .request({ origins: trackerHosts(target) })
        .catch(() => false);
      set({ trackersBusy: true, trackerErrors: {} });
      return (async () => {
        try {
          const access = await granted;
          const others = get().trackerTargets.filter((t) => t.id !== target.id);
          const isNew = !get().trackerTargets.some((t) => t.id === target.id);
          await store(
            isNew
              ? [...others, target]
              : get().trackerTargets.map((t) => (t.id === target.id ? target : t)),
          );
          set({
            ...closed,
            trackerNotice: access
              ? { type: 'info', text: `Saved “${target.name}”.` }
              : {
                  type: 'error',
                  text: `Saved “${target.name}”, but Study Group has no access to ${trackerHosts(target).join(', ')}: exports to it fail until you save it again and allow access.`,
                },
          });
        } catch (error) {
          set({ trackerNotice: { type: 'error', text: `Could not save: ${messageOf(error)}` } });
        } finally {
          set({ trackersBusy: false });
        }
      })();
    },

    async testTracker() {
      const form = get().trackerForm;
      if (!form) return;
      const built = targetFromForm(form, newId);
      if (built.type === 'invalid') {
        set({ trackerErrors: built.errors });
        return;
      }
      set({ trackerErrors: {}, connectionTest: { type: 'testing' } });
      try {
        const result = await sendMessage('tracker.test', { target: built.target });
        // The user may have moved on to another target meanwhile.
        if (get().trackerForm?.id !== form.id) return;
        set({
          connectionTest:
            result.type === 'ok'
              ? { type: 'done', report: result.value }
              : { type: 'error', message: result.message },
        });
      } catch (error) {
        set({ connectionTest: { type: 'error', message: messageOf(error) } });
      }
    },

    async removeTracker(id) {
      const target = get().trackerTargets.find((t) => t.id === id);
      if (!target) return;
      const rest = get().trackerTargets.filter((t) => t.id !== id);
      try {
        await store(rest);
      } catch (error) {
        set({ trackerNotice: { type: 'error', text: `Could not remove: ${messageOf(error)}` } });
        return;
      }
      const stillNeeded = new Set(rest.flatMap((t) => trackerHosts(t)));
      const candidates = trackerHosts(target).filter((o) => !stillNeeded.has(o));
      const held = await browser.permissions.contains({ origins: candidates }).catch(() => false);
      set({
        ...(get().trackerForm?.id === id ? closed : {}),
        trackerNotice: { type: 'info', text: `Removed “${target.name}” and its token.` },
        releasableAccess:
          held && candidates.length ? { name: target.name, origins: candidates } : null,
      });
    },

    async giveBackTrackerAccess() {
      const access = get().releasableAccess;
      if (!access) return;
      const removed = await browser.permissions
        .remove({ origins: access.origins })
        .catch(() => false);
      set({
        releasableAccess: null,
        trackerNotice: removed
          ? { type: 'info', text: `Gave back access to ${access.origins.join(', ')}.` }
          : {
              type: 'error',
              // Access granted at install (as in a managed or test build) cannot be given back.
              text: `The browser kept access to ${access.origins.join(', ')}: it was granted when Study Group was installed.`,
            },
      });
    },

    dismissTrackerNotice() {
      set({ trackerNotice: null, releasableAccess: null });
    },
  };
};
