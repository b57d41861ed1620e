import type { PerfSignal } from '../../recording';
import type { Context } from '../context';
import type { Detection, FrictionThresholds } from '../types';

function limit(metric: PerfSignal['metric'], t: FrictionThresholds['slowPage']): number {
  if (metric === 'load') return t.loadMs;
  if (metric === 'lcp') return t.lcpMs;
  return t.longTaskMs;
}

/** Twice the threshold is clearly slow, three times painfully so. */
const severityOf = (ratio: number) => (ratio >= 3 ? 3 : ratio >= 2 ? 2 : 1);

/**
 * One detection per page load, reported at the first metric over its threshold;
 * a worse one later in the same batch replaces its evidence.
 */
export function slowPage(
  page: { slow: boolean },
  open: { slowPage?: { detection: Detection; ratio: number } },
  metric: PerfSignal['metric'],
  value: number,
  ts: number,
  ctx: Context,
) {
  const thresholdMs = limit(metric, ctx.thresholds.slowPage);
  if (value <= thresholdMs) return;
  const ratio = value / thresholdMs;
  const evidence = { metric, value, thresholdMs };
  if (!page.slow) {
    page.slow = true;
    const detection = ctx.report('slow-page', ts, severityOf(ratio), 'slow', evidence);
    open.slowPage = { detection, ratio };
    return;
  }
  const current = open.slowPage;
  if (!current || ratio <= current.ratio) return;
  current.ratio = ratio;
  current.detection.evidence = evidence;
  current.detection.severity = severityOf(ratio);
}
