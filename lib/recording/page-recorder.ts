import type { record as rrwebRecord } from '@rrweb/record';
import type {
  BatchRequest,
  BatchResponse,
  ControlMessage,
  HelloRequest,
  HelloResponse,
  RecorderPrivacy,
} from '../messaging';
import type { RrwebEvent, TimelineEntry } from '../storage';
import { createBatchQueue, type BatchQueue, type Timers } from './batch-queue';
import { createRateLimiter, parseProbeDetail, PROBE_EVENT } from './probe-events';
import { buildRecordOptions } from './record-options';

/** Attribute on <html> that tells tests (and curious users) the recorder's state. */
export const MARKER_ATTRIBUTE = 'data-study-group';

export interface PageRecorderDeps {
  record: typeof rrwebRecord;
  hello(request: HelloRequest): Promise<HelloResponse>;
  sendBatch(batch: BatchRequest): Promise<BatchResponse>;
  /** Subscribe to control messages from the background; returns an unsubscribe. */
  onControl(handler: (message: ControlMessage) => Promise<void>): () => void;
  win: Window;
  now(): number;
  newId(): string;
  timers: Timers;
}

type State = 'starting' | 'recording' | 'paused' | 'stopped';

const MAX_EARLY_ENTRIES = 50;

/**
 * The recorder of one page load. Each recording run is one segment: rrweb's
 * Meta + FullSnapshot and everything after, delivered through a batch queue.
 */
export function createPageRecorder(deps: PageRecorderDeps) {
  const { win } = deps;
  let state: State = 'starting';
  let sessionId = '';
  let queue: BatchQueue | null = null;
  let stopRecord: (() => void) | undefined;
  let lastHref = '';
  const cleanups: (() => void)[] = [];
  const allowProbe = createRateLimiter(deps.now);
  /** Errors thrown while the hello handshake is under way; the probe starts before it. */
  const early: TimelineEntry[] = [];

  function setState(next: State) {
    state = next;
    const root = win.document.documentElement;
    if (next === 'stopped') root?.removeAttribute(MARKER_ATTRIBUTE);
    else root?.setAttribute(MARKER_ATTRIBUTE, next);
  }

  function onProbe(event: Event) {
    if ((!queue && state !== 'starting') || !allowProbe()) return;
    const entry = parseProbeDetail((event as CustomEvent).detail, deps.now());
    if (!entry) return;
    if (queue) queue.pushTimeline(entry);
    else if (early.length < MAX_EARLY_ENTRIES) early.push(entry);
  }

  function onPageHide() {
    queue?.cutNow();
  }

  function emit(event: RrwebEvent) {
    if (!queue) return;
    // SPA route changes: any new URL shows up with the DOM mutations it causes.
    const href = win.location.href;
    if (href !== lastHref) {
      if (lastHref) queue.pushTimeline({ type: 'location', ts: event.timestamp, url: href });
      lastHref = href;
    }
    queue.push(event);
  }

  function startRun(privacy: RecorderPrivacy) {
    const segment = { id: deps.newId(), url: win.location.href, startedAt: deps.now() };
    lastHref = segment.url;
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
    stopRecord = deps.record(buildRecordOptions(privacy, emit));
  }

  async function endRun(): Promise<void> {
    stopRecord?.();
    stopRecord = undefined;
    const current = queue;
    await current?.flush();
    if (queue === current) queue = null;
  }

  async function shutdown(flush: boolean): Promise<void> {
    if (state === 'stopped') return;
    setState('stopped');
    if (flush) await endRun();
    else {
      stopRecord?.();
      stopRecord = undefined;
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
    async boot(): Promise<void> {
      setState('starting');
      cleanups.push(deps.onControl(onControl));
      win.addEventListener(PROBE_EVENT, onProbe);
      win.addEventListener('pagehide', onPageHide);
      cleanups.push(() => {
        win.removeEventListener(PROBE_EVENT, onProbe);
        win.removeEventListener('pagehide', onPageHide);
      });
      let answer: HelloResponse;
      try {
        answer = await helloWithRetry();
      } catch {
        answer = { type: 'idle' };
      }
      if (answer.type === 'idle') return shutdown(false);
      sessionId = answer.sessionId;
      if (answer.type === 'record') startRun(answer.privacy);
      else {
        early.length = 0;
        setState('paused');
      }
    },
    /**
     * The context was invalidated: a newer copy of this script took over the
     * page, or the extension went away. Hand over what is buffered (the send
     * fails harmlessly in the second case) and stop.
     */
    dispose(): void {
      queue?.cutNow();
      void shutdown(false);
    },
  };
}

export type PageRecorder = ReturnType<typeof createPageRecorder>;
