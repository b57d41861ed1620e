import { describe, expect, it } from 'vitest';
import { deriveSteps } from '@/lib/reports';
import type { TimelineEntry } from '@/lib/contracts';

const T0 = 1_700_000_000_000;
const segments = [
  { startedAt: T0 + 1_000, url: 'https://shop.example/' },
  { startedAt: T0 + 20_000, url: 'https://shop.example/cart' },
  { startedAt: T0 + 90_000, url: 'https://shop.example/after' },
];
const timeline: TimelineEntry[] = [
  { type: 'location', ts: T0 + 10_000, url: 'https://shop.example/products' },
  { type: 'location', ts: T0 + 20_000, url: 'https://shop.example/cart' },
  { type: 'console-error', ts: T0 + 25_000, message: 'x' },
  { type: 'location', ts: T0 + 30_000, url: 'https://shop.example/checkout' },
];

describe('deriveSteps', () => {
  it('lists pages and clicks up to the friction, oldest first, offsets from the start', () => {
    const steps = deriveSteps({
      startedAt: T0,
      until: T0 + 40_000,
      segments,
      timeline,
      clicks: [
        { ts: T0 + 20_000, target: 'Checkout' },
        { ts: T0 + 35_000, target: 'Pay now' },
        { ts: T0 + 41_000, target: 'Too late' },
      ],
    });
    expect(steps).toEqual([
      { type: 'page', offsetMs: 1_000, url: 'https://shop.example/' },
      { type: 'page', offsetMs: 10_000, url: 'https://shop.example/products' },
      { type: 'page', offsetMs: 20_000, url: 'https://shop.example/cart' },
      { type: 'click', offsetMs: 20_000, target: 'Checkout' },
      { type: 'page', offsetMs: 30_000, url: 'https://shop.example/checkout' },
      { type: 'click', offsetMs: 35_000, target: 'Pay now' },
    ]);
  });

  it('keeps the last few steps only', () => {
    const steps = deriveSteps({ startedAt: T0, until: T0 + 40_000, segments, timeline, max: 2 });
    expect(steps.map((s) => (s.type === 'page' ? s.url : s.target))).toEqual([
      'https://shop.example/cart',
      'https://shop.example/checkout',
    ]);
  });

  it('is empty when nothing happened before the friction', () => {
    expect(deriveSteps({ startedAt: T0, until: T0 + 500, segments, timeline })).toEqual([]);
  });
});
