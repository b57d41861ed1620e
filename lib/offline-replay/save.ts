import { partsStream } from './document';

/** How far a long export has come. */
export interface ExportProgress {
  /** Bytes of the file written so far. */
  bytes: number;
  /** Sessions (or clips) begun, of `total`. */
  done: number;
  total: number;
}

/** A place to write the file to, as the File System Access API gives it (or a Blob collecting it). */
export interface FileSink {
  stream: WritableStream<Uint8Array>;
  /** Called after the whole file was written. */
  finish(): Promise<void>;
}

export interface SaveFilePickerOptions {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}

/** `window.showSaveFilePicker` where the browser has it (Chromium), as far as a save needs it. */
export type SaveFilePicker = (options: SaveFilePickerOptions) => Promise<{
  createWritable(): Promise<WritableStream<Uint8Array>>;
}>;

/** Pieces are handed to the browser's blob store every this many bytes, out of the JS heap. */
const BLOB_STEP_BYTES = 4 * 1024 * 1024;

/**
 * A sink that hands the written pieces over as one Blob at the end (never
 * one string): every few MB they become a Blob of their own, which the
 * browser keeps outside the page's heap (on disk when it is large).
 */
export function blobSink(mime: string, done: (blob: Blob) => void): FileSink {
  const blobs: Blob[] = [];
  let pieces: Uint8Array<ArrayBuffer>[] = [];
  let held = 0;
  const flush = () => {
    if (pieces.length > 0) blobs.push(new Blob(pieces));
    pieces = [];
    held = 0;
  };
  return {
    stream: new WritableStream<Uint8Array>({
      write(chunk) {
        pieces.push(new Uint8Array(chunk));
        held += chunk.byteLength;
        if (held >= BLOB_STEP_BYTES) flush();
      },
    }),
    async finish() {
      flush();
      done(new Blob(blobs, { type: mime }));
    },
  };
}

/** The File System Access sink: what is written goes to the chosen file; an abort leaves no file. */
export async function pickedFileSink(
  pick: SaveFilePicker,
  options: SaveFilePickerOptions,
): Promise<FileSink> {
  const handle = await pick(options);
  const stream = await handle.createWritable();
  return { stream, finish: async () => undefined };
}

/**
 * Writes the parts to the sink as UTF-8 (gzip-compressed when asked),
 * counting bytes as they go. Aborting the signal stops the parts generator
 * (its `finally` runs, nothing more is read) and aborts the sink.
 */
export async function writeParts(
  parts: AsyncGenerator<string>,
  sink: FileSink,
  options: {
    signal: AbortSignal;
    gzip?: boolean;
    onBytes?(bytes: number): void;
  },
): Promise<void> {
  let bytes = 0;
  const count = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      options.onBytes?.(bytes);
      controller.enqueue(chunk);
    },
  });
  let source: ReadableStream<Uint8Array<ArrayBuffer>> = partsStream(parts);
  if (options.gzip) {
    source = source.pipeThrough(new CompressionStream('gzip'));
  }
  try {
    await source.pipeThrough(count).pipeTo(sink.stream, { signal: options.signal });
  } finally {
    // pipeTo cancels the source on abort; a generator paused in a read is stopped here too.
    await parts.return(undefined).catch(() => undefined);
  }
  await sink.finish();
}

/** True for the error of a cancelled export or of a closed save dialog. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Counts the sessions of a bundle's parts (lib/export bundleJsonParts): each
 * session starts with a part of its header, ending in `"segments":[`.
 */
export function isBundleSessionStart(part: string): boolean {
  return /^,?\{"id":/.test(part) && part.endsWith(',"segments":[');
}
