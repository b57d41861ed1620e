import { Replayer } from '@rrweb/replay';
import { toJpeg } from 'html-to-image';
import { onMessage } from '../messaging';
import { createDb } from '../storage';
import { renderAnnotationPicture } from './replay-picture';

/** Offscreen-document wiring: renders pictures the background asks for. */
export function registerPictureRenderer(): void {
  // An offscreen document is never painted, so requestAnimationFrame never
  // fires there; html-to-image and rrweb's replayer both wait on it.
  globalThis.requestAnimationFrame = (callback) =>
    setTimeout(() => callback(performance.now()), 16) as unknown as number;
  globalThis.cancelAnimationFrame = (handle) => clearTimeout(handle);
  const db = createDb();
  const deps = {
    db,
    Replayer,
    toJpeg,
    doc: document,
    nextFrame: () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())),
  };
  onMessage('picture.render', ({ data }) => renderAnnotationPicture(deps, data.annotationId));
}
