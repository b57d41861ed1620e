import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reviewDb as db } from '@/components/review/review-db';
import { useReviewStore } from '@/components/review/review-store';
import type { AnnotationRecord, RrwebEvent, SegmentRecord } from '@/lib/contracts';

const T0 = 1_795_267_500_000;
const annotation = (id: string, ts: number, sessionId = 's1'): AnnotationRecord => ({
  id,
  sessionId,
  kind: 'manual',
  ts,
  url: 'http://127.0.0.1:4173/',
  tabId: 1,
  segmentId: 'seg1',
  tagId: 'stuck',
  detector: null,
  severity: 1,
  note: '',
  target: null,
  evidence: null,
  dedupeKey: null,
});
const loaded = (id: string, first: number) => ({
  segment: { id, sessionId: 's1', tabId: 1, url: 'http://127.0.0.1:4173/' } as SegmentRecord,
  events: [{ type: 4, data: {}, timestamp: first }] as unknown as RrwebEvent[],
});

const state = () => useReviewStore.getState();
let revoked: string[];

beforeEach(async () => {
  revoked = [];
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  await db.annotations.bulkAdd([annotation('a1', T0 + 2_000), annotation('a2', T0 + 20_000)]);
  await db.screenshots.add({
    annotationId: 'a2',
    sessionId: 's1',
    source: 'capture',
    mime: 'image/jpeg',
    data: new Uint8Array([0xff, 0xd8, 1]),
  });
  // What select() loads, without decoding chunks: two pages of the session.
  useReviewStore.setState({
    selectedId: 's1',
    segments: [loaded('seg1', T0 + 1_000), loaded('seg2', T0 + 30_000)],
    segmentIndex: 0,
    seek: null,
    playhead: null,
  });
});
afterEach(async () => {
  useReviewStore.setState({ selectedId: null, segments: [] });
  await Promise.all([db.annotations.clear(), db.screenshots.clear()]);
  vi.restoreAllMocks();
});

describe('the review store’s annotations', () => {
  it('follow the selected session live, each picture made once and revoked when it goes', async () => {
    await vi.waitFor(() =>
      expect(state().annotations.map((a) => a.annotation.id)).toEqual(['a1', 'a2']),
    );
    const picture = state().annotations[1]!.picture;
    expect(picture).toMatch(/^blob:/);
    expect(state().annotations[0]!.picture).toBe(null);

    await db.annotations.update('a1', { note: 'edited elsewhere', dismissed: true });
    await vi.waitFor(() =>
      expect(state().annotations[0]!.annotation.note).toBe('edited elsewhere'),
    );
    expect(state().annotations[1]!.picture).toBe(picture);
    expect(revoked).toEqual([]);

    await db.screenshots.delete('a2');
    await vi.waitFor(() => expect(state().annotations[1]!.picture).toBe(null));
    expect(revoked).toEqual([picture]);
  });

  it('let go of the old session when another is selected', async () => {
    await db.annotations.add(annotation('b1', T0, 's2'));
    await vi.waitFor(() => expect(state().annotations).toHaveLength(2));
    const picture = state().annotations[1]!.picture;
    state().setAnnotationFilter({ showDismissed: false });
    useReviewStore.setState({ selectedId: 's2' });
    expect(revoked).toEqual([picture]);
    expect(state().annotationFilter.showDismissed).toBe(true);
    await vi.waitFor(() => expect(state().annotations.map((a) => a.annotation.id)).toEqual(['b1']));
    // A write to the old session no longer reaches the list.
    await db.annotations.add(annotation('a3', T0 + 3_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state().annotations.map((a) => a.annotation.id)).toEqual(['b1']);
  });

  it('replay from 3 s before the chosen one, playing, but not before its page began', async () => {
    await vi.waitFor(() => expect(state().annotations).toHaveLength(2));
    state().showAnnotation('a2');
    expect(state().seek).toEqual({ offset: 20_000 - 3_000 - 1_000, play: true });
    state().showAnnotation('a1');
    expect(state().seek).toEqual({ offset: 0, play: true });
    expect(state().segmentIndex).toBe(0);
  });

  it('open an observation at the moment the player reports, else where it was sent', async () => {
    await vi.waitFor(() => expect(state().annotations).toHaveLength(2));
    expect(state().startObservation()).toBe(true);
    expect(state().annotationForm).toEqual({ type: 'observe', ts: T0 + 1_000, segmentId: 'seg1' });
    state().showAnnotation('a2');
    state().startObservation();
    expect(state().annotationForm).toEqual({ type: 'observe', ts: T0 + 17_000, segmentId: 'seg1' });
    useReviewStore.setState({ segmentIndex: 1, playhead: T0 + 31_234 });
    state().startObservation();
    expect(state().annotationForm).toEqual({ type: 'observe', ts: T0 + 31_234, segmentId: 'seg2' });
    useReviewStore.setState({ segments: [] });
    expect(state().startObservation()).toBe(false);
  });
});
