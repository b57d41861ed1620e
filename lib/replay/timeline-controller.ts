import {
  chunkWindowAt,
  eventsFromSnapshot,
  pieceIndexAt,
  type ChunkWindow,
  type TimelineChunk,
  type TimelinePiece,
} from './timeline';
import { REPLAY_SPEEDS, type FromReplayFrame, type ToReplayFrame } from './frame-protocol';
import type { RrwebEvent } from '../contracts';

export interface TimelineState {
  /** Session time shown now (epoch ms). */
  playhead: number;
  playing: boolean;
  speed: number;
  skipInactive: boolean;
  /** The page load shown now. */
  segmentId: string | null;
  /** Events are being read for the next thing to show. */
  loading: boolean;
  /** Why the page load shown now cannot be replayed. */
  error: string | null;
}

export interface TimelineControllerDeps {
  pieces: readonly TimelinePiece[];
  /** A page load's stored chunks, in sequence order. */
  chunksOf(segmentId: string): readonly TimelineChunk[];
  /** The events of these chunks of a page load. */
  loadEvents(segmentId: string, window: ChunkWindow): Promise<RrwebEvent[]>;
  onChange(state: TimelineState): void;
  /** Time for the stretches the frame has nothing to play (globalThis in the page). */
  clock: {
    now(): number;
    setInterval(run: () => void, ms: number): number;
    clearInterval(handle: number): void;
  };
}

export interface TimelineController {
  state(): TimelineState;
  /** The replay frame is ready to take messages (again). */
  attach(post: (message: ToReplayFrame) => void): void;
  detach(): void;
  receive(message: FromReplayFrame): void;
  seek(ts: number, options?: { play?: boolean }): Promise<void>;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setSkipInactive(skip: boolean): void;
}

/** Events kept decoded: the window shown, the one after it, and a few seeks back. */
const CACHED_WINDOWS = 6;
/** Read the next window this long before playing reaches it. */
const PREFETCH_MS = 15_000;
/** Stillness longer than this is jumped when inactivity is skipped (rrweb's own threshold). */
const SKIP_IDLE_MS = 10_000;
const IDLE_TICK_MS = 100;

interface Loaded {
  id: number;
  segmentId: string;
  window: ChunkWindow;
}

/**
 * Plays a session's page loads as one timeline through the replay frame:
 * loads the chunk window around a time (lib/replay/timeline.ts), moves on
 * to the next window or page load when the frame reports reaching the end
 * of what it holds, and never decodes more than a few windows.
 */
