import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_NOTE_CHARS, QUICK_SESSION_TAGS } from '@/lib/annotations';
import { createKit } from '@/lib/studies';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import { captureMessages, fakeEvent, recordingSession, stubApi } from '../fake-extension';
import type {
  AnnotationRecord,
  ObservationRequest,
  SegmentRecord,
  SessionRecord,
  TimelineRecord,
} from '@/lib/contracts';

const ORIGIN = 'http://127.0.0.1:4173';
const TAB = 7;
/** The review page, opened in a tab: its sender URL is the extension's own. */
const REVIEW = { tab: { id: 3 }, url: fakeBrowser.runtime.getURL('/review.html') };
/** A content script in a recorded page. */
const PAGE = { tab: { id: TAB, windowId: 1 }, url: `${ORIGIN}/cart` };

let db: StudyGroupDb;
let session: SessionRecord;
let segment: SegmentRecord;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules();
  stubApi(fakeBrowser, 'commands', { onCommand: fakeEvent(), getAll: async () => [] });
  db = createDb(`annotation-edits-${Math.random()}`);
  session = { ...recordingSession('s1', ORIGIN, TAB), status: 'ended' };
  session.endedAt = session.startedAt + 50_000;
  segment = {
    id: 'seg1',
    sessionId: 's1',
    tabId: TAB,
    url: `${ORIGIN}/cart`,
    startedAt: session.startedAt + 1_000,
    lastTs: session.startedAt + 40_000,
    lastSeq: 3,
    events: 100,
    bytes: 1_000,
  };
  await db.sessions.add(session);
  await db.segments.add(segment);
  await db.annotations.bulkAdd([
    annotation('tagged', { kind: 'manual', tagId: 'confused', note: 'Where is it?' }),
    annotation('noticed', { kind: 'auto', detector: 'dead-click', dedupeKey: 'dead:1' }),
    annotation('observed', { kind: 'manual', tagId: 'slow', author: 'facilitator' }),
  ]);
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

function annotation(id: string, fields: Partial<AnnotationRecord>): AnnotationRecord {
  return {
    id,
    sessionId: 's1',
    kind: 'manual',
    ts: session.startedAt + 10_000,
    url: `${ORIGIN}/cart`,
    tabId: TAB,
    segmentId: 'seg1',
    tagId: null,
    detector: null,
    severity: 1,
    note: '',
    target: null,
    evidence: null,
    dedupeKey: null,
    ...fields,
  };
}

async function boot() {
  const send = captureMessages();
  const { registerAnnotationService } = await import('@/lib/annotations/register');
  registerAnnotationService(db);
  return send;
}

const observation = (overrides: Partial<ObservationRequest> = {}): ObservationRequest => ({
  sessionId: 's1',
  segmentId: 'seg1',
  ts: session.startedAt + 20_000,
  tagId: 'wording',
  severity: 2,
  note: '  The button says Submit, not Pay ',
  ...overrides,
});

describe('annotation.update', () => {
  it('changes a tag’s tag, severity and note, trimmed, and stamps editedAt', async () => {
    const send = await boot();
    const before = Date.now();
    const result = await send(
      'annotation.update',
      { annotationId: 'tagged', patch: { tagId: 'stuck', severity: 3, note: ' Gave up here ' } },
      REVIEW,
    );
    expect(result).toEqual({ type: 'ok', annotationId: 'tagged' });
    const stored = await db.annotations.get('tagged');
    expect(stored).toMatchObject({ tagId: 'stuck', severity: 3, note: 'Gave up here' });
    expect(stored?.editedAt).toBeGreaterThanOrEqual(before);
    // Only the patch changed: the rest is as the participant made it.
    expect(stored).toMatchObject({ kind: 'manual', ts: session.startedAt + 10_000, url: PAGE.url });
    expect(stored?.author).toBeUndefined();
  });

  it('dismisses what a detector noticed and restores it, the row kept', async () => {
    const send = await boot();
    const patch = (dismissed: boolean) =>
      send('annotation.update', { annotationId: 'noticed', patch: { dismissed } }, REVIEW);
    expect(await patch(true)).toMatchObject({ type: 'ok' });
    expect(await db.annotations.get('noticed')).toMatchObject({
      dismissed: true,
      detector: 'dead-click',
    });
    expect(await patch(false)).toMatchObject({ type: 'ok' });
    expect((await db.annotations.get('noticed'))?.dismissed).toBe(false);
  });

  it('lets a facilitator withdraw their own observation', async () => {
    const send = await boot();
    const result = await send(
      'annotation.update',
      { annotationId: 'observed', patch: { dismissed: true } },
      REVIEW,
    );
    expect(result.type).toBe('ok');
    expect((await db.annotations.get('observed'))?.dismissed).toBe(true);
  });

  it.each([
    ['an unknown annotation', { annotationId: 'nope', patch: { note: 'x' } }, /does not exist/],
    ['a tag not in the study', { annotationId: 'tagged', patch: { tagId: 'bogus' } }, /not in/],
    [
      'a participant’s tag dismissed',
      { annotationId: 'tagged', patch: { dismissed: true } },
      /cannot be dismissed/,
    ],
    [
      'a tag put on what a detector noticed',
      { annotationId: 'noticed', patch: { tagId: 'stuck' } },
      /keeps its kind/,
    ],
    [
      'a note over the limit',
      { annotationId: 'tagged', patch: { note: 'x'.repeat(MAX_NOTE_CHARS + 1) } },
      /longer than 2000/,
    ],
    ['an empty patch', { annotationId: 'tagged', patch: {} }, /malformed/],
    ['an unknown field', { annotationId: 'tagged', patch: { ts: 0 } }, /malformed/],
    ['a severity out of range', { annotationId: 'tagged', patch: { severity: 4 } }, /malformed/],
  ])('refuses %s and changes nothing', async (_what, data, message) => {
    const send = await boot();
    const before = await db.annotations.toArray();
    const result = await send('annotation.update', data as never, REVIEW);
    expect(result).toEqual({ type: 'error', message: expect.stringMatching(message) });
    expect(await db.annotations.toArray()).toEqual(before);
  });

  it('refuses a content script: only extension pages review', async () => {
    const send = await boot();
    const result = await send(
      'annotation.update',
      { annotationId: 'noticed', patch: { dismissed: true } },
      PAGE,
    );
    expect(result.type).toBe('error');
    expect((await db.annotations.get('noticed'))?.dismissed).toBeUndefined();
  });

  it('accepts the tags of the session’s kit, not the quick-session ones', async () => {
    const kit = { ...createKit(0, () => 'kit'), tags: [{ ...QUICK_SESSION_TAGS[0]!, id: 'lost' }] };
    await db.sessions.update('s1', { study: kit });
    const send = await boot();
    const to = (tagId: string) =>
      send('annotation.update', { annotationId: 'tagged', patch: { tagId } }, REVIEW);
    expect((await to('stuck')).type).toBe('error');
    expect((await to('lost')).type).toBe('ok');
  });
});

