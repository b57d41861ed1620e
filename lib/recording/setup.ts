import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, sendMessage } from '../messaging';
import { createPageRecorder } from './page-recorder';

/**
 * Content-script wiring. When the script is injected again into a page that
 * already runs it (a new session started on a loaded page), WXT invalidates
 * the older instance's context first, so at most one recorder runs per page.
 */
export function setupRecorder(ctx: ContentScriptContext): void {
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
  });
  ctx.onInvalidated(() => recorder.dispose());
  void recorder.boot();
}
