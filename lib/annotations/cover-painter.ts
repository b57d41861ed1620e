import { COVER_COLOR, pixelBoxes } from './cover';
import type { Cover } from '../contracts';

export interface CoverPainterDeps {
  createImageBitmap(image: Blob): Promise<ImageBitmap>;
  OffscreenCanvas: typeof OffscreenCanvas;
}

/**
 * The screenshot with the cover's boxes painted over, as a JPEG; null when it
 * cannot be painted, so that no unpainted picture is ever stored.
 */
export async function paintCover(
  deps: CoverPainterDeps,
  jpeg: Uint8Array,
  cover: Cover,
): Promise<Uint8Array | null> {
  try {
    const bitmap = await deps.createImageBitmap(
      new Blob([jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
    );
    const canvas = new deps.OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    context.fillStyle = COVER_COLOR;
    for (const b of pixelBoxes(cover, canvas)) context.fillRect(b.x, b.y, b.width, b.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
    return new Uint8Array(await blob.arrayBuffer());
  } catch {
    return null;
  }
}
