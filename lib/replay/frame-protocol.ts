import type { RrwebEvent } from '../contracts';

/**
 * Messages between the review page and the replay frame (in an opaque origin). Each side checks the sender window and the shape: the
 * frame replays untrusted recordings, the page must not trust it back.
 * Times are session times (epoch ms of the recording). `load` numbers what
 * it loads, and the frame's reports carry that number, so a report about
 * events the page has moved away from is told apart.
 */
export type ToReplayFrame =
  | {
      type: 'load';
      id: number;
      events: RrwebEvent[];
      /** Show the page as it was at this time. */
      at: number;
      play: boolean;
      speed: number;
      skipInactive: boolean;
    }
  | { type: 'seek'; at: number; play: boolean }
  | { type: 'pause' }
  | { type: 'config'; speed: number; skipInactive: boolean };

export type FromReplayFrame =
  | { type: 'ready' }
  | { type: 'size'; height: number }
  /** Where the loaded events are now, while they play (and once after a load or seek). */
  | { type: 'time'; id: number; at: number }
  /** The loaded events played to their end. */
  | { type: 'finish'; id: number; at: number }
  | { type: 'error'; id: number; message: string };

/** The built replay frame page (entrypoints/replay), the source of its data: URL. */
export const REPLAY_FRAME_PATH = '/replay.html' as const;

/** Speeds the player offers; the frame refuses others. */
export const REPLAY_SPEEDS = [1, 2, 4, 8] as const;

const MAX_FRAME_HEIGHT = 4_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isSpeed(value: unknown): value is number {
  return REPLAY_SPEEDS.some((speed) => speed === value);
}

export function parseToReplayFrame(data: unknown): ToReplayFrame | null {
  if (!isRecord(data)) return null;
  const { type } = data;
  if (type === 'load') {
    if (!isId(data.id) || !Array.isArray(data.events) || !isTime(data.at)) return null;
    if (typeof data.play !== 'boolean' || !isSpeed(data.speed)) return null;
    if (typeof data.skipInactive !== 'boolean') return null;
    return {
      type,
      id: data.id,
      // rrweb's Replayer copes with odd events; the frame catches what it throws.
      events: data.events as RrwebEvent[],
      at: data.at,
      play: data.play,
      speed: data.speed,
      skipInactive: data.skipInactive,
    };
  }
  if (type === 'seek' && isTime(data.at) && typeof data.play === 'boolean') {
    return { type, at: data.at, play: data.play };
  }
  if (type === 'pause') return { type };
  if (type === 'config' && isSpeed(data.speed) && typeof data.skipInactive === 'boolean') {
    return { type, speed: data.speed, skipInactive: data.skipInactive };
  }
  return null;
}

export function parseFromReplayFrame(data: unknown): FromReplayFrame | null {
  if (!isRecord(data)) return null;
  const { type } = data;
  if (type === 'ready') return { type };
  if (type === 'size' && isTime(data.height)) {
    return { type, height: Math.min(MAX_FRAME_HEIGHT, Math.max(0, data.height)) };
  }
  if ((type === 'time' || type === 'finish') && isId(data.id) && isTime(data.at)) {
    return { type, id: data.id, at: data.at };
  }
  if (type === 'error' && isId(data.id)) {
    return { type, id: data.id, message: String(data.message ?? '').slice(0, 300) };
  }
  return null;
}
