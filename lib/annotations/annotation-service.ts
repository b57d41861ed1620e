import { createRateLimiter } from '../recording';
import { isQuotaError, type StudyGroupDb } from '../storage';
import { storedUrl } from '../urls';
import { parseAnnotationRequest } from './annotation-schema';
import { countByTag } from './counts';
import { tagsOf } from './tags';
import {
  currentTask,
  type AnnotationRecord,
  type AnnotationResult,
  type Cover,
  type OverlayState,
  type ScreenshotRecord,
} from '../contracts';

export interface AnnotationServiceDeps {
  db: StudyGroupDb;
  /**
   * A JPEG of the tab's visible area, or null where capture is not allowed
   * (no activeTab grant: the tag was made with the mouse).
   */
  capture(windowId: number): Promise<Uint8Array | null>;
  /** The capture with the cover's boxes painted over; null when that fails. */
  paintCover(jpeg: Uint8Array, cover: Cover): Promise<Uint8Array | null>;
  /** The tag shortcut as bound now (hotkey.ts). */
  hotkey(): Promise<string>;
  now(): number;
  newId(): string;
}

export interface AnnotationSender {
  tabId: number | undefined;
  windowId: number | undefined;
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;

/**
 * Tags per tab: a burst of 10, then one every 3 s (20 a minute). A tag takes
 * the hotkey, a digit and Enter at the very least; a participant notes a few
 * per task, and a scripted run tags about once a second at most. Whatever
 * gets past the overlay's checks costs at most that many rows and pictures.
 */
const TAG_RATE = { burst: 10, perSecond: 1 / 3, total: Infinity } as const;

export function createAnnotationService(deps: AnnotationServiceDeps) {
  const { db } = deps;
  const allowByTab = new Map<number, () => boolean>();

  function allowed(tabId: number): boolean {
    let allow = allowByTab.get(tabId);
    if (!allow) {
      allow = createRateLimiter(deps.now, TAG_RATE);
      allowByTab.set(tabId, allow);
    }
    return allow();
  }

  async function liveSessionFor(sessionId: string, tabId: number | undefined) {
    const session = await db.sessions.get(sessionId);
    const live = session && (session.status === 'recording' || session.status === 'paused');
    return live && tabId !== undefined && session.tabIds.includes(tabId) ? session : null;
  }

  async function overlayState(
    sessionId: string,
    tabId: number | undefined,
  ): Promise<OverlayState | null> {
    const session = await liveSessionFor(sessionId, tabId);
    if (!session) return null;
    return {
      sessionId,
      tags: tagsOf(session),
      counts: await countByTag(db, sessionId),
      task: currentTask(session),
      hotkey: await deps.hotkey(),
    };
  }

  async function add(raw: unknown, sender: AnnotationSender): Promise<AnnotationResult> {
    if (sender.tabId !== undefined && !allowed(sender.tabId)) {
      return { type: 'error', message: 'Too many tags at once: wait a few seconds and try again.' };
    }
    const request = parseAnnotationRequest(raw);
    if (!request) return { type: 'error', message: 'The annotation was malformed.' };
    const session = await liveSessionFor(request.sessionId, sender.tabId);
    if (!session || sender.tabId === undefined) {
      return { type: 'error', message: 'This tab is not part of a running session.' };
    }
    if (!tagsOf(session).some((t) => t.id === request.tagId)) {
      return { type: 'error', message: 'That tag is not in this study.' };
    }
    // The overlay hid itself before sending: the capture shows the page only,
    // and what the recording hides is painted over before it is stored.
    const capture =
      sender.windowId === undefined ? null : await deps.capture(sender.windowId).catch(() => null);
    const picture = capture && (await deps.paintCover(capture, request.cover).catch(() => null));
    const annotation: AnnotationRecord = {
      id: deps.newId(),
      sessionId: session.id,
      kind: 'manual',
      ts: Math.min(request.ts, deps.now()),
      url: storedUrl(request.url, session.keepFullUrls === true),
      tabId: sender.tabId,
      segmentId: request.segmentId,
      tagId: request.tagId,
      detector: null,
      severity: request.severity,
      note: request.note.trim(),
      target: request.target,
      evidence: null,
      dedupeKey: null,
    };
    const screenshot: ScreenshotRecord | null = picture && {
      annotationId: annotation.id,
      sessionId: session.id,
      source: 'capture',
      mime: 'image/jpeg',
      data: picture,
    };
    try {
      await db.transaction('rw', [db.annotations, db.screenshots], async () => {
        await db.annotations.add(annotation);
        if (screenshot) await db.screenshots.add(screenshot);
      });
    } catch (error) {
      if (isQuotaError(error)) {
        return { type: 'error', message: 'No storage space left: the tag was not saved.' };
      }
      throw error;
    }
    return { type: 'ok', annotationId: annotation.id, screenshot: screenshot ? 'capture' : 'none' };
  }

  return { add, overlayState };
}
