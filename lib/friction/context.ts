import { emptyElements, targetOf, type RecordedElements } from './recorded-elements';
import type { Detection, FrictionThresholds } from './types';

/** What a detector needs to report a detection on the current page. */
export interface Context {
  thresholds: FrictionThresholds;
  /**
   * Reports a detection; `key` makes its dedupeKey unique within the page load.
   * Returns it so the detector can still add evidence seen later in the same batch.
   */
  report(
    detector: Detection['detector'],
    ts: number,
    severity: Detection['severity'],
    key: string,
    evidence: Record<string, unknown>,
    target?: Detection['target'],
  ): Detection;
  /** The control a click on `nodeId` at `point` was on, as the recording names it. */
  targetOf(nodeId: number, point: { x: number | null; y: number | null }): Detection['target'];
}

/** The page URL detections carry: no query string, no fragment. */
export const pageUrl = (url: string): string => url.split(/[?#]/, 1)[0] ?? '';

export function createContext(
  thresholds: FrictionThresholds,
  page: { segmentId: string; href: string; elements?: RecordedElements },
  detections: Detection[],
): Context {
  return {
    thresholds,
    report(detector, ts, severity, key, evidence, target = null) {
      const detection: Detection = {
        detector,
        ts,
        segmentId: page.segmentId,
        url: pageUrl(page.href),
        severity,
        dedupeKey: `${detector}:${page.segmentId}:${key}`,
        evidence,
        target,
      };
      detections.push(detection);
      return detection;
    },
    // `?? emptyElements()`: a page state stored before recorded elements existed.
    targetOf: (nodeId, point) => targetOf(page.elements ?? emptyElements(), nodeId, point),
  };
}
