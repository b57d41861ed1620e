import type {
  BatchRequest,
  BatchResponse,
  ControlMessage,
  HelloRequest,
  HelloResponse,
  RecorderPrivacy,
} from '../messaging';
import type { TimelineEntry } from '../storage';
import { createBatchQueue, type BatchQueue, type Timers } from './batch-queue';
import { BATCH_EVENT, COMMAND_EVENT, MAX_PAYLOAD_CHARS, type PageCommand } from './page-channel';
import { createRateLimiter, parseProbeDetail, PROBE_EVENT } from './probe-events';

/** Attribute on <html> that tells tests (and curious users) the recorder's state. */
export const MARKER_ATTRIBUTE = 'data-study-group';

export interface PageRecorderDeps {
  hello(request: HelloRequest): Promise<HelloResponse>;
  sendBatch(batch: BatchRequest): Promise<BatchResponse>;
  /** Subscribe to control messages from the background; returns an unsubscribe. */
  onControl(handler: (message: ControlMessage) => Promise<void>): () => void;
  win: Window;
  now(): number;
  newId(): string;
  timers: Timers;
  /** Told of every state change (the overlay shows while recording). */
  onState?(state: RecorderState): void;
}

export type RecorderState = 'starting' | 'recording' | 'paused' | 'stopped';

/** The live session of this page, as the overlay sees it. */
export interface RecorderContext {
  sessionId: string;
  segmentId: string | null;
  privacy: RecorderPrivacy;
}

const MAX_EARLY_ENTRIES = 50;

/**
 * The isolated-world side of one page load: asks the background whether to
 * record, drives the page-world rrweb recorder, and delivers its batches.
 * Each recording run is one segment (Meta + FullSnapshot onward).
 */
export function createPageRecorder(deps: PageRecorderDeps) {
  const { win } = deps;
  let state: RecorderState = 'starting';
  let sessionId = '';
  let queue: BatchQueue | null = null;
  let segmentId: string | null = null;
  /** The session's privacy selectors, for what the overlay may read or show. */
  let currentPrivacy: RecorderPrivacy | null = null;
  const cleanups: (() => void)[] = [];
  const allowProbe = createRateLimiter(deps.now);
  /** Errors thrown while the hello handshake is under way; the probe starts before it. */
  const early: TimelineEntry[] = [];

  function setState(next: RecorderState) {
    state = next;
    const root = win.document.documentElement;
    if (next === 'stopped') root?.removeAttribute(MARKER_ATTRIBUTE);
    else root?.setAttribute(MARKER_ATTRIBUTE, next);
    deps.onState?.(next);
  }

  function command(message: PageCommand) {
    win.dispatchEvent(new CustomEvent(COMMAND_EVENT, { detail: JSON.stringify(message) }));
  }

  function onProbe(event: Event) {
    if ((!queue && state !== 'starting') || !allowProbe()) return;
    const entry = parseProbeDetail((event as CustomEvent).detail, deps.now());
    if (!entry) return;
    if (queue) queue.pushTimeline(entry);
    else if (early.length < MAX_EARLY_ENTRIES) early.push(entry);
  }

  function onBatch(event: Event) {
    const detail = (event as CustomEvent).detail;
    // Parsed and validated by the background, off the page's thread.
    if (queue && typeof detail === 'string' && detail.length <= MAX_PAYLOAD_CHARS) {
      queue.pushPayload(detail);
    }
  }

  function startRun(privacy: RecorderPrivacy) {
    currentPrivacy = privacy;
    const segment = { id: deps.newId(), url: win.location.href, startedAt: deps.now() };
    segmentId = segment.id;
    queue = createBatchQueue({
      sessionId,
      segment,
      send: deps.sendBatch,
      onStop: () => void shutdown(false),
      timers: deps.timers,
    });
    early.splice(0).forEach((entry) => queue?.pushTimeline(entry));
    // Set before rrweb's first snapshot, so the marker is never a recorded mutation.
    setState('recording');
    command({ type: 'start', privacy });
  }

  /** The page-world recorder hands over its last batch synchronously on stop. */
  async function endRun(): Promise<void> {
    command({ type: 'stop' });
    const current = queue;
    await current?.flush();
    if (queue === current) queue = null;
  }

  async function shutdown(flush: boolean): Promise<void> {
    if (state === 'stopped') return;
    setState('stopped');
    if (flush) await endRun();
    else {
      command({ type: 'stop' });
      queue = null;
    }
    cleanups.splice(0).forEach((fn) => fn());
  }

  async function onControl(message: ControlMessage): Promise<void> {
    if (state === 'stopped') return;
    switch (message.type) {
      case 'pause':
        if (state !== 'recording') return;
        setState('paused');
        await endRun();
        return;
      case 'resume':
        if (state === 'paused') startRun(message.privacy);
        return;
      case 'stop':
        await shutdown(true);
        return;
    }
  }

  async function helloWithRetry(): Promise<HelloResponse> {
    const request = { url: win.location.href };
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.hello(request);
      } catch (error) {
        // The worker may be starting; a few quick retries cover it.
        if (attempt >= 4) throw error;
        await new Promise<void>((resolve) =>
          deps.timers.setTimeout(() => resolve(), 100 * 2 ** attempt),
        );
      }
    }
  }

  return {
    get state() {
      return state;
    },
    /** What an annotation made now belongs to; null unless a session is live here. */
    get context(): RecorderContext | null {
      return (state === 'recording' || state === 'paused') && currentPrivacy
        ? { sessionId, segmentId, privacy: currentPrivacy }
        : null;
    },
    async boot(): Promise<void> {
      setState('starting');
      cleanups.push(deps.onControl(onControl));
      win.addEventListener(PROBE_EVENT, onProbe);
      win.addEventListener(BATCH_EVENT, onBatch);
      cleanups.push(() => {
        win.removeEventListener(PROBE_EVENT, onProbe);
        win.removeEventListener(BATCH_EVENT, onBatch);
      });
      let answer: HelloResponse;
      try {
        answer = await helloWithRetry();
      } catch {
        answer = { type: 'idle' };
      }
      if (answer.type === 'idle') return shutdown(false);
      sessionId = answer.sessionId;
      currentPrivacy = answer.privacy;
      if (answer.type === 'record') startRun(answer.privacy);
      else {
        early.length = 0;
        setState('paused');
      }
    },
    /**
     * The context was invalidated: a newer copy of this script took over the
     * page, or the extension went away. Stop the page-world recorder (its last
     * batch goes out if the extension is still there) and stop.
     */
    dispose(): void {
      void shutdown(false);
    },
  };
}

export type PageRecorder = ReturnType<typeof createPageRecorder>;
