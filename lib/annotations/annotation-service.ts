import { createRateLimiter } from '../recording';
import { isQuotaError, type StudyGroupDb } from '../storage';
import { storedUrl } from '../urls';
import {
  parseAnnotationRequest,
  parseAnnotationUpdate,
  parseObservationRequest,
} from './annotation-schema';
import { countByTag } from './counts';
import { tagsOf } from './tags';
import {
  currentTask,
  type AnnotationEditResult,
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
      status: session.status === 'paused' ? 'paused' : 'recording',
      // As lib/sessions elapsedMs counts it (that domain imports this one).
      elapsedMs:
        session.activeMs +
        (session.runStartedAt === null ? 0 : Math.max(0, deps.now() - session.runStartedAt)),
      timeBoxMs: session.study?.timeBoxMinutes ? session.study.timeBoxMinutes * 60_000 : null,
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

  const refuse = (message: string): AnnotationEditResult => ({ type: 'error', message });

  /** Quota errors are said; anything else is a bug and propagates. */
  async function write(
    annotationId: string,
    store: () => Promise<unknown>,
  ): Promise<AnnotationEditResult> {
    try {
      await store();
      return { type: 'ok', annotationId };
    } catch (error) {
      if (isQuotaError(error)) return refuse('No storage space left: the change was not saved.');
      throw error;
    }
  }

  /**
   * A reviewer edits an annotation's tag, severity or note, or dismisses it.
   * Only people's tags change tag (a detector's finding keeps its detector).
   * Only what a detector noticed or a facilitator observed can be dismissed:
   * a participant's tag is what they felt, which no reviewer can call false.
   */
  async function update(raw: unknown): Promise<AnnotationEditResult> {
    const parsed = parseAnnotationUpdate(raw);
    if (parsed.type === 'error') return parsed;
    const { annotationId, patch } = parsed.data;
    const annotation = await db.annotations.get(annotationId);
    const session = annotation && (await db.sessions.get(annotation.sessionId));
    if (!annotation || !session) return refuse('That annotation does not exist.');
    if (patch.tagId !== undefined) {
      if (annotation.kind === 'auto') {
        return refuse('What a detector noticed keeps its kind: add an observation to tag it.');
      }
      if (!tagsOf(session).some((t) => t.id === patch.tagId)) {
        return refuse('That tag is not in this study.');
      }
    }
    if (patch.dismissed !== undefined && annotation.kind === 'manual') {
      if (annotation.author !== 'facilitator') {
        return refuse('A participant’s tag cannot be dismissed: change its severity or note.');
      }
    }
    const changes: Partial<AnnotationRecord> = { editedAt: deps.now() };
    if (patch.tagId !== undefined) changes.tagId = patch.tagId;
    if (patch.severity !== undefined) changes.severity = patch.severity;
    if (patch.note !== undefined) changes.note = patch.note.trim();
    if (patch.dismissed !== undefined) changes.dismissed = patch.dismissed;
    return write(annotationId, () => db.annotations.update(annotationId, changes));
  }

  /**
   * The facilitator's own observation at a moment of the replay: a manual
   * annotation by 'facilitator', on the tab and page the segment showed then.
   */
  async function observe(raw: unknown): Promise<AnnotationEditResult> {
    const parsed = parseObservationRequest(raw);
    if (parsed.type === 'error') return parsed;
    const request = parsed.data;
    const session = await db.sessions.get(request.sessionId);
    const segment = await db.segments.get(request.segmentId);
    if (!session || segment?.sessionId !== session.id) {
      return refuse('That page is not part of the session.');
    }
    if (!tagsOf(session).some((t) => t.id === request.tagId)) {
      return refuse('That tag is not in this study.');
    }
    if (request.ts < session.startedAt || request.ts > (session.endedAt ?? deps.now())) {
      return refuse('That moment is outside the session.');
    }
    // The player may report a moment just past the page's last event: that page still showed.
    const ts = Math.min(Math.max(request.ts, segment.startedAt), segment.lastTs);
    const route = await db.timeline
      .where('[sessionId+ts]')
      .between([session.id, segment.startedAt], [session.id, ts], true, true)
      .filter((entry) => entry.type === 'location' && entry.segmentId === segment.id)
      .last();
    const annotation: AnnotationRecord = {
      id: deps.newId(),
      sessionId: session.id,
      kind: 'manual',
      author: 'facilitator',
      ts,
      // Stored URLs are already stripped as the session's settings say.
      url: route?.type === 'location' ? route.url : segment.url,
      tabId: segment.tabId,
      segmentId: segment.id,
      tagId: request.tagId,
      detector: null,
      severity: request.severity,
      note: request.note.trim(),
      target: null,
      evidence: null,
      dedupeKey: null,
    };
    return write(annotation.id, () => db.annotations.add(annotation));
  }

  return { add, overlayState, update, observe };
}
