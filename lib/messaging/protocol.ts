import type { RrwebEvent, SessionRecord, TimelineEntry } from '../storage';

/** What the recorder needs to know about privacy; built from settings. */
export interface RecorderPrivacy {
  blockSelector: string;
  maskTextSelector: string;
}

export interface HelloRequest {
  url: string;
}

export type HelloResponse =
  | { type: 'record'; sessionId: string; privacy: RecorderPrivacy }
  | { type: 'paused'; sessionId: string; privacy: RecorderPrivacy }
  | { type: 'idle' };

export interface SegmentHeader {
  id: string;
  url: string;
  startedAt: number;
}

export interface BatchRequest {
  sessionId: string;
  segment: SegmentHeader;
  /** 0-based, per segment, no gaps: the background drops repeats by (segment, seq). */
  seq: number;
  /**
   * A page-world batch as its JSON text (`PagePayload`), passed through
   * untouched: the page's thread serializes events once, and the background
   * parses and validates them off that thread. Null for timeline-only batches.
   */
  payload: string | null;
  timeline: TimelineEntry[];
}

/** What the page-world recorder hands over per batch (as JSON text). */
export interface PagePayload {
  events: RrwebEvent[];
  /** URL changes seen while recording (SPA routes), with the time they were seen. */
  locations: { ts: number; url: string }[];
}

export type StopReason = 'not-recording' | 'storage-full' | 'rejected';

export type BatchResponse = { type: 'ack' } | { type: 'stop'; reason: StopReason };

export type ControlMessage =
  { type: 'pause' } | { type: 'resume'; privacy: RecorderPrivacy } | { type: 'stop' };

export interface StartSessionRequest {
  title: string;
  participant: string;
  origins: string[];
  tabId: number;
}

export type SessionCommandResult =
  | { type: 'ok'; session: SessionRecord }
  /** Waiting for the user to grant access to the origins; carried out once granted. */
  | { type: 'pending'; message: string }
  | { type: 'error'; message: string };

/** A command parked until the user grants host access (the popup may be gone by then). */
export type PendingCommand =
  | { type: 'start'; request: StartSessionRequest; at: number }
  | { type: 'resume'; sessionId: string; tabId: number; at: number };

/** The single protocol between the extension's contexts. */
export interface ProtocolMap {
  'recorder.hello'(data: HelloRequest): HelloResponse;
  'recorder.batch'(data: BatchRequest): BatchResponse;
  /** Background -> content script; resolves once the recorder has flushed. */
  'recorder.control'(data: ControlMessage): void;
  'session.start'(data: StartSessionRequest): SessionCommandResult;
  'session.pause'(data: { sessionId: string }): SessionCommandResult;
  'session.resume'(data: { sessionId: string; tabId: number | null }): SessionCommandResult;
  'session.stop'(data: { sessionId: string }): SessionCommandResult;
}