describe('annotation.observe', () => {
  it('stores a facilitator’s manual annotation on the segment’s tab and page', async () => {
    const send = await boot();
    const result = await send('annotation.observe', observation(), REVIEW);
    expect(result.type).toBe('ok');
    const id = result.type === 'ok' ? result.annotationId : '';
    expect(await db.annotations.get(id)).toEqual({
      id,
      sessionId: 's1',
      kind: 'manual',
      author: 'facilitator',
      ts: session.startedAt + 20_000,
      url: `${ORIGIN}/cart`,
      tabId: TAB,
      segmentId: 'seg1',
      tagId: 'wording',
      detector: null,
      severity: 2,
      note: 'The button says Submit, not Pay',
      target: null,
      evidence: null,
      dedupeKey: null,
    });
  });

  it('takes the route the page was on at that moment (an SPA navigation before it)', async () => {
    const entry = (ts: number, url: string, segmentId = 'seg1'): TimelineRecord => ({
      type: 'location',
      ts: session.startedAt + ts,
      url,
      sessionId: 's1',
      segmentId,
      tabId: TAB,
    });
    await db.timeline.bulkAdd([
      entry(5_000, `${ORIGIN}/checkout`),
      entry(15_000, `${ORIGIN}/other-tab`, 'seg-other'),
      entry(30_000, `${ORIGIN}/done`),
    ]);
    const send = await boot();
    const result = await send('annotation.observe', observation(), REVIEW);
    const id = result.type === 'ok' ? result.annotationId : '';
    expect((await db.annotations.get(id))?.url).toBe(`${ORIGIN}/checkout`);
  });

  it('keeps a moment just past the page’s last event on that page', async () => {
    const send = await boot();
    const result = await send(
      'annotation.observe',
      observation({ ts: segment.lastTs + 500 }),
      REVIEW,
    );
    const id = result.type === 'ok' ? result.annotationId : '';
    expect((await db.annotations.get(id))?.ts).toBe(segment.lastTs);
  });

  it.each([
    ['a segment of another session', { segmentId: 'seg-x' }, /not part of the session/],
    ['an unknown session', { sessionId: 's-x' }, /not part of the session/],
    ['a tag not in the study', { tagId: 'bogus' }, /not in this study/],
    ['a moment after the session', { ts: Date.now() + 60_000 }, /outside the session/],
    ['a note over the limit', { note: 'x'.repeat(MAX_NOTE_CHARS + 1) }, /longer than/],
    ['no segment', { segmentId: '' }, /malformed/],
  ])('refuses %s and stores nothing', async (_what, overrides, message) => {
    await db.segments.add({ ...segment, id: 'seg-x', sessionId: 's-other' });
    const send = await boot();
    const result = await send('annotation.observe', observation(overrides), REVIEW);
    expect(result).toEqual({ type: 'error', message: expect.stringMatching(message) });
    expect(await db.annotations.count()).toBe(3);
  });

  it('refuses a content script', async () => {
    const send = await boot();
    expect((await send('annotation.observe', observation(), PAGE)).type).toBe('error');
    expect(await db.annotations.count()).toBe(3);
  });
});
