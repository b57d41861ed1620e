import type { Finding, FrictionThresholds } from './types';

/** What a detector needs to report a finding on the current page. */
export interface Context {
  thresholds: FrictionThresholds;
  /**
   * Reports a finding; `key` makes its dedupeKey unique within the page load.
   * Returns it so the detector can still add evidence seen later in the same batch.
   */
  report(
    detector: Finding['detector'],
    ts: number,
    severity: Finding['severity'],
    key: string,
    evidence: Record<string, unknown>,
  ): Finding;
}

/** The page URL findings carry: no query string, no fragment. */
export const pageUrl = (url: string): string => url.split(/[?#]/, 1)[0] ?? '';

export function createContext(
  thresholds: FrictionThresholds,
  page: { segmentId: string; href: string },
  findings: Finding[],
): Context {
  return {
    thresholds,
    report(detector, ts, severity, key, evidence) {
      const finding: Finding = {
        detector,
        ts,
        segmentId: page.segmentId,
        url: pageUrl(page.href),
        severity,
        dedupeKey: `${detector}:${page.segmentId}:${key}`,
        evidence,
      };
      findings.push(finding);
      return finding;
    },
  };
}
