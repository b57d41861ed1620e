import type { eventWithTime } from '@rrweb/types';
import type { StudyKit, TaskProgress } from './studies';

export type RrwebEvent = eventWithTime;

/** Why a session stopped recording for good. */
export type EndReason =
  | { type: 'user' }
  | { type: 'storage-full'; message: string }
  /** The pages sent far more data than real pages do (lib/sessions/ingest-budget.ts). */
  | { type: 'over-budget'; message: string }
  | { type: 'abandoned' };

export type SessionStatus = 'recording' | 'paused' | 'interrupted' | 'ended';

export interface SessionStats {
  /** Compressed bytes stored for the session's events. */
  bytes: number;
  events: number;
  /** Page loads (= rrweb segments). */
  pages: number;
}

export interface SessionRecord {
  id: string;
  title: string;
  participant: string;
  /** Origins (scheme://host[:port]) this session may record. */
  origins: string[];
  /** Tabs that belong to the session: the start tab and tabs opened from them. */
  tabIds: number[];
  status: SessionStatus;
  startedAt: number;
  endedAt: number | null;
  /** Recording time accumulated before the current run (pauses excluded). */
  activeMs: number;
  /** When the current recording run began; null unless status is 'recording'. */
  runStartedAt: number | null;
  endReason: EndReason | null;
  stats: SessionStats;
  /** The kit the session plays, as it was when the session started; null for a quick session. */
  study: StudyKit | null;
  tasks: TaskProgress[];
  goalReached: boolean | null;
  /**
   * Whether URLs are stored whole (lib/urls): set at start from the kit and
   * the privacy settings. Absent in sessions recorded before it existed.
   */
  keepFullUrls?: boolean;
}

/** One page load in one tab: rrweb events from Meta + FullSnapshot onward. */
export interface SegmentRecord {
  id: string;
  sessionId: string;
  tabId: number;
  url: string;
  startedAt: number;
  /** Timestamp of the newest stored event. */
  lastTs: number;
  lastSeq: number;
  events: number;
  bytes: number;
}

/** One acknowledged batch of a segment's events, gzip-compressed JSON. */
export interface ChunkRecord {
  segmentId: string;
  seq: number;
  sessionId: string;
  firstTs: number;
  lastTs: number;
  count: number;
  data: Uint8Array;
  /**
   * When the chunk holds a FullSnapshot (a page load's first or a periodic
   * checkout), the first one's time: a point the replay can start from
   * without the chunks before. Absent in chunks stored before it existed.
   */
  snapshotAt?: number;
}

/** A tab's friction-detector state between batches (lib/friction TabState, as JSON). */
export interface DetectorStateRecord {
  sessionId: string;
  tabId: number;
  state: unknown;
}

/** A large inlined stylesheet, stored once per session (see assets.ts). */
export interface AssetRecord {
  sessionId: string;
  hash: string;
  /** gzip of the text as a JSON string (what gzipJson makes of it). */
  data: Uint8Array;
}

export type TimelineEntry =
  | {
      type: 'js-error';
      ts: number;
      message: string;
      source: string;
      line: number;
      column: number;
      stack: string;
    }
  | { type: 'unhandled-rejection'; ts: number; reason: string }
  | { type: 'console-error'; ts: number; message: string }
  /** An exception in our own page-world code, caught before it reached the page. */
  | { type: 'recorder-error'; ts: number; message: string }
  | {
      type: 'request-failed';
      ts: number;
      method: string;
      url: string;
      status: number;
      error: string;
    }
  | { type: 'location'; ts: number; url: string }
  /** A batch the background could not store; the page was told to move on. */
  | { type: 'ingest-error'; ts: number; seq: number; message: string };

export type TimelineRecord = TimelineEntry & {
  id?: number;
  sessionId: string;
  /** Null for entries observed outside a page (e.g. by webRequest). */
  segmentId: string | null;
  tabId: number;
};
