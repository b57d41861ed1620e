import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  createShadowRootUi,
  type ShadowRootContentScriptUi,
} from 'wxt/utils/content-script-ui/shadow-root';
import { createOverlay, type Overlay } from '../annotations/overlay/overlay';
import { onMessage, sendMessage } from '../messaging';
import { createPageRecorder, type RecorderState } from './page-recorder';

/**
 * Content-script wiring: the recorder and, while it records, the overlay.
 * When the script is injected again into a page that already runs it (a new
 * session started on a loaded page), WXT invalidates the older instance's
 * context first, so at most one recorder runs per page.
 */
export function setupRecorder(
  ctx: ContentScriptContext,
  { hotkeyLabel, overlayCss }: { hotkeyLabel: string; overlayCss: string },
): void {
  let ui: ShadowRootContentScriptUi<Overlay> | null = null;
  let mounting: Promise<void> | null = null;

  const recorder = createPageRecorder({
    hello: (request) => sendMessage('recorder.hello', request),
    sendBatch: (batch) => sendMessage('recorder.batch', batch),
    onControl: (handler) => onMessage('recorder.control', ({ data }) => handler(data)),
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
    ui = await createShadowRootUi(ctx, {
      name: 'study-group-overlay',
      css: overlayCss,
      position: 'inline',
      // Outside <body>: the page's layout never sees it.
      anchor: 'html',
      append: 'last',
      // Closed: neither the page nor the page-world recorder can look inside.
      mode: 'closed',
      isolateEvents: true,
      onMount: (container, _shadow, host) => {
        // Blocked in rrweb terms: the recording holds an empty box, never the overlay.
        host.classList.add('sg-block');
        return createOverlay({
          container,
          host,
          win: window,
          hotkeyLabel,
          now: () => Date.now(),
          context: () => recorder.context,
          loadState: (sessionId) => sendMessage('overlay.state', { sessionId }),
          save: (request) => sendMessage('annotation.add', request),
          finishTask: (sessionId, taskId, outcome) =>
            sendMessage('session.task', { sessionId, taskId, outcome }),
        });
      },
      onRemove: (overlay) => overlay?.destroy(),
    });
    ui.mount();
    await ui.mounted?.refresh();
  }

  async function showOverlay(state: RecorderState): Promise<void> {
    if (state === 'recording') {
      mounting ??= mountOverlay();
      await mounting;
      // Shown and hidden inside the shadow root: WXT resets the host with `all: initial !important`.
      if (ui) ui.uiContainer.hidden = false;
    } else if (state === 'paused' && ui) {
      ui.uiContainer.hidden = true;
    } else if (state === 'stopped') {
      await mounting;
      ui?.remove();
      ui = null;
      mounting = null;
    }
  }

  const stopOpen = onMessage('overlay.open', () => ui?.mounted?.open());
  ctx.onInvalidated(() => {
    stopOpen();
    recorder.dispose();
  });
  void recorder.boot();
}
