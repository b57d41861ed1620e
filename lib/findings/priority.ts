import type { Severity } from '../contracts';

export const PRIORITY_RULE =
  'Priority = share of participants who hit it × worst severity (1–3), on a 0–100 scale; ties: higher severity, more participants, then title.';

/** 0-100: reach share (0-1) times worst severity (1-3), over 3. See docs/findings.md. */
export function priorityOf(reachShare: number, worstSeverity: Severity): number {
  const share = Number.isFinite(reachShare) ? Math.min(1, Math.max(0, reachShare)) : 0;
  return Math.round((100 * share * worstSeverity) / 3);
}
