import type { Cover, PinnedElement, Severity } from './annotations';
import type { FindingOverride } from './findings';
import type { RrwebEvent, SessionRecord, TimelineEntry } from './records';
import type { Ease } from './findings';
import type { FrictionTag } from './studies';
import type {
  ConnectionReport,
  ExportEnqueueResult,
  ExportRequest,
  TrackerResult,
  TrackerTarget,
} from './trackers';

/** What the recorder needs to know about privacy; built from settings. */
export interface RecorderPrivacy {
  blockSelector: string;
  maskTextSelector: string;
}

export interface HelloRequest {
  url: string;
  /** Random per page load: batches the page spools are matched to its tab through it. */
  pageId: string;
}

/**
 * What a page needs to start recording before the worker has answered its
 * hello (a stopped worker takes a while to wake): published in storage.local,
 * which content scripts read without the worker, while a session records.
 */
export interface LiveRecording {
  sessionId: string;
  origins: string[];
  privacy: RecorderPrivacy;
}

export const LIVE_RECORDING_KEY = 'sg-live';

/**
 * `storage.local`: where the participant put the overlay in the page, for
 * the session's next page loads (content scripts read it without the worker).
 * One record, holding its session's id; written by the content script.
 */
export const OVERLAY_DOCK_KEY = 'sg-overlay-dock';

/** `tabId` is the asking tab's, so the page can label batches it has to spool. */
export type HelloResponse =
  | { type: 'record'; sessionId: string; tabId: number; privacy: RecorderPrivacy }
  | { type: 'paused'; sessionId: string; tabId: number; privacy: RecorderPrivacy }
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

export type StopReason = 'not-recording' | 'storage-full' | 'over-budget' | 'rejected';

export type BatchResponse = { type: 'ack' } | { type: 'stop'; reason: StopReason };

