import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@/lib/friction';
import {
  defaultThreshold,
  frictionThresholdsSchema,
  parseFrictionThresholds,
  parseThresholdTexts,
  THRESHOLD_FIELDS,
  THRESHOLD_GROUPS,
  thresholdTexts,
} from '@/lib/settings';

const set = (id: string, value: number) => {
  const [group, key] = id.split('.') as [keyof typeof DEFAULT_THRESHOLDS, string];
  return { ...DEFAULT_THRESHOLDS, [group]: { ...DEFAULT_THRESHOLDS[group], [key]: value } };
};

describe('friction thresholds editor', () => {
  it('has one field per stored threshold, in a shown group', () => {
    const stored = Object.entries(DEFAULT_THRESHOLDS).flatMap(([group, values]) =>
      Object.keys(values).map((key) => `${group}.${key}`),
    );
    expect(THRESHOLD_FIELDS.map((f) => f.id).sort()).toEqual(stored.sort());
    const groups = THRESHOLD_GROUPS.map((g) => g.group);
    for (const f of THRESHOLD_FIELDS) expect(groups).toContain(f.group);
  });

  it('states the bounds the stored schema accepts, and defaults inside them', () => {
    for (const f of THRESHOLD_FIELDS) {
      const accepts = (value: number) =>
        frictionThresholdsSchema.safeParse(set(f.id, value)).success;
      expect([accepts(f.min), accepts(f.max)], f.id).toEqual([true, true]);
      expect([accepts(f.min - 1), accepts(f.max + 1)], f.id).toEqual([false, false]);
      expect(accepts(f.min + 0.5), f.id).toBe(!f.integer);
      expect(defaultThreshold(f)).toBeGreaterThanOrEqual(f.min);
      expect(defaultThreshold(f)).toBeLessThanOrEqual(f.max);
    }
  });

  it('reads back what it wrote, and the defaults round-trip', () => {
    expect(parseThresholdTexts(thresholdTexts(DEFAULT_THRESHOLDS))).toEqual({
      type: 'ok',
      thresholds: DEFAULT_THRESHOLDS,
    });
    const texts = { ...thresholdTexts(DEFAULT_THRESHOLDS), 'rageClick.clicks': ' 6 ' };
    expect(parseThresholdTexts(texts)).toEqual({
      type: 'ok',
      thresholds: set('rageClick.clicks', 6),
    });
  });

  it('says which field is wrong and what it takes', () => {
    const texts = {
      ...thresholdTexts(DEFAULT_THRESHOLDS),
      'rageClick.clicks': '1',
      'deadClick.waitMs': '',
      'uTurn.withinMs': '2.5',
      'rageClick.radiusPx': '12.5',
    };
    expect(parseThresholdTexts(texts)).toEqual({
      type: 'error',
      errors: [
        { field: 'rageClick.clicks', message: 'Enter a whole number from 2 to 20 clicks.' },
        { field: 'deadClick.waitMs', message: 'Enter a whole number from 50 to 120000 ms.' },
        { field: 'uTurn.withinMs', message: 'Enter a whole number from 50 to 120000 ms.' },
      ],
    });
  });

  it('falls back to the defaults for malformed stored data', () => {
    expect(parseFrictionThresholds({ rageClick: { clicks: 1 } })).toEqual(DEFAULT_THRESHOLDS);
  });
});
