import type { FrictionThresholds } from './types';

export const DEFAULT_THRESHOLDS: FrictionThresholds = {
  rageClick: { clicks: 3, windowMs: 1_000, radiusPx: 30 },
  deadClick: { waitMs: 1_000 },
  slowPage: { loadMs: 3_000, lcpMs: 3_000, longTaskMs: 1_000 },
  uTurn: { withinMs: 5_000 },
  repeatedFormError: { times: 2 },
};
