import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '../messaging';
import type { StudyGroupDb } from '../storage';
import { createAnnotationService, type AnnotationService } from './annotation-service';
import { TAG_COMMAND, tagHotkey } from './hotkey';
import { paintCover } from './cover-painter';

async function captureVisibleTab(windowId: number): Promise<Uint8Array | null> {
  try {
    const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 70 });
    return new Uint8Array(await (await fetch(dataUrl)).arrayBuffer());
  } catch {
    // No activeTab grant (the tag was made with the mouse) or the tab changed.
    return null;
  }
}

const OFFSCREEN_URL = '/offscreen.html';
/** How long to wait for the batch holding an annotation's moment to be stored. */
const MOMENT_WAIT_MS = 6_000;

async function ensureOffscreenDocument(): Promise<void> {
  if (await browser.offscreen.hasDocument()) return;
  await browser.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['IFRAME_SCRIPTING'],
      justification: 'Replays a recorded page in an iframe to picture a tagged moment.',
    })
    // Two renders may race to create it; one document is all that is needed.
    .catch(async (error) => {
      if (!(await browser.offscreen.hasDocument())) throw error;
    });
}

/**
 * A tag made without an activeTab grant has no capture: once the recording
 * has reached its moment, the offscreen document draws it from the replay.
 * Chrome only (Firefox has no offscreen documents); best effort.
 */
async function pictureFromRecording(db: StudyGroupDb, annotationId: string): Promise<void> {
  if (!browser.offscreen) return;
  const annotation = await db.annotations.get(annotationId);
  if (!annotation?.segmentId) return;
  for (let waited = 0; waited < MOMENT_WAIT_MS; waited += 500) {
    const segment = await db.segments.get(annotation.segmentId);
    if (segment && segment.lastTs >= annotation.ts) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await ensureOffscreenDocument();
  await sendMessage('picture.render', { annotationId });
}

/** Background wiring for annotations and the overlay's hotkey. */
export function registerAnnotationService(db: StudyGroupDb): AnnotationService {
  const service = createAnnotationService({
    db,
    capture: captureVisibleTab,
    hotkey: () => tagHotkey(browser.commands),
    // Both exist in the MV3 service worker and in Firefox's background page.
    paintCover: (jpeg, cover) =>
      paintCover(
        { createImageBitmap: (blob) => createImageBitmap(blob), OffscreenCanvas },
        jpeg,
        cover,
      ),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  });
  // Reviewers' changes come from the extension's own pages, never from a content script.
  const fromExtensionPage = (sender: { url?: string }) =>
    sender.url?.startsWith(browser.runtime.getURL('/')) === true;
  const notFromReview = {
    type: 'error',
    message: 'Annotations are changed on the review page only.',
  } as const;
  onMessage('annotation.add', async ({ data, sender }) => {
    const result = await service.add(data, {
      tabId: sender.tab?.id,
      windowId: sender.tab?.windowId,
    });
    if (result.type === 'ok' && result.screenshot === 'none') {
      pictureFromRecording(db, result.annotationId).catch(() => undefined);
    }
    return result;
  });
  onMessage('annotation.update', ({ data, sender }) =>
    fromExtensionPage(sender) ? service.update(data) : notFromReview,
  );
  onMessage('annotation.observe', ({ data, sender }) =>
    fromExtensionPage(sender) ? service.observe(data) : notFromReview,
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
