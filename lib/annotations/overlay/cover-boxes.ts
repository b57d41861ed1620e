import { capBoxes, clipBox } from '../cover';
import type { PagePrivacy } from './page-privacy';
import type { Box, Cover } from '../../contracts';

/** Frames inside frames are covered whole past this depth. */
const MAX_FRAME_DEPTH = 3;

/** The document and the open shadow roots in it, where fields of web components live. */
function rootsOf(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [doc];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return roots;
}

function readableDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

/**
 * Boxes of `doc`'s private elements, moved by `offset` into the top
 * viewport and clipped to `clip` (the part of the viewport this document
 * shows). A document in designMode is editable everywhere: all of it.
 * A frame we cannot read may hold anything typed: all of it too.
 */
function collect(
  doc: Document,
  offset: { x: number; y: number },
  clip: Box,
  privacy: PagePrivacy,
  skip: Element | null,
  depth: number,
  out: Box[],
): void {
  const add = (box: Box) => {
    const clipped = clipBox(box, clip);
    if (clipped.width > 0 && clipped.height > 0) out.push(clipped);
  };
  if (doc.designMode === 'on') return add(clip);
  const boxOf = (el: Element): Box => {
    const r = el.getBoundingClientRect();
    return { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
  };
  for (const root of rootsOf(doc)) {
    for (const selector of privacy.cover) {
      let found: NodeListOf<Element>;
      try {
        found = root.querySelectorAll(selector);
      } catch {
        // A selector the browser refuses: nothing of this document is shown.
        return add(clip);
      }
      for (const el of found) if (!skip?.contains(el)) add(boxOf(el));
    }
    for (const frame of root.querySelectorAll<HTMLIFrameElement>('iframe, frame')) {
      const frameBox = clipBox(boxOf(frame), clip);
      const inner = readableDocument(frame);
      if (!inner || depth >= MAX_FRAME_DEPTH) add(frameBox);
      else {
        // The framed document starts inside the frame's border and padding.
        const { x, y } = boxOf(frame);
        const style = doc.defaultView?.getComputedStyle(frame);
        const at = {
          x: x + frame.clientLeft + (parseFloat(style?.paddingLeft ?? '') || 0),
          y: y + frame.clientTop + (parseFloat(style?.paddingTop ?? '') || 0),
        };
        collect(inner, at, frameBox, privacy, null, depth + 1, out);
      }
    }
  }
}

/**
 * What to paint over in a screenshot of the viewport now, in CSS pixels:
 * fields, editable areas, blocked and masked elements, unreadable frames.
 * `skip` is the overlay's host, hidden while the screenshot is taken.
 */
export function measureCover(win: Window, privacy: PagePrivacy, skip: Element | null): Cover {
  const viewport = { x: 0, y: 0, width: win.innerWidth, height: win.innerHeight };
  const boxes: Box[] = [];
  collect(win.document, { x: 0, y: 0 }, viewport, privacy, skip, 0, boxes);
  return { devicePixelRatio: win.devicePixelRatio || 1, boxes: capBoxes(boxes) };
}
