import type { ElementIdentity } from './findings';

/** Kinds of friction the extension notices by itself (lib/friction): the one list of them. */
export const DETECTOR_TYPES = [
  'rage-click',
  'dead-click',
  'js-error',
  'failed-request',
  'slow-page',
  'u-turn',
  'error-page',
  'repeated-form-error',
] as const;

export type DetectorType = (typeof DETECTOR_TYPES)[number];

/** How people read each detector's name; a missing or extra one fails the type check. */
export const DETECTOR_LABELS = {
  'rage-click': 'Rage click',
  'dead-click': 'Dead click',
  'js-error': 'JS error',
  'failed-request': 'Failed request',
  'slow-page': 'Slow page',
  'u-turn': 'U-turn',
  'error-page': 'Error page',
  'repeated-form-error': 'Repeated form error',
} as const satisfies Record<DetectorType, string>;

export type Severity = 1 | 2 | 3;

export interface PinnedElement {
  /** A stable CSS selector for the element in the recorded page. */
  selector: string;
  rect: { x: number; y: number; width: number; height: number };
  /** A short text snippet of the element. */
  text: string;
  /** What names the element across page loads; absent in annotations made before it existed. */
  identity?: ElementIdentity;
}

/** A moment of friction pinned to the replay timeline. */
export interface AnnotationRecord {
  id: string;
  sessionId: string;
  /** 'manual': tagged by the participant; 'auto': noticed by a detector. */
  kind: 'manual' | 'auto';
  ts: number;
  url: string;
  tabId: number;
  segmentId: string | null;
  tagId: string | null;
  detector: DetectorType | null;
  severity: Severity;
  note: string;
  target: PinnedElement | null;
  /** What a detector saw, for the finding's report. */
  evidence: Record<string, unknown> | null;
  /** Auto findings are idempotent: one per key and session. */
  dedupeKey: string | null;
  /** Who made it; absent means the participant (or a detector, for kind 'auto'). */
  author?: 'participant' | 'facilitator';
  /** A reviewer marked this auto annotation a false positive: kept, left out of findings and metrics. */
  dismissed?: boolean;
  /** When a reviewer last edited it. */
  editedAt?: number;
}

/** The picture of an annotation: a capture of the tab, or rendered from the recording. */
export interface ScreenshotRecord {
  annotationId: string;
  sessionId: string;
  source: 'capture' | 'replay';
  mime: string;
  data: Uint8Array;
}

/** A box painted over a tag's screenshot (lib/annotations/cover.ts), in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the overlay measured, in the viewport's CSS pixels. */
export interface Cover {
  devicePixelRatio: number;
  boxes: Box[];
}
