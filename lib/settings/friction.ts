import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_THRESHOLDS, type FrictionThresholds } from '../friction';

const ms = z.number().int().min(50).max(120_000);

export const frictionThresholdsSchema = z.object({
  rageClick: z.object({
    clicks: z.number().int().min(2).max(20),
    windowMs: ms,
    radiusPx: z.number().min(1).max(500),
  }),
  deadClick: z.object({ waitMs: ms }),
  slowPage: z.object({ loadMs: ms, lcpMs: ms, longTaskMs: ms }),
  uTurn: z.object({ withinMs: ms }),
  repeatedFormError: z.object({ times: z.number().int().min(2).max(20) }),
}) satisfies z.ZodType<FrictionThresholds>;

/** Stored thresholds are read back through this: anything malformed falls back to the defaults. */
export function parseFrictionThresholds(raw: unknown): FrictionThresholds {
  const parsed = frictionThresholdsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

/** Friction-detector thresholds, synced across the user's browsers. Version 1 is the first shape. */
export const frictionThresholdsItem = storage.defineItem<FrictionThresholds>(
  'sync:friction-thresholds',
  {
    version: 1,
    fallback: DEFAULT_THRESHOLDS,
  },
);

export async function loadFrictionThresholds(): Promise<FrictionThresholds> {
  return parseFrictionThresholds(await frictionThresholdsItem.getValue());
}
