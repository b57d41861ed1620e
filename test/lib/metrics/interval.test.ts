import { describe, expect, it } from 'vitest';
import { adjustedWald, geometricMean, median } from '@/lib/metrics';

describe('adjustedWald', () => {
  it('gives 19%-81% for 3 of 6 (Sauro & Lewis)', () => {
    const interval = adjustedWald(3, 6);
    expect(interval?.point).toBe(0.5);
    expect(interval?.low).toBeCloseTo(0.1876, 4);
    expect(interval?.high).toBeCloseTo(0.8124, 4);
  });

  it('gives 57%-100% for 9 of 10, clamped at 1', () => {
    const interval = adjustedWald(9, 10);
    expect(interval?.point).toBe(0.9);
    expect(interval?.low).toBeCloseTo(0.574, 3);
    expect(interval?.high).toBe(1);
  });

  it('clamps to [0, 1] at none and all', () => {
    expect(adjustedWald(0, 5)).toEqual({ point: 0, low: 0, high: expect.closeTo(0.4891, 4) });
    expect(adjustedWald(5, 5)).toEqual({ point: 1, low: expect.closeTo(0.5109, 4), high: 1 });
  });

  it('takes another z (90%: 1.645)', () => {
    const interval = adjustedWald(3, 6, 1.645);
    expect(interval?.low).toBeCloseTo(0.2212, 4);
    expect(interval?.high).toBeCloseTo(0.7788, 4);
  });

  it('is null without a sample', () => {
    expect(adjustedWald(0, 0)).toBeNull();
    expect(adjustedWald(1, Number.NaN)).toBeNull();
  });
});

describe('median and geometric mean', () => {
  it('are the middle value and the nth root of the product', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(geometricMean([2, 8])).toBeCloseTo(4, 10);
    expect(geometricMean([60_000, 240_000])).toBeCloseTo(120_000, 6);
    expect(geometricMean([0, 4, 9])).toBeCloseTo(6, 10);
    expect(geometricMean([])).toBeNull();
  });
});
