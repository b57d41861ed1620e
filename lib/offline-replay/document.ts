import { escapeHtml, inlineScriptText, jsonForScript, scriptHash } from './escape';
import {
  APP_ID,
  eventsIdOf,
  MANIFEST_ID,
  type OfflineManifest,
  type OfflineMarker,
} from './manifest';
import { createEventSanitizer } from './sanitize';
import type { RrwebEvent } from '../contracts';
import type { TimelinePiece } from '../replay';

export type EventBatch = readonly RrwebEvent[] | string;

/**
 * True when a chunk's JSON text may hold what the sanitizer changes: a
 * snapshot or a mutation (a node, `source` 0). Most chunks (pointer moves,
 * scrolls, inputs) hold neither and are embedded without being parsed. Any
 * \u escape counts too, since it could spell those keys.
 */
export function mayNeedCleaning(json: string): boolean {
  return /"node"|"source"\s*:\s*-?0|\\u/.test(json);
}

/** One participant's stretch of recording in the offline replay. */
export interface OfflineClipInput {
  participant: string;
  startTs: number;
  endTs: number;
  /** Which page load shows when, within startTs–endTs. */
  pieces: TimelinePiece[];
  /**
   * Each page load's events, batch by batch, oldest first: parsed, or as
   * the JSON array text of a stored chunk (lib/storage segmentChunkTexts).
   */
  segments: {
    id: string;
    url: string;
    events: AsyncIterable<EventBatch> | Iterable<EventBatch>;
  }[];
  markers: OfflineMarker[];
}

export interface OfflineReplayInput {
  title: string;
  exportedAt: Date;
  clips: OfflineClipInput[];
  /** The built player (entrypoints/offline-player.ts), inlined as the document's one script. */
  playerScript: string;
  css: string;
  signal?: AbortSignal;
  /** Told before each clip's events are written. */
  onClip?(index: number, total: number): void;
}

/**
 * The policy of the offline replay: the inlined player is the only script
 * (by hash); nothing is fetched (no network at all: recorded images and
 * fonts pointing at the product stay blank); styles are inline. rrweb's
 * replay iframe is about:blank, which inherits this policy, and it is
 * sandboxed without allow-scripts.
 */
export function offlineCsp(scriptSource: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptSource}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    'media-src data: blob:',
    "connect-src 'none'",
    "frame-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The offline replay, one self-contained HTML document, piece by piece:
 * every page load's events are written a stored batch at a time, so a long
 * session is never one string. Stops (throwing the signal's reason) between
 * pieces once `signal` is aborted.
 */
export async function* createOfflineReplay(input: OfflineReplayInput): AsyncGenerator<string> {
  const { signal } = input;
  const script = inlineScriptText(input.playerScript);
  const manifest: OfflineManifest = {
    title: input.title,
    exportedAt: input.exportedAt.toISOString(),
    clips: input.clips.map((clip, c) => ({
      participant: clip.participant,
      startTs: clip.startTs,
      endTs: clip.endTs,
      pieces: clip.pieces,
      segments: clip.segments.map((s, i) => ({ id: s.id, url: s.url, eventsId: eventsIdOf(c, i) })),
      markers: clip.markers,
    })),
  };
  const csp = offlineCsp(await scriptHash(script));
  yield (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    // Our own text: quotes and base64 hashes, nothing to escape.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n' +
    `<title>${escapeHtml(input.title)}</title>\n` +
    `<style>${input.css.replace(/<\/(style)/gi, '<\\/$1')}</style>\n</head>\n<body>\n` +
    `<div id="${APP_ID}"><p>Loading the replay… (it needs JavaScript; it fetches nothing)</p></div>\n` +
    `<script type="application/json" id="${MANIFEST_ID}">${jsonForScript(JSON.stringify(manifest))}</script>\n`
  );
  for (const [c, clip] of input.clips.entries()) {
    signal?.throwIfAborted();
    input.onClip?.(c, input.clips.length);
    for (const [i, segment] of clip.segments.entries()) {
      const sanitize = createEventSanitizer();
      yield `<script type="application/json" id="${eventsIdOf(c, i)}">[`;
      let first = true;
      for await (const batch of segment.events) {
        signal?.throwIfAborted();
        const json =
          typeof batch !== 'string'
            ? JSON.stringify(sanitize(batch))
            : mayNeedCleaning(batch)
              ? JSON.stringify(sanitize(JSON.parse(batch) as RrwebEvent[]))
              : batch.trim();
        const inner = json.slice(1, -1);
        if (!inner) continue;
        yield `${first ? '' : ','}${jsonForScript(inner)}`;
        first = false;
      }
      yield ']</script>\n';
    }
  }
  signal?.throwIfAborted();
  yield `<script>${script}</script>\n</body>\n</html>\n`;
}

/** The document's parts as UTF-8 bytes, read as they are asked for; cancelling stops the parts. */
export function partsStream(
  parts: AsyncGenerator<string>,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      const { value, done } = await parts.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
}
