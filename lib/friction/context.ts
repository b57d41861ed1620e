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
  ): Detection;
}

/** The page URL detections carry: no query string, no fragment. */
export const pageUrl = (url: string): string => url.split(/[?#]/, 1)[0] ?? '';

export function createContext(
  thresholds: FrictionThresholds,
  page: { segmentId: string; href: string },
  detections: Detection[],
): Context {
  return {
    thresholds,
    report(detector, ts, severity, key, evidence) {
      const detection: Detection = {
        detector,
        ts,
        segmentId: page.segmentId,
        url: pageUrl(page.href),
        severity,
        dedupeKey: `${detector}:${page.segmentId}:${key}`,
        evidence,
      };
      detections.push(detection);
      return detection;
    },
  };
}