export function createTimelineController(deps: TimelineControllerDeps): TimelineController {
  const { pieces } = deps;
  const start = pieces[0]?.from ?? 0;
  const end = pieces[pieces.length - 1]?.to ?? 0;
  let state: TimelineState = {
    playhead: start,
    playing: false,
    speed: 1,
    skipInactive: true,
    segmentId: pieces[0]?.segmentId ?? null,
    loading: false,
    error: null,
  };
  let post: ((message: ToReplayFrame) => void) | null = null;
  let loaded: Loaded | null = null;
  let pieceIndex = pieces.length > 0 ? 0 : -1;
  let request = 0;
  let pending: { ts: number; play: boolean } | null = null;
  let idle: number | null = null;
  /** The frame's next report says where a pause stopped. */
  let settling = false;
  const cache = new Map<string, Promise<RrwebEvent[]>>();

  const update = (patch: Partial<TimelineState>) => {
    state = { ...state, ...patch };
    deps.onChange(state);
  };

  function eventsOf(segmentId: string, window: ChunkWindow): Promise<RrwebEvent[]> {
    const key = `${segmentId}:${window.fromSeq}-${window.toSeq}`;
    let events = cache.get(key);
    if (events) cache.delete(key);
    else {
      events = deps.loadEvents(segmentId, window);
      // A failed read is tried again next time.
      events.catch(() => cache.delete(key));
    }
    cache.set(key, events);
    while (cache.size > CACHED_WINDOWS) cache.delete(cache.keys().next().value!);
    return events;
  }

  /** Where playing goes when what is loaded now has played out. */
  function nextAfterLoaded(): number | null {
    const piece = pieces[pieceIndex];
    if (!loaded || !piece) return null;
    // More of this page load is stored: go on from where these events end,
    // which the next window (from the seek point inside this one) covers.
    const { window } = loaded;
    const more = deps.chunksOf(loaded.segmentId).some((c) => c.seq > window.toSeq);
    if (more && window.end < piece.to) return window.end;
    return pieces[pieceIndex + 1]?.from ?? null;
  }

  function prefetch(ts: number | null) {
    if (ts === null) return;
    const piece = pieces[pieceIndexAt(pieces, ts)];
    const window = piece && chunkWindowAt(deps.chunksOf(piece.segmentId), ts);
    if (piece && window) eventsOf(piece.segmentId, window).catch(() => undefined);
  }

  function stopIdle() {
    if (idle !== null) deps.clock.clearInterval(idle);
    idle = null;
  }

  /**
   * The loaded events played out at `from` while the page stays on screen
   * until `next` (null: the session's end): the clock runs on through that
   * stillness, or jumps it when inactivity is skipped and it is long.
   */
  function idleTo(from: number, next: number | null) {
    const until = next ?? end;
    const go = () => {
      stopIdle();
      if (next === null) update({ playhead: end, playing: false });
      else void seek(next, { play: true });
    };
    if (until <= from || (state.skipInactive && until - from > SKIP_IDLE_MS)) return go();
    let last = deps.clock.now();
    let at = from;
    update({ playhead: from });
    idle = deps.clock.setInterval(() => {
      const now = deps.clock.now();
      at += (now - last) * state.speed;
      last = now;
      if (at >= until) go();
      else update({ playhead: at });
    }, IDLE_TICK_MS);
  }

  async function seek(target: number, { play = false } = {}): Promise<void> {
    stopIdle();
    let ts = Math.min(end, Math.max(start, target));
    if (!post) {
      pending = { ts, play };
      update({ playhead: ts, playing: play });
      return;
    }
    const index = pieceIndexAt(pieces, ts);
    const piece = pieces[index];
    if (!piece) return;
    ts = Math.min(piece.to, Math.max(piece.from, ts));
    const window = chunkWindowAt(deps.chunksOf(piece.segmentId), ts);
    pieceIndex = index;
    const id = ++request;
    if (!window) {
      loaded = null;
      update({
        playhead: ts,
        playing: false,
        segmentId: piece.segmentId,
        loading: false,
        error: 'nothing of this page was stored',
      });
      return;
    }
    if (
      loaded &&
      !state.error &&
      loaded.segmentId === piece.segmentId &&
      loaded.window.fromSeq === window.fromSeq &&
      loaded.window.toSeq === window.toSeq
    ) {
      post({ type: 'seek', at: ts, play });
      update({ playhead: ts, playing: play, loading: false });
      return;
    }
    // What the frame still says about the events shown before is out of date now.
    loaded = null;
    update({ playhead: ts, playing: play, segmentId: piece.segmentId, loading: true });
    let events: RrwebEvent[];
    try {
      events = eventsFromSnapshot(await eventsOf(piece.segmentId, window), ts);
    } catch (error) {
      if (id !== request) return;
      loaded = null;
      update({ playing: false, loading: false, error: String(error) });
      return;
    }
    if (id !== request || !post) return;
    loaded = { id, segmentId: piece.segmentId, window };
    post({
      type: 'load',
      id,
      events,
      at: ts,
      // Paused while the events were read: show them paused.
      play: state.playing,
      speed: state.speed,
      skipInactive: state.skipInactive,
    });
    update({ loading: false, error: null });
  }

  return {
    state: () => state,
    attach(send) {
      post = send;
      loaded = null;
      const { ts, play } = pending ?? { ts: state.playhead, play: false };
      pending = null;
      void seek(ts, { play });
    },
    detach() {
      stopIdle();
      post = null;
      loaded = null;
      request++;
    },
    receive(message) {
      if (message.type === 'ready' || message.type === 'size') return;
      if (!loaded || message.id !== loaded.id) return;
      if (message.type === 'error') {
        update({ playing: false, loading: false, error: message.message });
        return;
      }
      const piece = pieces[pieceIndex];
      if (message.type === 'time') {
        // Paused, the playhead stays where it was put: past a page's last
        // event the frame can only tell the time of that event.
        if (settling) {
          settling = false;
          if (!state.playing) update({ playhead: Math.min(end, Math.max(start, message.at)) });
        }
        if (!state.playing || !piece) return;
        update({ playhead: Math.min(end, Math.max(start, message.at)) });
        // Another tab's page load starts (or the one on top ends): show what is on top now.
        if (message.at >= piece.to && pieceIndex + 1 < pieces.length) {
          void seek(Math.max(message.at, pieces[pieceIndex + 1]!.from), { play: true });
        } else if (Math.min(loaded.window.end, piece.to) - message.at < PREFETCH_MS) {
          prefetch(nextAfterLoaded());
        }
        return;
      }
      if (!state.playing) return;
      idleTo(Math.max(state.playhead, message.at), nextAfterLoaded());
    },
    seek,
    play() {
      if (state.playhead >= end) void seek(start, { play: true });
      else void seek(state.playhead, { play: true });
    },
    pause() {
      pending = pending && { ...pending, play: false };
      stopIdle();
      settling = state.playing && !state.loading;
      post?.({ type: 'pause' });
      update({ playing: false });
    },
    setSpeed(speed) {
      if (!REPLAY_SPEEDS.some((s) => s === speed)) return;
      update({ speed });
      post?.({ type: 'config', speed, skipInactive: state.skipInactive });
    },
    setSkipInactive(skipInactive) {
      update({ skipInactive });
      post?.({ type: 'config', speed: state.speed, skipInactive });
    },
  };
}
