import { createBatchQueue, type BatchQueue, type Timers } from './batch-queue';
import { type ChannelPort } from './page-channel';
import { createRateLimiter, parseProbeDetail } from './probe-events';
import {
  CHANNEL,
  MAX_PAYLOAD_CHARS,
  type BatchRequest,
  type BatchResponse,
  type ControlMessage,
  type HelloRequest,
  type HelloResponse,
  type LiveRecording,
  type PageCommand,
  type RecorderPrivacy,
  type SpooledBatch,
  type TimelineEntry,
} from '../contracts';

/** Attribute on <html> that tells tests (and curious users) the recorder's state. */
export const MARKER_ATTRIBUTE = 'data-study-group';

export interface PageRecorderDeps {
  hello(request: HelloRequest): Promise<HelloResponse>;
  /** The session recording now, as published in extension storage (readable without the worker). */
  readLive(): Promise<LiveRecording | null>;
  sendBatch(batch: BatchRequest): Promise<BatchResponse>;
  /**
   * Keep batches in extension storage for the background to take in (the
   * page is going away, or the worker did not answer). Must start its write
   * synchronously: it is called from `pagehide`.
   */
  spool(batches: SpooledBatch[]): void;
  /** Subscribe to control messages from the background; returns an unsubscribe. */
  onControl(handler: (message: ControlMessage) => Promise<void>): () => void;
  /** Meet the page-world recorder (page-channel.ts openChannel); called at document_start. */
  connect(onConnect: (port: ChannelPort) => void): void;
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
  /** The session's privacy selectors, for what the overlay may read or show. */
  privacy: RecorderPrivacy;
}

const MAX_EARLY_ENTRIES = 50;
const MAX_FAULT_CHARS = 2_000;

/**
 * The isolated-world side of one page load: asks the background whether to
 * record, drives the page-world rrweb recorder over the private channel, and
 * delivers its batches. Each recording run is one segment (Meta +
 * FullSnapshot onward).
 *
 * A page is never lost to a stopped service worker: recording starts from the
 * published live session without waiting for the worker's hello answer
 * (batches wait for that answer before they are sent), and when the page goes
 * away every batch not yet acknowledged is spooled to extension storage,
 * which outlives both the page and the worker.
 */
export function createPageRecorder(deps: PageRecorderDeps) {
  const { win } = deps;
  let state: RecorderState = 'starting';
  const pageId = deps.newId();
  let sessionId = '';
  /** Resolves once the background confirmed this tab records `sessionId`. */
  let confirm: () => void = () => {};
  const confirmed = new Promise<void>((resolve) => (confirm = resolve));
  let tabId = -1;
  let privacy: RecorderPrivacy | null = null;
  let port: ChannelPort | null = null;
  let queue: BatchQueue | null = null;
  let segmentId: string | null = null;
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
    port?.send(CHANNEL.command, JSON.stringify(message));
  }

  function timeline(entry: TimelineEntry) {
    if (queue) queue.pushTimeline(entry);
    else if (state === 'starting' && early.length < MAX_EARLY_ENTRIES) early.push(entry);
  }

  function onProbe(detail: string) {
    if (!allowProbe()) return;
    const entry = parseProbeDetail(detail, deps.now());
    if (entry) timeline(entry);
  }

  function onFault(detail: string) {
    if (!allowProbe()) return;
    timeline({ type: 'recorder-error', ts: deps.now(), message: detail.slice(0, MAX_FAULT_CHARS) });
  }

  function onBatch(detail: string) {
    // Parsed and validated by the background, off the page's thread.
    if (queue && detail.length <= MAX_PAYLOAD_CHARS) queue.pushPayload(detail);
  }

  function spool(batches: BatchRequest[]) {
    if (batches.length) deps.spool(batches.map((batch) => ({ pageId, tabId, batch })));
  }

  function startRun() {
    if (!privacy) return;
    const segment = { id: deps.newId(), url: win.location.href, startedAt: deps.now() };
    segmentId = segment.id;
    queue = createBatchQueue({
      sessionId,
      segment,
      send: (batch) => confirmed.then(() => deps.sendBatch(batch)),
      onStop: () => void shutdown(false),
      onGiveUp: (batch) => spool([batch]),
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
        if (state === 'paused') startRun();
        return;
      case 'stop':
        await shutdown(true);
        return;
    }
  }

  /** Runs before the page unloads: take the page-world's buffer, keep what is unacknowledged. */
  function onPageHide() {
    command({ type: 'flush' });
    if (queue) spool(queue.pendingBatches());
  }

  async function helloWithRetry(): Promise<HelloResponse> {
    const request = { url: win.location.href, pageId };
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

  // Now, at document_start: the page-world script announces itself right after.
  deps.connect((connected) => {
    port = connected;
    connected.on(CHANNEL.batch, onBatch);
    connected.on(CHANNEL.probe, onProbe);
    connected.on(CHANNEL.fault, onFault);
  });

  return {
    get state() {
      return state;
    },
    /** What an annotation made now belongs to; null unless a session is live here. */
    get context(): RecorderContext | null {
      return (state === 'recording' || state === 'paused') && privacy
        ? { sessionId, segmentId, privacy }
        : null;
    },
    async boot(): Promise<void> {
      setState('starting');
      cleanups.push(deps.onControl(onControl));
      win.addEventListener('pagehide', onPageHide);
      cleanups.push(() => win.removeEventListener('pagehide', onPageHide));
      if (!port) return shutdown(false);
      const asked = helloWithRetry().catch((): HelloResponse => ({ type: 'idle' }));
      const live = await deps.readLive().catch(() => null);
      if (live?.origins.includes(win.location.origin)) {
        sessionId = live.sessionId;
        privacy = live.privacy;
        startRun();
      }
      const answer = await asked;
      const started = state === 'recording';
      if (answer.type === 'idle') return shutdown(false);
      if (started && (answer.type === 'paused' || answer.sessionId !== sessionId)) {
        // Started on a published state that has moved on: nothing of it was sent.
        command({ type: 'stop' });
        queue = null;
      }
      sessionId = answer.sessionId;
      tabId = answer.tabId;
      privacy = answer.privacy;
      confirm();
      if (answer.type === 'paused') {
        early.length = 0;
        setState('paused');
      } else if (!queue) startRun();
    },
    /** The extension went away (reloaded or updated): stop recording here. */
    dispose(): void {
      void shutdown(false);
    },
  };
}

export type PageRecorder = ReturnType<typeof createPageRecorder>;
