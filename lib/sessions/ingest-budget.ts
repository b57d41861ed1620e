const MB = 1024 * 1024;

/** Stored bytes a session may take in all, and how fast (a token bucket per session). */
export interface IngestBudget {
  sessionBytes: number;
  burstBytes: number;
  bytesPerSecond: number;
}

/**
 * Far above any real page, far below a flood. Measured on Swagger UI (a real
 * third-party SPA, test/e2e/support/sites.ts): a page load stores ~18 KB (a
 * 260,000-character FullSnapshot gzips to 41 KB, its CSS kept once per
 * session). A big SPA's 5 MB FullSnapshot gzips to ~600 KB. So:
 * - a burst of 8 MB is thirteen such page loads at the same moment;
 * - 256 KB/s is one of them every 2.5 s for as long as the session lasts
 *   (or fourteen Swagger UI loads a second);
 * - 512 MB is one every 10 s for two hours.
 * A flood is stopped within seconds, having stored about the burst: 4.7 MB/s
 * was seen, and even this loaded 2-core machine's worker compresses ~1 MB/s
 * of forged data.
 */
export const INGEST_BUDGET: IngestBudget = {
  sessionBytes: 512 * MB,
  burstBytes: 8 * MB,
  bytesPerSecond: 256 * 1024,
};

/**
 * The per-second part, in worker memory: a flood keeps the worker awake, and
 * a restarted worker starting with a full bucket lets through one burst more.
 */
export function createRateBudget(budget: IngestBudget) {
  const buckets = new Map<string, { level: number; at: number }>();
  return {
    /** Spend `bytes` of the session's allowance at `now`; false when it is sending faster than allowed. */
    take(sessionId: string, bytes: number, now: number): boolean {
      const bucket = buckets.get(sessionId) ?? { level: budget.burstBytes, at: now };
      const refill = (Math.max(0, now - bucket.at) / 1000) * budget.bytesPerSecond;
      const level = Math.min(budget.burstBytes, bucket.level + refill);
      const allowed = bytes <= level;
      buckets.set(sessionId, { level: allowed ? level - bytes : level, at: now });
      return allowed;
    },
    forget(sessionId: string): void {
      buckets.delete(sessionId);
    },
  };
}

export type RateBudget = ReturnType<typeof createRateBudget>;

const size = (bytes: number) =>
  bytes >= MB
    ? `${Math.round(bytes / MB).toLocaleString('en-US')} MB`
    : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

/** The message the popup shows when a session was stopped for its budget. */
export function overBudgetMessage(budget: IngestBudget, which: 'rate' | 'total'): string {
  const what =
    which === 'rate'
      ? `more than ${size(budget.burstBytes)} in a few seconds`
      : `more than ${size(budget.sessionBytes)} in this session`;
  return `Recording stopped: the recorded pages sent far more data than real pages do (${what}), so one of them may be misbehaving. Everything recorded until then is saved and can be exported.`;
}
