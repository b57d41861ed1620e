import { formatDuration, UNKNOWN } from '@/lib/format';
import type { Rate } from '@/lib/metrics';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "2 of 3 · 67% (21–94%)": the count, the share and its 95% interval. */
export function formatRate(rate: Rate): string {
  if (!rate.interval) return UNKNOWN;
  const { point, low, high } = rate.interval;
  return `${rate.successes} of ${rate.n} · ${percent(point)} (${Math.round(low * 100)}–${percent(high)})`;
}

/** Study times are often seconds long: tenths of a second under a minute, then mm:ss. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return UNKNOWN;
  return ms < 60_000 ? `${(ms / 1_000).toFixed(1)} s` : formatDuration(ms);
}

/** A signed change in percentage points. */
export function formatPointsChange(change: number | null): string {
  if (change === null) return UNKNOWN;
  const points = Math.round(change * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}

/** A signed change of a duration. */
export function formatMsChange(change: number | null): string {
  if (change === null) return UNKNOWN;
  // Tenths of a second are shown: a smaller change reads as none.
  const shown = Math.round(change / 100) * 100;
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '±';
  return `${sign}${formatMs(Math.abs(shown))}`;
}
