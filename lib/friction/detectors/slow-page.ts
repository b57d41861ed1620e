import type { PerfSignal } from '../../recording';
import type { Context } from '../context';
import type { Finding, FrictionThresholds } from '../types';

function limit(metric: PerfSignal['metric'], t: FrictionThresholds['slowPage']): number {
  if (metric === 'load') return t.loadMs;
  if (metric === 'lcp') return t.lcpMs;
  return t.longTaskMs;
}

/** Twice the threshold is clearly slow, three times painfully so. */
const severityOf = (ratio: number) => (ratio >= 3 ? 3 : ratio >= 2 ? 2 : 1);

/**
 * One finding per page load, reported at the first metric over its threshold;
 * a worse one later in the same batch replaces its evidence.
 */
export function slowPage(
  page: { slow: boolean },
  open: { slowPage?: { finding: Finding; ratio: number } },
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
    const finding = ctx.report('slow-page', ts, severityOf(ratio), 'slow', evidence);
    open.slowPage = { finding, ratio };
    return;
  }
  const current = open.slowPage;
  if (!current || ratio <= current.ratio) return;
  current.ratio = ratio;
  current.finding.evidence = evidence;
  current.finding.severity = severityOf(ratio);
}
