import { describe, expect, it } from 'vitest';
import {
  createFrictionDetector,
  DEFAULT_THRESHOLDS,
  detectRecording,
  type Detection,
  type RecordedSegment,
  type TabState,
} from '@/lib/friction';
import { DETECTOR_TYPES } from '@/lib/contracts';
import { FIXTURES, loadFixture } from './fixtures';

// Every detector has a recorded journey that triggers it (test/fixtures/friction/).
const TRIGGERS = DETECTOR_TYPES;

const summary = (detections: Detection[]) => detections.map((f) => `${f.detector} ${f.dedupeKey}`);

/** Feeds each segment as batches of at most `size` events, state stored as JSON in between. */
function detectInBatches(segments: RecordedSegment[], size: number): Detection[] {
  const detector = createFrictionDetector(DEFAULT_THRESHOLDS);
  const states = new Map<number, string>();
  const detections: Detection[] = [];
  const ordered = [...segments].sort((a, b) => a.segment.startedAt - b.segment.startedAt);
  for (const { segment, events, timeline } of ordered) {
    for (let from = 0; from < Math.max(events.length, 1); from += size) {
      const batch = events.slice(from, from + size);
      const until = events[from + size]?.timestamp ?? Infinity;
      const since = from === 0 ? -Infinity : (events[from]?.timestamp ?? Infinity);
      // The recorder ships timeline entries with the batch of their moment.
      const entries = timeline.filter((e) => e.ts >= since && e.ts < until);
      const saved = states.get(segment.tabId);
      const state = saved ? (JSON.parse(saved) as TabState) : detector.initial();
      const result = detector.step(state, { segment, events: batch, timeline: entries });
      states.set(segment.tabId, JSON.stringify(result.state));
      detections.push(...result.detections);
    }
  }
  return detections.sort((a, b) => a.ts - b.ts);
}

describe('friction detectors on recorded journeys', () => {
  it('has the clean journey and one journey per detector', () => {
    expect(FIXTURES).toEqual([...TRIGGERS, 'clean'].sort());
  });

  it('finds nothing on a clean journey (no false positives)', () => {
    expect(summary(detectRecording(loadFixture('clean'), DEFAULT_THRESHOLDS))).toEqual([]);
  });

  it.each(TRIGGERS)('finds exactly one %s, and nothing else, on its journey', (detector) => {
    const detections = detectRecording(loadFixture(detector), DEFAULT_THRESHOLDS);
    expect(detections.map((f) => f.detector)).toEqual([detector]);
    const [detection] = detections;
    expect(detection?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[^?#]*$/);
    expect(detection?.dedupeKey).toContain(detection?.segmentId);
  });

  it('reports what it saw', () => {
    const only = (name: (typeof TRIGGERS)[number]) =>
      detectRecording(loadFixture(name), DEFAULT_THRESHOLDS)[0];
    expect(only('rage-click')?.evidence).toMatchObject({ clicks: 4 });
    expect(only('dead-click')?.url).toMatch(/\/payments\/new$/);
    expect(only('js-error')?.evidence).toMatchObject({
      errors: 2,
      messages: [expect.stringMatching(/TypeError/), expect.stringMatching(/Forecast model/)],
    });
    expect(only('failed-request')?.evidence).toMatchObject({
      url: expect.stringMatching(/\/api\/payouts\/export$/),
      status: 500,
    });
    expect(only('failed-request')?.severity).toBe(3);
    expect(only('slow-page')?.evidence).toMatchObject({ value: expect.any(Number) });
    expect((only('slow-page')?.evidence.value as number) > 3_000).toBe(true);
    expect(only('u-turn')?.evidence).toMatchObject({
      url: expect.stringMatching(/\/dashboard$/),
      away: expect.stringMatching(/\/payouts$/),
    });
    expect(only('error-page')?.evidence).toMatchObject({ status: 404 });
    expect(only('repeated-form-error')?.evidence).toMatchObject({
      field: 'input#email',
      count: 2,
    });
  });

  it.each(FIXTURES)('finds the same on %s fed batch by batch as in one go', (name) => {
    const segments = loadFixture(name);
    const whole = summary(detectRecording(segments, DEFAULT_THRESHOLDS));
    for (const size of [1, 7, 50]) expect(summary(detectInBatches(segments, size))).toEqual(whole);
  });

  it.each(FIXTURES)('gives the same dedupe keys every run on %s', (name) => {
    const segments = loadFixture(name);
    const first = detectRecording(segments, DEFAULT_THRESHOLDS);
    const again = detectRecording(segments, DEFAULT_THRESHOLDS);
    expect(again).toEqual(first);
    expect(new Set(first.map((f) => f.dedupeKey)).size).toBe(first.length);
  });

  it.each(FIXTURES)('keeps each tab state small on %s', (name) => {
    const detector = createFrictionDetector(DEFAULT_THRESHOLDS);
    const states = new Map<number, TabState>();
    for (const input of loadFixture(name)) {
      const tabId = input.segment.tabId;
      const state = detector.step(states.get(tabId) ?? detector.initial(), input).state;
      states.set(tabId, state);
      // Most of it is the page's controls (recorded-elements.ts), about 100 bytes each.
      expect(JSON.stringify(state).length).toBeLessThan(8_000);
    }
  });
});
