import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../messaging';
import type { StudyGroupDb } from '../storage';
import { createAnnotationService, type AnnotationService } from './annotation-service';

/** The manifest command that opens the tag palette (Alt+Shift+F by default). */
export const TAG_COMMAND = 'tag-friction';

async function captureVisibleTab(windowId: number): Promise<Uint8Array | null> {
  try {
    const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 70 });
    return new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
  } catch {
    // No activeTab grant (the tag was made with the mouse) or the tab changed.
    return null;
  }
}

/** Background wiring for annotations and the overlay's hotkey. */
export function registerAnnotationService(db: StudyGroupDb): AnnotationService {
  const service = createAnnotationService({
    db,
    capture: captureVisibleTab,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  });
  onMessage('annotation.add', ({ data, sender }) =>
    service.add(data, { tabId: sender.tab?.id, windowId: sender.tab?.windowId }),
  );
  onMessage('overlay.state', ({ data, sender }) =>
    service.overlayState(data.sessionId, sender.tab?.id),
  );
  // The command's key press also grants activeTab, which captureVisibleTab needs.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== TAG_COMMAND || tab?.id === undefined) return;
    sendMessage('overlay.open', { via: 'command' }, tab.id).catch(() => undefined);
  });
  return service;
}
