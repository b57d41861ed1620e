import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_THRESHOLDS, type FrictionThresholds } from '../friction';

const MS = { min: 50, max: 120_000 } as const;
const ms = z.number().int().min(MS.min).max(MS.max);

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

type Group = keyof FrictionThresholds;

/** One threshold as the settings page edits it; the bounds are the schema's. */
export interface ThresholdField {
  /** `group.key`, e.g. `rageClick.clicks`: also the form control's name. */
  id: string;
  group: Group;
  key: string;
  label: string;
  unit: 'clicks' | 'ms' | 'px' | 'times';
  min: number;
  max: number;
  integer: boolean;
}

/** The detectors in the order the settings page shows them, each with its thresholds. */
export const THRESHOLD_GROUPS: { group: Group; title: string; hint: string }[] = [
  { group: 'rageClick', title: 'Rage clicks', hint: 'Quick clicks on about the same spot.' },
  {
    group: 'deadClick',
    title: 'Dead clicks',
    hint: 'A click on something that looks clickable and nothing happens.',
  },
  { group: 'slowPage', title: 'Slow pages', hint: 'Page loads and main-thread stalls.' },
  { group: 'uTurn', title: 'U-turns', hint: 'Leaving a page and coming straight back.' },
  {
    group: 'repeatedFormError',
    title: 'Repeated form errors',
    hint: 'The same form refusing the participant again.',
  },
];

const field = (
  group: Group,
  key: string,
  label: string,
  unit: ThresholdField['unit'],
  min: number,
  max: number,
  integer = true,
): ThresholdField => ({ id: `${group}.${key}`, group, key, label, unit, min, max, integer });

export const THRESHOLD_FIELDS: ThresholdField[] = [
  field('rageClick', 'clicks', 'At least', 'clicks', 2, 20),
  field('rageClick', 'windowMs', 'Within', 'ms', MS.min, MS.max),
  field('rageClick', 'radiusPx', 'Radius', 'px', 1, 500, false),
  field('deadClick', 'waitMs', 'Nothing happens for', 'ms', MS.min, MS.max),
  field('slowPage', 'loadMs', 'Page load longer than', 'ms', MS.min, MS.max),
  field('slowPage', 'lcpMs', 'Largest contentful paint later than', 'ms', MS.min, MS.max),
  field('slowPage', 'longTaskMs', 'Main thread blocked longer than', 'ms', MS.min, MS.max),
  field('uTurn', 'withinMs', 'Back within', 'ms', MS.min, MS.max),
  field('repeatedFormError', 'times', 'Refused at least', 'times', 2, 20),
];

export type ThresholdTexts = Record<string, string>;

function valueOf(thresholds: FrictionThresholds, f: ThresholdField): number {
  return (thresholds[f.group] as Record<string, number>)[f.key] ?? Number.NaN;
}

/** The form's texts for stored (or default) thresholds. */
export function thresholdTexts(thresholds: FrictionThresholds): ThresholdTexts {
  return Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.id, String(valueOf(thresholds, f))]));
}

/** The default of one threshold, as the settings page shows it beside the field. */
export const defaultThreshold = (f: ThresholdField): number => valueOf(DEFAULT_THRESHOLDS, f);

export type ThresholdsResult =
  | { type: 'ok'; thresholds: FrictionThresholds }
  | { type: 'error'; errors: { field: string; message: string }[] };

/** What the form holds, checked field by field against the bounds the detectors accept. */
export function parseThresholdTexts(texts: ThresholdTexts): ThresholdsResult {
  const errors: { field: string; message: string }[] = [];
  const draft: Record<string, Record<string, number>> = {};
  for (const f of THRESHOLD_FIELDS) {
    const text = (texts[f.id] ?? '').trim();
    const value = text === '' ? Number.NaN : Number(text);
    const ok =
      Number.isFinite(value) &&
      value >= f.min &&
      value <= f.max &&
      (!f.integer || Number.isInteger(value));
    if (!ok) {
      const kind = f.integer ? 'a whole number' : 'a number';
      errors.push({ field: f.id, message: `Enter ${kind} from ${f.min} to ${f.max} ${f.unit}.` });
    }
    (draft[f.group] ??= {})[f.key] = value;
  }
  if (errors.length) return { type: 'error', errors };
  const parsed = frictionThresholdsSchema.safeParse(draft);
  return parsed.success
    ? { type: 'ok', thresholds: parsed.data }
    : { type: 'error', errors: [{ field: 'form', message: parsed.error.message }] };
}
