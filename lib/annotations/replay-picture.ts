import type { Replayer as RrwebReplayer } from '@rrweb/replay';
import type { toJpeg as htmlToJpeg } from 'html-to-image';
import { loadSegmentEvents, type StudyGroupDb } from '../storage';
import { RRWEB_EVENT, type RrwebEvent } from '../contracts';

export type PictureResult = 'rendered' | 'exists' | 'no-recording' | 'failed';

export interface ReplayPictureDeps {
  db: StudyGroupDb;
  Replayer: typeof RrwebReplayer;
  toJpeg: typeof htmlToJpeg;
  doc: Document;
  nextFrame(): Promise<void>;
}

const META = 4;
/** A transparent 1x1 GIF. */
const BLANK_PIXEL =
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function viewport(events: RrwebEvent[]): { width: number; height: number } {
  const meta = events.find((e) => e.type === META) as
    { data?: { width?: number; height?: number } } | undefined;
  return { width: meta?.data?.width ?? 1280, height: meta?.data?.height ?? 800 };
}

/** The bytes of a base64 data: URL, decoded here: this page's CSP allows no fetch. */
function dataUrlBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The picture of an annotation that could not be captured (tagged with the
 * mouse: no activeTab grant): its page is replayed up to the annotation's
 * moment and the replayed viewport is drawn to a JPEG. Runs in an extension
 * page (the offscreen document), where rrweb's replay iframe is reachable;
 * that page's CSP (REPLAY_CSP in wxt.config.ts) lets the replay and the
 * drawing fetch nothing from the network.
 */
export async function renderAnnotationPicture(
  deps: ReplayPictureDeps,
  annotationId: string,
): Promise<PictureResult> {
  const { db, doc } = deps;
  const annotation = await db.annotations.get(annotationId);
  if (!annotation?.segmentId) return 'no-recording';
  if (await db.screenshots.get(annotationId)) return 'exists';
  const events = (await loadSegmentEvents(db, annotation.segmentId)).filter(
    (e) => e.timestamp <= annotation.ts,
  );
  if (!events.some((e) => e.type === RRWEB_EVENT.FullSnapshot)) return 'no-recording';
  const { width, height } = viewport(events);

  const root = doc.createElement('div');
  Object.assign(root.style, {
    position: 'fixed',
    left: '0',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
  });
  doc.body.append(root);
  const replayer = new deps.Replayer(events, {
    root,
    mouseTail: false,
    showWarning: false,
    skipInactive: false,
    triggerFocus: false,
  });
  try {
    replayer.pause(annotation.ts - events[0]!.timestamp);
    await deps.nextFrame();
    await deps.nextFrame();
    const frame = replayer.iframe;
    const page = frame.contentDocument?.documentElement;
    if (!page) return 'failed';
    const scrollX = frame.contentWindow?.scrollX ?? 0;
    const scrollY = frame.contentWindow?.scrollY ?? 0;
    const dataUrl = await deps.toJpeg(page, {
      quality: 0.8,
      width,
      height,
      backgroundColor: '#ffffff',
      // Fonts and images must not fail the picture: none is fetched (this
      // page's CSP), each drawn as a blank pixel instead.
      skipFonts: true,
      imagePlaceholder: BLANK_PIXEL,
      onImageErrorHandler: () => undefined,
      style: { transform: `translate(${-scrollX}px, ${-scrollY}px)` },
    });
    const data = dataUrlBytes(dataUrl);
    await db.screenshots.put({
      annotationId,
      sessionId: annotation.sessionId,
      source: 'replay',
      mime: 'image/jpeg',
      data,
    });
    return 'rendered';
  } catch {
    return 'failed';
  } finally {
    replayer.destroy();
    root.remove();
  }
}
