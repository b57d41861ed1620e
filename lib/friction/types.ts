import type {
  DetectorType,
  PinnedElement,
  RrwebEvent,
  Severity,
  TimelineEntry,
} from '../contracts';

export interface FrictionThresholds {
  rageClick: { clicks: number; windowMs: number; radiusPx: number };
  deadClick: { waitMs: number };
  slowPage: { loadMs: number; lcpMs: number; longTaskMs: number };
  uTurn: { withinMs: number };
  repeatedFormError: { times: number };
}

/** One tab's next stretch of recording: a batch of one segment, in order. */
export interface DetectorInput {
  segment: { id: string; tabId: number; url: string; startedAt: number };
  events: RrwebEvent[];
  timeline: TimelineEntry[];
}

/** A moment of friction a detector noticed, with what it saw. */
export interface Detection {
  detector: DetectorType;
  ts: number;
  segmentId: string;
  url: string;
  severity: Severity;
  /** Stable across re-runs over the same recording: one annotation per key and session. */
  dedupeKey: string;
  evidence: Record<string, unknown>;
  /** The control a click detection was on, as the recording names it; null for the others. */
  target: PinnedElement | null;
}
