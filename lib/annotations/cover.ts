/**
 * Boxes painted over a tag's screenshot before it is stored: form fields,
 * editable areas and blocked or masked elements, which the recording never
 * shows in clear either. Pure geometry, shared by the overlay (which measures
 * the boxes) and the background (which paints them).
 */
import type { Box, Cover } from '../contracts';

export type { Box, Cover };
/** More boxes than this are merged (see capBoxes): the request stays small. */
export const MAX_COVER_BOXES = 300;
export const COVER_COLOR = '#475467';

const isEmpty = (b: Box) => !(b.width > 0 && b.height > 0);

/** The part of `box` inside `bounds` (possibly empty). */
export function clipBox(box: Box, bounds: Box): Box {
  const x = Math.max(box.x, bounds.x);
  const y = Math.max(box.y, bounds.y);
  const right = Math.min(box.x + box.width, bounds.x + bounds.width);
  const bottom = Math.min(box.y + box.height, bounds.y + bounds.height);
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

function union(boxes: Box[]): Box {
  let [x, y, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x = Math.min(x, b.x);
    y = Math.min(y, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * At most `max` boxes, none left out: past the cap, the rest are covered by
 * one box around all of them. Covering too much is safe, too little is not.
 */
export function capBoxes(boxes: Box[], max = MAX_COVER_BOXES): Box[] {
  if (boxes.length <= max) return boxes;
  return [...boxes.slice(0, max - 1), union(boxes.slice(max - 1))];
}

/**
 * The overlay's boxes as whole pixels of the captured image: scaled by the
 * device pixel ratio, grown outward to whole pixels (a half-covered pixel
 * still shows), clipped to the image, empty ones dropped.
 */
export function pixelBoxes(cover: Cover, image: { width: number; height: number }): Box[] {
  const scale = cover.devicePixelRatio;
  const bounds = { x: 0, y: 0, width: image.width, height: image.height };
  return capBoxes(cover.boxes)
    .filter((b) => !isEmpty(b))
    .map((b) => {
      const x = Math.floor(b.x * scale);
      const y = Math.floor(b.y * scale);
      const right = Math.ceil((b.x + b.width) * scale);
      const bottom = Math.ceil((b.y + b.height) * scale);
      return clipBox({ x, y, width: right - x, height: bottom - y }, bounds);
    })
    .filter((b) => !isEmpty(b));
}
