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
  // Nor does a raster image's decode() ever settle there; html-to-image awaits
  // it for videos and canvases (drawn as images). A loaded image is decoded enough.
  HTMLImageElement.prototype.decode = function decode(this: HTMLImageElement) {
    if (this.complete) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.addEventListener('load', () => resolve(), { once: true });
      this.addEventListener('error', () => reject(new Error('image failed to load')), {
        once: true,
      });
    });
  };
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
