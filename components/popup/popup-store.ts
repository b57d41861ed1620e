import { liveQuery } from 'dexie';
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { countByTag, tagHotkey } from '@/lib/annotations';
import { bundleFileName, exportBundle } from '@/lib/export';
import { sendMessage } from '@/lib/messaging';
import { accessHost, accessPatterns, PORTS_IN_PATTERNS, resolveTargetTab } from '@/lib/sessions';
import { originOf, parseOriginList } from '@/lib/urls';
import { createDb, findLastEndedSession, findOpenSession } from '@/lib/storage';
import { isReadyKit, listStudies } from '@/lib/studies';
import type { Ease, SessionCommandResult, SessionRecord, StudyKit } from '@/lib/contracts';

const db = createDb();

/** The ended session whose summary the participant dismissed (popup UI state, not session data). */
const DISMISSED_KEY = 'popup.dismissedSummary';

interface TargetTab {
  id: number;
  origin: string | null;
}

interface StartForm {
  title: string;
  participant: string;
  origins: string;
}

/** 'choose': pick a study or fill a quick session; 'consent': read and agree before a study starts. */
type Step = 'choose' | 'consent';

interface PopupState {
  ready: boolean;
  tab: TargetTab | null;
  studies: StudyKit[];
  /** Chosen study id; null for a quick session. */
  studyId: string | null;
  step: Step;
  /** The recording, paused or interrupted session, if any. */
  session: SessionRecord | null;
  /** Tags noted in the live session, by tag id (auto findings as `auto:<detector>`). */
  counts: Record<string, number>;
  /** The newest ended session, for its end notice (e.g. storage full) and its summary. */
  lastEnded: SessionRecord | null;
  /** Tags noted in `lastEnded`, by tag id. */
  lastEndedCounts: Record<string, number>;
  /** Id of the ended session whose summary was dismissed; undefined until read. */
  dismissedId: string | null | undefined;
  /** Whether the browser still grants access to `lastEnded`'s sites; null until checked. */
  lastEndedAccess: boolean | null;
  now: number;
  /** The tag shortcut as bound now; '' when unbound. */
  hotkey: string;
  busy: boolean;
  error: string | null;
  /** Informational line, e.g. waiting for the permission prompt. */
  notice: string | null;
  form: StartForm;
  init(): () => void;
  setForm(patch: Partial<StartForm>): void;
  chooseStudy(studyId: string | null): void;
  setStep(step: Step): void;
  start(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  finishTask(outcome: 'done' | 'gave-up'): Promise<void>;
  /** The Single Ease Question answer (null: skipped) for a task that ended; true once stored. */
  answerEase(taskId: string, ease: Ease | null): Promise<boolean>;
  /** The ended session's bundle and its file name (study and alias), read from IndexedDB. */
  exportEnded(): Promise<{ blob: Blob; fileName: string } | null>;
  giveBackAccess(): Promise<void>;
  dismissSummary(): Promise<void>;
}

export const usePopupStore = create<PopupState>()((set, get) => {
  async function run(
    command: () => Promise<SessionCommandResult>,
  ): Promise<SessionCommandResult | null> {
    set({ busy: true, error: null, notice: null });
    try {
      const result = await command();
      if (result.type === 'error') set({ error: result.message });
      if (result.type === 'pending') set({ notice: result.message });
      return result;
    } catch (error) {
      set({ error: `Study Group's background did not answer: ${String(error)}` });
      return null;
    } finally {
      set({ busy: false });
    }
  }

  /**
   * Ask for host access and send the command in the same tick. Chrome closes
   * the popup while its permission prompt is open, so nothing after the prompt
   * may be needed here: the background parks the command and carries it out
   * when access is granted (lib/sessions/session-service.ts).
   */
  async function withAccess(origins: string[], command: () => Promise<unknown>) {
    const granted = browser.permissions
      .request({ origins: accessPatterns(origins, PORTS_IN_PATTERNS) })
      .catch(() => false);
    const sent = command();
    if (!(await granted)) set({ error: 'Study Group needs access to these sites to record them.' });
    await sent;
  }

  async function checkAccess(origins: string[]) {
    const held = await browser.permissions
      .contains({ origins: accessPatterns(origins, PORTS_IN_PATTERNS) })
      .catch(() => false);
    set({ lastEndedAccess: held });
  }

  return {
    ready: false,
    tab: null,
    studies: [],
    studyId: null,
    step: 'choose',
    session: null,
    counts: {},
    lastEnded: null,
    lastEndedCounts: {},
    dismissedId: undefined,
    lastEndedAccess: null,
    now: Date.now(),
    hotkey: '',
    busy: false,
    error: null,
    notice: null,
    form: { title: '', participant: '', origins: '' },

    init() {
      void tagHotkey(browser.commands).then((hotkey) => set({ hotkey }));
      void resolveTargetTab(browser.tabs).then((tab) => {
        const origin = originOf(tab?.url);
        set((s) => ({
          tab: tab?.id !== undefined ? { id: tab.id, origin } : null,
          form: { ...s.form, origins: s.form.origins || origin || '' },
        }));
      });
      void browser.storage.local
        .get(DISMISSED_KEY)
        .then((stored) => {
          const id = stored[DISMISSED_KEY];
          set({ dismissedId: typeof id === 'string' ? id : null });
        })
        .catch(() => set({ dismissedId: null }));
      let firstLoad = true;
      const subscription = liveQuery(async () => {
        const session = await findOpenSession(db);
        const counts = session ? await countByTag(db, session.id) : {};
        const lastEnded = await findLastEndedSession(db);
        return {
          session,
          counts,
          studies: (await listStudies(db)).filter(isReadyKit),
          lastEnded,
          lastEndedCounts: lastEnded ? await countByTag(db, lastEnded.id) : {},
        };
      }).subscribe({
        next: (value) => {
          // The newest study is preselected once; later updates keep the user's choice.
          const preselect = firstLoad && value.studies[0] ? { studyId: value.studies[0].id } : {};
          firstLoad = false;
          set({ ...value, ...preselect, ready: true });
          if (value.lastEnded) void checkAccess(value.lastEnded.origins);
        },
        error: (error) =>
          set({ error: `Cannot read recorded sessions: ${String(error)}`, ready: true }),
      });
      const tick = setInterval(() => set({ now: Date.now() }), 1_000);
      return () => {
        subscription.unsubscribe();
        clearInterval(tick);
      };
    },

    setForm(patch) {
      set((s) => ({ form: { ...s.form, ...patch } }));
    },

    chooseStudy(studyId) {
      set({ studyId, step: 'choose', error: null });
    },

    setStep(step) {
      set({ step, error: null });
    },

    async start() {
      const { tab, form, studyId, studies } = get();
      if (!tab) return set({ error: 'Open the product you want to study in a tab first.' });
      const study = studies.find((s) => s.id === studyId) ?? null;
      if (study && !form.participant.trim()) return set({ error: 'Enter your alias to start.' });
      const parsed = study
        ? { origins: study.origins, invalid: [] }
        : parseOriginList(form.origins);
      if (parsed.invalid.length)
        return set({
          error: `Not a web address: ${parsed.invalid.join(', ')}. Use one like https://app.example.com.`,
        });
      if (parsed.origins.length === 0)
        return set({ error: 'Add the address of the site to record.' });
      await withAccess(parsed.origins, () =>
        run(() =>
          sendMessage('session.start', {
            title: study ? '' : form.title,
            participant: form.participant,
            origins: parsed.origins,
            tabId: tab.id,
            studyId: study?.id ?? null,
          }),
        ),
      );
      set({ step: 'choose' });
    },

    async pause() {
      const { session } = get();
      if (session) await run(() => sendMessage('session.pause', { sessionId: session.id }));
    },

    async resume() {
      const { session, tab } = get();
      if (!session) return;
      const command = () =>
        run(() => sendMessage('session.resume', { sessionId: session.id, tabId: tab?.id ?? null }));
      // Recording moves to the current tab, which needs the origin permission again after a restart.
      await (session.status === 'interrupted' ? withAccess(session.origins, command) : command());
    },

    async stop() {
      const { session } = get();
      if (!session) return;
      const result = await run(() => sendMessage('session.stop', { sessionId: session.id }));
      if (result?.type !== 'ok') return;
      // A new ended session: its summary shows, whatever was dismissed before.
      set({ dismissedId: null });
      // Say what the browser now holds: access granted at install, or still
      // needed by another session, stays.
      const given = [];
      for (const origin of session.origins) {
        const pattern = accessPatterns([origin], PORTS_IN_PATTERNS);
        if (!(await browser.permissions.contains({ origins: pattern })))
          given.push(accessHost(origin, PORTS_IN_PATTERNS));
      }
      if (given.length)
        set({ notice: `Site access to ${[...new Set(given)].join(', ')} was given back.` });
    },

    async finishTask(outcome) {
      const { session } = get();
      const task = session?.tasks.find((t) => t.outcome === null);
      if (session && task) {
        await run(() =>
          sendMessage('session.task', { sessionId: session.id, taskId: task.taskId, outcome }),
        );
      }
    },

    async answerEase(taskId, ease) {
      const { session } = get();
      if (!session) return false;
      const result = await run(() =>
        sendMessage('session.task-ease', { sessionId: session.id, taskId, ease }),
      );
      return result?.type === 'ok';
    },

    async exportEnded() {
      const { lastEnded } = get();
      if (!lastEnded) return null;
      set({ busy: true, error: null });
      try {
        const blob = await exportBundle(db, [lastEnded.id], {
          exportedAt: new Date().toISOString(),
          generator: `Study Group ${browser.runtime.getManifest().version}`,
        });
        return {
          blob,
          fileName: bundleFileName([lastEnded.title], new Date(), lastEnded.participant),
        };
      } catch (error) {
        set({ error: `Saving the session failed: ${String(error)}` });
        return null;
      } finally {
        set({ busy: false });
      }
    },

    async giveBackAccess() {
      const { lastEnded } = get();
      if (!lastEnded) return;
      const hosts = [...new Set(lastEnded.origins.map((o) => accessHost(o, PORTS_IN_PATTERNS)))];
      const removed = await browser.permissions
        .remove({ origins: accessPatterns(lastEnded.origins, PORTS_IN_PATTERNS) })
        .catch(() => false);
      await checkAccess(lastEnded.origins);
      if (removed && !get().lastEndedAccess)
        set({ notice: `Site access to ${hosts.join(', ')} was given back.`, error: null });
      else
        set({
          error: `Access to ${hosts.join(', ')} came with the extension's installation; remove it in the browser's extension settings.`,
        });
    },

    async dismissSummary() {
      const { lastEnded } = get();
      if (!lastEnded) return;
      set({ dismissedId: lastEnded.id });
      await browser.storage.local.set({ [DISMISSED_KEY]: lastEnded.id }).catch(() => undefined);
    },
  };
});
