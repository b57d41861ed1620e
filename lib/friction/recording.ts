import { createFrictionDetector } from './detector';
import type { DetectorInput, Detection, FrictionThresholds } from './types';
import type { RrwebEvent, TimelineEntry } from '../contracts';

/** A whole recorded segment: one page load in one tab. */
export interface RecordedSegment {
  segment: DetectorInput['segment'];
  events: RrwebEvent[];
  timeline: TimelineEntry[];
}

/** A session as stored or exported: segments with their events, and one timeline. */
export interface RecordedSession {
  segments: (DetectorInput['segment'] & { events: RrwebEvent[] })[];
  timeline: (TimelineEntry & { segmentId: string | null; tabId: number })[];
}

function byTabInTimeOrder(segments: RecordedSegment[]): Map<number, RecordedSegment[]> {
  const tabs = new Map<number, RecordedSegment[]>();
  for (const s of [...segments].sort((a, b) => a.segment.startedAt - b.segment.startedAt)) {
    const tab = tabs.get(s.segment.tabId);
    if (tab) tab.push(s);
    else tabs.set(s.segment.tabId, [s]);
  }
  return tabs;
}

/**
 * A session's timeline split by segment. Entries observed outside the page
 * (segmentId null: failed requests from webRequest) go to the segment their
 * tab showed at that moment, or the tab's first one before it started.
 */
export function recordedSegments(session: RecordedSession): RecordedSegment[] {
  const out = session.segments.map(({ events, ...segment }) => ({
    segment,
    events,
    timeline: [] as TimelineEntry[],
  }));
  const byId = new Map(out.map((s) => [s.segment.id, s]));
  const byTab = byTabInTimeOrder(out);
  for (const entry of session.timeline) {
    const inTab = byTab.get(entry.tabId) ?? [];
    const target =
      (entry.segmentId !== null ? byId.get(entry.segmentId) : undefined) ??
      inTab.findLast((s) => s.segment.startedAt <= entry.ts) ??
      inTab[0];
    target?.timeline.push(entry);
  }
  return out;
}

/**
 * Runs the detectors over whole recordings: each tab's segments in time order,
 * one step each. Detections come out in time order.
 */
export function detectRecording(
  segments: RecordedSegment[],
  thresholds: FrictionThresholds,
): Detection[] {
  const detector = createFrictionDetector(thresholds);
  const detections: Detection[] = [];
  for (const tabSegments of byTabInTimeOrder(segments).values()) {
    let state = detector.initial();
    for (const input of tabSegments) {
      const result = detector.step(state, input);
      state = result.state;
      detections.push(...result.detections);
    }
  }
  return detections.sort((a, b) => a.ts - b.ts);
}
