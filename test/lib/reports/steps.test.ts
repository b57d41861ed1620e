import { describe, expect, it } from 'vitest';
import { deriveSteps, taskAt, viewportAt } from '@/lib/reports';
import type { RrwebEvent, TimelineEntry } from '@/lib/contracts';
import { kit, session, task } from '../findings/records';

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

describe('viewportAt', () => {
  const events = [
    { type: 4, timestamp: T0, data: { href: 'https://shop.example/', width: 1280, height: 720 } },
    { type: 3, timestamp: T0 + 5_000, data: { source: 4, width: 800, height: 600 } },
    { type: 3, timestamp: T0 + 6_000, data: { source: 1, positions: [] } },
    {
      type: 4,
      timestamp: T0 + 9_000,
      data: { href: 'https://shop.example/b', width: 390, height: 844 },
    },
  ] as RrwebEvent[];

  it('is the last Meta or resize at or before the moment', () => {
    expect(viewportAt(events, T0 + 1_000)).toEqual({ width: 1280, height: 720 });
    expect(viewportAt(events, T0 + 8_000)).toEqual({ width: 800, height: 600 });
    expect(viewportAt(events, T0 + 9_000)).toEqual({ width: 390, height: 844 });
    expect(viewportAt(events, T0 - 1)).toBeNull();
  });
});

describe('taskAt', () => {
  const played = session('s1', {
    study: kit(),
    tasks: [
      task('t1', { startedAt: 1_000, endedAt: 5_000, outcome: 'done' }),
      task('t2', { startedAt: 6_000, endedAt: null }),
    ],
  });

  it('names the task under way, or none between and before tasks', () => {
    expect(taskAt(played, 3_000)).toBe('Find payouts');
    expect(taskAt(played, 9_000)).toBe('Change bank');
    expect(taskAt(played, 5_500)).toBeNull();
    expect(taskAt(played, 500)).toBeNull();
    expect(taskAt(session('quick', { study: null }), 3_000)).toBeNull();
  });
});
