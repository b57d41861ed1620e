import { createIsolatedElement } from '@webext-core/isolated-element';
import { browser } from 'wxt/browser';
import { createOverlay, type Overlay } from '../annotations/overlay';
import { onMessage, sendMessage } from '../messaging';
import { isolatedDom, openChannel } from './page-channel';
import { createPageRecorder, type RecorderState } from './page-recorder';
import { LIVE_RECORDING_KEY, OVERLAY_DOCK_KEY, spoolKey, type LiveRecording } from '../contracts';

/**
 * Content-script wiring: the recorder and, while it records, the overlay.
 *
 * Deliberately not tied to WXT's ContentScriptContext: a page script can
 * dispatch the DOM event that context listens for ("a newer copy of this
 * script started") and so invalidate it, which would stop the recording and
 * remove the overlay. Each page load runs one copy of this script (the
 * session reloads a page rather than injecting into it), so nothing needs
 * that mechanism; the extension going away is noticed from runtime.id.
 */
export function registerRecorder({ overlayCss }: { overlayCss: string }): void {
  let overlay: { host: HTMLElement; container: HTMLElement; ui: Overlay } | null = null;
  let mounting: Promise<void> | null = null;
  /** The background stopped the session (not: this tab turned out not to be in it). */
  let sessionStopped = false;

  const recorder = createPageRecorder({
    hello: (request) => sendMessage('recorder.hello', request),
    readLive: async () =>
      ((await browser.storage.local.get(LIVE_RECORDING_KEY))[LIVE_RECORDING_KEY] as
        LiveRecording | undefined) ?? null,
    sendBatch: (batch) => {
      if (!browser.runtime?.id) {
        recorder.dispose();
        return Promise.resolve({ type: 'stop', reason: 'not-recording' });
      }
      return sendMessage('recorder.batch', batch);
    },
    spool: (batches) => {
      // storage.local is written by the browser, not the worker: this lands
      // even when the worker is stopped and the page is unloading.
      void browser.storage.local
        .set(Object.fromEntries(batches.map((b) => [spoolKey(b), b])))
        .catch(() => undefined);
    },
    onControl: (handler) =>
      onMessage('recorder.control', ({ data }) => {
        if (data.type === 'stop') sessionStopped = true;
        return handler(data);
      }),
    connect: (onConnect) => openChannel(isolatedDom(window), onConnect),
    win: window,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
    onState: (state) => void showOverlay(state),
  });

  async function mountOverlay(): Promise<void> {
    const { parentElement: host, isolatedElement: container } = await createIsolatedElement({
      name: 'study-group-overlay',
      // The page's CSS never reaches inside; this resets what it sets on the host.
      css: { textContent: `:host{all:initial !important;}\n${overlayCss}` },
      // Closed: neither the page nor the page-world recorder can look inside.
      mode: 'closed',
      isolateEvents: true,
    });
    // Blocked in rrweb terms: the recording holds an empty box, never the overlay.
    host.classList.add('sg-block');
    const ui = createOverlay({
      container,
      host,
      win: window,
      now: () => Date.now(),
      context: () => recorder.context,
      loadState: (sessionId) => sendMessage('overlay.state', { sessionId }),
      save: (request) => sendMessage('annotation.add', request),
      finishTask: (sessionId, taskId, outcome) =>
        sendMessage('session.task', { sessionId, taskId, outcome }),
      rateTask: (sessionId, taskId, ease) =>
        sendMessage('session.task-ease', { sessionId, taskId, ease }),
      undoTask: (sessionId, taskId) => sendMessage('session.task-undo', { sessionId, taskId }),
      // storage.local, not the worker: the overlay is in its place from the first frame.
      loadDock: async () => (await browser.storage.local.get(OVERLAY_DOCK_KEY))[OVERLAY_DOCK_KEY],
      saveDock: (dock) =>
        void browser.storage.local.set({ [OVERLAY_DOCK_KEY]: dock }).catch(() => undefined),
    });
    container.hidden = true;
    // Outside <body>: the page's layout never sees it.
    document.documentElement.append(host);
    overlay = { host, container, ui };
    await ui.restoreDock();
    void ui.refresh().catch(() => undefined);
  }

  async function showOverlay(state: RecorderState): Promise<void> {
    if (state === 'recording' || state === 'paused') {
      mounting ??= mountOverlay();
      await mounting;
      overlay?.ui.setPaused(state === 'paused');
      // Shown inside the shadow root: the host is reset with `all: initial !important`.
      if (overlay) overlay.container.hidden = false;
    } else if (state === 'stopped') {
      await mounting;
      if (overlay && sessionStopped) {
        // The session ended: where its overlay stood means nothing to the next one.
        void browser.storage.local.remove(OVERLAY_DOCK_KEY).catch(() => undefined);
      }
      overlay?.ui.destroy();
      overlay?.host.remove();
      overlay = null;
      mounting = null;
    }
  }

  onMessage('overlay.open', () => overlay?.ui.open());
  void recorder.boot();
}
