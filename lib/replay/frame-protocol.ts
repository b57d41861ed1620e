import type { RrwebEvent } from '../contracts';

/**
 * Messages between the review page and the replay frame (in an opaque origin). Each side checks the sender window and the shape: the
 * frame replays untrusted recordings, the page must not trust it back.
 */
export type ToReplayFrame =
  { type: 'load'; events: RrwebEvent[] } | { type: 'seek'; offset: number };

export type FromReplayFrame =
  | { type: 'ready' }
  | { type: 'size'; height: number }
  | { type: 'finish' }
  | { type: 'error'; message: string };

/** The built replay frame page (entrypoints/replay), the source of its data: URL. */
export const REPLAY_FRAME_PATH = '/replay.html' as const;

const MAX_FRAME_HEIGHT = 4_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseToReplayFrame(data: unknown): ToReplayFrame | null {
  if (!isRecord(data)) return null;
  if (data.type === 'load' && Array.isArray(data.events)) {
    return { type: 'load', events: data.events as RrwebEvent[] };
  }
  if (data.type === 'seek' && typeof data.offset === 'number' && Number.isFinite(data.offset)) {
    return { type: 'seek', offset: Math.max(0, data.offset) };
  }
  return null;
}

export function parseFromReplayFrame(data: unknown): FromReplayFrame | null {
  if (!isRecord(data)) return null;
  if (data.type === 'ready' || data.type === 'finish') return { type: data.type };
  if (data.type === 'size' && typeof data.height === 'number' && Number.isFinite(data.height)) {
    return { type: 'size', height: Math.min(MAX_FRAME_HEIGHT, Math.max(0, data.height)) };
  }
  if (data.type === 'error') {
    return { type: 'error', message: String(data.message ?? '').slice(0, 300) };
  }
  return null;
}