/** A page keeps the privacy settings of its first run: resume carries none. */
export type ControlMessage = { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

/**
 * A batch a page could not deliver, kept in extension storage (storage.local,
 * which a content script can write while the worker is stopped and the page
 * is unloading) until the background takes it in.
 */
export interface SpooledBatch {
  pageId: string;
  /** The page's tab, or -1 when its hello was not answered yet (the background knows it by pageId). */
  tabId: number;
  batch: BatchRequest;
}

/** storage.session keys (background only) mapping a page that said hello to its tab. */
export const PAGE_TAB_KEY_PREFIX = 'sg-page-tab:';

/** storage.local keys of spooled batches: one per batch, so a resent one overwrites itself. */
export const SPOOL_KEY_PREFIX = 'sg-spool:';

export function spoolKey({ batch }: SpooledBatch): string {
  return `${SPOOL_KEY_PREFIX}${batch.segment.id}:${batch.seq}`;
}

export interface StartSessionRequest {
  title: string;
  participant: string;
  origins: string[];
  tabId: number;
  /** The study kit to play; null for a quick session. */
  studyId: string | null;
}

export interface TaskOutcomeRequest {
  sessionId: string;
  taskId: string;
  outcome: 'done' | 'gave-up';
}

/** Takes back the outcome just given to a task (the overlay's few seconds of Undo). */
export interface TaskUndoRequest {
  sessionId: string;
  taskId: string;
}

/** The Single Ease Question answer for a task that has ended; null when the participant skipped it. */
export interface TaskEaseRequest {
  sessionId: string;
  taskId: string;
  ease: Ease | null;
}

/** The task a participant is on, for the overlay and popup. */
export interface CurrentTask {
  id: string;
  title: string;
  doneWhen: string;
  index: number;
  total: number;
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

/** What the overlay sends when the participant saves a tag. */
export interface AnnotationRequest {
  sessionId: string;
  segmentId: string | null;
  /** When the participant called up the palette: the moment of friction. */
  ts: number;
  url: string;
  tagId: string;
  severity: Severity;
  note: string;
  target: PinnedElement | null;
  /** What to paint over in the screenshot: fields, editable, blocked and masked elements. */
  cover: Cover;
}

export type AnnotationResult =
  | { type: 'ok'; annotationId: string; screenshot: 'capture' | 'none' }
  | { type: 'error'; message: string };

/** A reviewer's change to one annotation; absent fields stay as they are. */
export interface AnnotationPatch {
  tagId?: string;
  severity?: Severity;
  note?: string;
  /** True marks it a false positive (kept, left out of findings and metrics); false restores it. */
  dismissed?: boolean;
}

export interface AnnotationUpdateRequest {
  annotationId: string;
  patch: AnnotationPatch;
}

/** The facilitator's own observation at a moment of the replay (review page). */
export interface ObservationRequest {
  sessionId: string;
  /** The page shown at that moment: the annotation takes its tab and URL. */
  segmentId: string;
  ts: number;
  tagId: string;
  severity: Severity;
  note: string;
}

export type AnnotationEditResult =
  { type: 'ok'; annotationId: string } | { type: 'error'; message: string };

/** What the overlay shows: the session's tags and counts. */
export interface OverlayState {
  sessionId: string;
  tags: FrictionTag[];
  counts: Record<string, number>;
  task: CurrentTask | null;
  /** The tag shortcut as bound now; '' when the user unbound it. */
  hotkey: string;
  /** Paused shows in the page too: nothing is recorded then. */
  status: 'recording' | 'paused';
  /** Recording time when this state was read (pauses excluded). */
  elapsedMs: number;
  /** The study's time box; null when it has none. */
  timeBoxMs: number | null;
}

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
  /** Deletes a session and all it recorded; a live one is stopped first. */
  'session.delete'(data: {
    sessionId: string;
  }): { type: 'ok' } | { type: 'error'; message: string };
  'session.task'(data: TaskOutcomeRequest): SessionCommandResult;
  'session.task-ease'(data: TaskEaseRequest): SessionCommandResult;
  /** Reverts the latest task outcome, within a few seconds of it (TASK_UNDO_MS). */
  'session.task-undo'(data: TaskUndoRequest): SessionCommandResult;
  'overlay.state'(data: { sessionId: string }): OverlayState | null;
  /** Background -> content script: the hotkey was pressed in this tab. */
  'overlay.open'(data: { via: 'command' }): void;
  /** Saves the annotation; the overlay is hidden meanwhile so the screenshot shows the page only. */
  'annotation.add'(data: AnnotationRequest): AnnotationResult;
  /** A reviewer edits, dismisses or restores an annotation (extension pages only). */
  'annotation.update'(data: AnnotationUpdateRequest): AnnotationEditResult;
  /** A reviewer adds an observation of their own (extension pages only). */
  'annotation.observe'(data: ObservationRequest): AnnotationEditResult;
  /** Background -> offscreen document: draw an annotation's moment from its recording. */
  'picture.render'(data: {
    annotationId: string;
  }): 'rendered' | 'exists' | 'no-recording' | 'failed';
  /** Stores a facilitator's decision on a study's findings board; `id` undoes it. */
  'findings.override'(data: {
    studyKey: string;
    override: FindingOverride;
  }): { type: 'ok'; id: string } | { type: 'error'; message: string };
  'findings.undo'(data: { id: string }): { type: 'ok' } | { type: 'error'; message: string };
  /** Checks a target (saved or not yet) from the background, where its requests are made. */
  'tracker.test'(data: { target: TrackerTarget }): TrackerResult<ConnectionReport>;
  /** Queues findings for a tracker; the background works the queue (table exportJobs). */
  'export.enqueue'(data: ExportRequest): ExportEnqueueResult;
  'export.cancel'(data: { batchId: string }): { type: 'ok' } | { type: 'error'; message: string };
  /** Starts a failed or cancelled item again, from where it stopped. */
  'export.retry'(data: { jobId: string }): { type: 'ok' } | { type: 'error'; message: string };
}
