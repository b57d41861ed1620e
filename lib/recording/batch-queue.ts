import type {
  BatchRequest,
  BatchResponse,
  SegmentHeader,
  StopReason,
  TimelineEntry,
} from '../contracts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BatchQueueOptions {
  sessionId: string;
  segment: SegmentHeader;
  send(batch: BatchRequest): Promise<BatchResponse>;
  /** The background refused further batches (session over, storage full). */
  onStop(reason: StopReason): void;
  /**
   * A batch that could not be delivered after every retry: kept in extension
   * storage for the background to take in later, never dropped.
   */
  onGiveUp(batch: BatchRequest): void;
  timers: Timers;
  /** Timeline entries wait at most this long for a payload to ride with. */
  maxDelayMs?: number;
  retryDelaysMs?: readonly number[];
  maxAttempts?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000] as const;
/** Sends of one batch before it is handed to `onGiveUp` (about 16 s of retries by default). */
const DEFAULT_MAX_ATTEMPTS = 9;

/**
 * Numbers a segment's batches and delivers them one at a time, in order,
 * until each is acknowledged. A batch whose answer never came (the worker
 * died mid-flight) is resent with the same number; the background drops the
 * repeat. One that keeps failing goes to `onGiveUp` so the rest can follow,
 * and whatever is unacknowledged when the page goes away is read with
 * `pendingBatches` and kept (see page-recorder.ts): nothing is dropped here.
 */
export function createBatchQueue(options: BatchQueueOptions) {
  const maxDelayMs = options.maxDelayMs ?? 1_000;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const { timers } = options;

  let timeline: TimelineEntry[] = [];
  let cutTimer: unknown = null;
  let retryTimer: unknown = null;
  let nextSeq = 0;
  let attempt = 0;
  let inFlight = false;
  let stopped = false;
  const pending: BatchRequest[] = [];
  let idleWaiters: (() => void)[] = [];

  function cut(payload: string | null) {
    if (cutTimer !== null) timers.clearTimeout(cutTimer);
    cutTimer = null;
    if (stopped || (payload === null && timeline.length === 0)) return;
    pending.push({
      sessionId: options.sessionId,
      segment: options.segment,
      seq: nextSeq++,
      payload,
      timeline,
    });
    timeline = [];
    pump();
  }

  function settleIfIdle() {
    if (stopped || (pending.length === 0 && timeline.length === 0)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  function pump() {
    const batch = pending[0];
    if (inFlight || stopped || retryTimer !== null || !batch) return settleIfIdle();
    inFlight = true;
    options.send(batch).then(
      (response) => {
        inFlight = false;
        attempt = 0;
        if (response.type === 'stop') {
          stopped = true;
          options.onStop(response.reason);
          return settleIfIdle();
        }
        pending.shift();
        pump();
      },
      () => {
        inFlight = false;
        if (attempt + 1 >= maxAttempts) {
          attempt = 0;
          options.onGiveUp(pending.shift()!);
          return pump();
        }
        const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1_000;
        attempt++;
        retryTimer = timers.setTimeout(() => {
          retryTimer = null;
          pump();
        }, delay);
      },
    );
  }

  return {
    /** A page-world batch: sent at once, with any timeline entries waiting. */
    pushPayload(payload: string) {
      cut(payload);
    },
    pushTimeline(entry: TimelineEntry) {
      if (stopped) return;
      timeline.push(entry);
      if (cutTimer === null) cutTimer = timers.setTimeout(() => cut(null), maxDelayMs);
    },
    /** Send what waits and resolve once everything is acknowledged (or the queue was stopped). */
    flush(): Promise<void> {
      cut(null);
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIfIdle();
      });
    },
    get unacknowledged() {
      return pending.length;
    },
    /**
     * Every batch not yet acknowledged (waiting timeline entries cut into one
     * more), for the page to keep before it goes away. They stay queued: if
     * the page lives on, they are still delivered, and repeats are dropped.
     */
    pendingBatches(): BatchRequest[] {
      cut(null);
      return [...pending];
    },
  };
}

export type BatchQueue = ReturnType<typeof createBatchQueue>;
