import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAnnotationService,
  MAX_COVER_BOXES,
  parseAnnotationRequest,
  type AnnotationServiceDeps,
} from '@/lib/annotations';
import { createDb, type StudyGroupDb } from '@/lib/storage';
import type { AnnotationRequest, Cover, SessionRecord } from '@/lib/contracts';

const TAB = 7;
const CAPTURE = new Uint8Array([0xff, 0xd8, 1]);
const PAINTED = new Uint8Array([0xff, 0xd8, 2]);
const COVER: Cover = { devicePixelRatio: 2, boxes: [{ x: 10, y: 20, width: 100, height: 30 }] };

const session: SessionRecord = {
  id: 's1',
  title: 'T',
  participant: 'P',
  origins: ['http://127.0.0.1:4173'],
  tabIds: [TAB, 8],
  status: 'recording',
  startedAt: 0,
  endedAt: null,
  activeMs: 0,
  runStartedAt: 0,
  endReason: null,
  stats: { bytes: 0, events: 0, pages: 0 },
  study: null,
  tasks: [],
  goalReached: null,
};

const request = (overrides: Partial<AnnotationRequest> = {}): AnnotationRequest => ({
  sessionId: 's1',
  segmentId: 'seg',
  ts: 1_000,
  url: 'http://127.0.0.1:4173/app',
  tagId: 'confused',
  severity: 1,
  note: '',
  target: null,
  cover: COVER,
  ...overrides,
});

let db: StudyGroupDb;
let now: number;
let ids: number;
let deps: AnnotationServiceDeps;

beforeEach(async () => {
  db = createDb(`test-${Math.random()}`);
  await db.sessions.add(session);
  now = 10_000;
  ids = 0;
  deps = {
    db,
    capture: vi.fn(async () => CAPTURE),
    paintCover: vi.fn(async () => PAINTED),
    hotkey: async () => 'Ctrl+Shift+Y',
    now: () => now,
    newId: () => `a${++ids}`,
  };
});

const sender = (tabId = TAB) => ({ tabId, windowId: 1 });

describe('annotation.add rate limit', () => {
  it('takes a burst of 10 tags per tab, then one every 3 s', async () => {
    const service = createAnnotationService(deps);
    const results = [];
    for (let i = 0; i < 11; i++) results.push((await service.add(request(), sender())).type);
    expect(results).toEqual([...Array(10).fill('ok'), 'error']);
    expect(await service.add(request(), sender())).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/Too many tags/),
    });
    now += 2_900;
    expect((await service.add(request(), sender())).type).toBe('error');
    now += 200;
    expect((await service.add(request(), sender())).type).toBe('ok');
    expect((await service.add(request(), sender())).type).toBe('error');
    // Refused requests stored nothing and took no screenshot.
    expect(await db.annotations.count()).toBe(11);
    expect(deps.capture).toHaveBeenCalledTimes(11);
  });

  it('counts each tab on its own', async () => {
    const service = createAnnotationService(deps);
    for (let i = 0; i < 10; i++) await service.add(request(), sender(TAB));
    expect((await service.add(request(), sender(TAB))).type).toBe('error');
    expect((await service.add(request(), sender(8))).type).toBe('ok');
  });

  it('counts malformed requests too', async () => {
    const service = createAnnotationService(deps);
    for (let i = 0; i < 10; i++) await service.add({ junk: true }, sender());
    expect((await service.add(request(), sender())).type).toBe('error');
    expect(await db.annotations.count()).toBe(0);
  });
});

describe('tag screenshots', () => {
  it("stores the capture with the request's cover painted over, never the raw capture", async () => {
    const service = createAnnotationService(deps);
    const result = await service.add(request(), sender());
    expect(result).toMatchObject({ type: 'ok', screenshot: 'capture' });
    expect(deps.paintCover).toHaveBeenCalledWith(CAPTURE, COVER);
    const [shot] = await db.screenshots.toArray();
    expect(shot?.data).toEqual(PAINTED);
  });

  it('stores no picture when painting fails', async () => {
    deps.paintCover = vi.fn(async () => null);
    const service = createAnnotationService(deps);
    expect(await service.add(request(), sender())).toMatchObject({
      type: 'ok',
      screenshot: 'none',
    });
    expect(await db.screenshots.count()).toBe(0);
    deps.paintCover = vi.fn(async () => {
      throw new Error('no OffscreenCanvas');
    });
    expect(await createAnnotationService(deps).add(request(), sender())).toMatchObject({
      type: 'ok',
      screenshot: 'none',
    });
    expect(await db.screenshots.count()).toBe(0);
  });
});

describe('annotation request cover', () => {
  const box = { x: 0, y: 0, width: 10, height: 10 };
  it('accepts a cover of up to MAX_COVER_BOXES boxes', () => {
    const boxes = Array(MAX_COVER_BOXES).fill(box);
    expect(parseAnnotationRequest(request({ cover: { devicePixelRatio: 1, boxes } }))).not.toBe(
      null,
    );
  });

  it.each([
    ['no cover', { cover: undefined }],
    [
      'too many boxes',
      { cover: { devicePixelRatio: 1, boxes: Array(MAX_COVER_BOXES + 1).fill(box) } },
    ],
    ['a NaN coordinate', { cover: { devicePixelRatio: 1, boxes: [{ ...box, x: NaN }] } }],
    ['an infinite size', { cover: { devicePixelRatio: 1, boxes: [{ ...box, width: Infinity }] } }],
    ['a negative size', { cover: { devicePixelRatio: 1, boxes: [{ ...box, height: -5 }] } }],
    ['a zero pixel ratio', { cover: { devicePixelRatio: 0, boxes: [] } }],
  ])('refuses %s', (_name, overrides) => {
    expect(parseAnnotationRequest({ ...request(), ...overrides })).toBe(null);
  });
});

describe('overlay state', () => {
  it('shows the tag shortcut as the user has bound it now', async () => {
    const state = await createAnnotationService(deps).overlayState(session.id, TAB);
    expect(state?.hotkey).toBe('Ctrl+Shift+Y');
  });
});
