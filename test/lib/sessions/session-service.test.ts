import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrictionDetector, DEFAULT_THRESHOLDS } from '@/lib/friction';
import { createSessionService, type RecorderScripts } from '@/lib/sessions';
import {
  createDb,
  gzipJson,
  gunzipJson,
  loadSegmentEvents,
  sessionDataTables,
  sha256Hex,
  type StudyGroupDb,
} from '@/lib/storage';
import type {
  BatchRequest,
  ControlMessage,
  LiveRecording,
  PendingCommand,
  RrwebEvent,
  StudyKit,
} from '@/lib/contracts';

const ORIGIN = 'http://127.0.0.1:4173';
/** An rrweb event of this type, with the least data the stored-record schema takes. */
const event = (timestamp: number, type = 3) => {
  const data =
    type === 4
      ? { href: `${ORIGIN}/dashboard`, width: 1280, height: 800 }
      : type === 2
        ? { node: { type: 0, childNodes: [] } }
        : {};
  return { type, data, timestamp } as unknown as RrwebEvent;
};

function fakeScripts() {
  let registered: string[] | null = null;
  const scripts: RecorderScripts & { registered(): string[] | null } = {
    register: vi.fn(async (origins: string[]) => {
      registered = origins;
    }),
    unregister: vi.fn(async () => {
      registered = null;
    }),
    isRegistered: async () => registered !== null,
    load: vi.fn(async () => {}),
    registered: () => registered,
  };
  return scripts;
}

let db: StudyGroupDb;
let scripts: ReturnType<typeof fakeScripts>;
let controls: { tabId: number; message: ControlMessage }[];
let openers: Record<number, number>;
let now: number;
let ids: number;
let compress: (value: unknown) => Promise<Uint8Array>;
let granted: Set<string>;
let parked: PendingCommand | null;
let published: (LiveRecording | null)[];
let keepUrls: boolean;

function service() {
  return createSessionService({
    db,
    scripts,
    sendControl: async (tabId, message) => {
      controls.push({ tabId, message });
    },
    getOpenerTabId: async (tabId) => openers[tabId],
    getPrivacy: async () => ({ blockSelector: '.sg-block', maskTextSelector: '.sg-mask' }),
    keepFullUrls: async (kit) => keepUrls || kit?.keepFullUrls === true,
    hasAccess: async (origins) => origins.every((o) => granted.has(o)),
    releaseAccess: async (origins, keep) => {
      for (const origin of origins) if (!keep.includes(origin)) granted.delete(origin);
    },
    pending: {
      get: async () => parked,
      set: async (command) => {
        parked = command;
      },
    },
    compress: (value) => compress(value),
    hash: sha256Hex,
    friction: async () => createFrictionDetector(DEFAULT_THRESHOLDS),
    showState: () => {},
    publishLive: async (live) => {
      published.push(live);
    },
    now: () => now,
    newId: () => `id-${++ids}`,
  });
}

const FIRST = [event(1_000, 4), event(1_001, 2), event(1_002)];
const pagePayload = (events: RrwebEvent[], locations: { ts: number; url: string }[] = []) =>
  JSON.stringify({ events, locations });

const batch = (overrides: Partial<BatchRequest> = {}): BatchRequest => ({
  sessionId: 'id-1',
  segment: { id: 'seg-a', url: `${ORIGIN}/dashboard`, startedAt: 1_000 },
  seq: 0,
  payload: pagePayload(FIRST),
  timeline: [],
  ...overrides,
});

beforeEach(() => {
  db = createDb(`test-${Math.random()}`);
  scripts = fakeScripts();
  controls = [];
  openers = {};
  now = 1_000;
  ids = 0;
  compress = gzipJson;
  granted = new Set([ORIGIN]);
  parked = null;
  published = [];
  keepUrls = false;
});

async function startSession(s = service()) {
  const result = await s.start({
    title: 'T',
    participant: 'P',
    origins: [ORIGIN],
    tabId: 7,
    studyId: null,
  });
  expect(result.type).toBe('ok');
  return s;
}

describe('session lifecycle', () => {
  it('publishes the live session for pages while it records, and withdraws it on pause and stop', async () => {
    const s = await startSession();
    await s.pause('id-1');
    await s.resume('id-1', null);
    await s.stop('id-1');
    expect(published.map((p) => p?.sessionId ?? null)).toEqual(['id-1', null, 'id-1', null]);
    expect(published[0]).toEqual({
      sessionId: 'id-1',
      origins: [ORIGIN],
      privacy: { blockSelector: '.sg-block', maskTextSelector: '.sg-mask' },
    });
  });

  it('deletes a live session only after stopping it, and clears every table it wrote', async () => {
    const s = await startSession();
    await s.ingestBatch(batch(), { tabId: 7, url: `${ORIGIN}/dashboard` });
    await db.annotations.add({
      id: 'a1',
      sessionId: 'id-1',
      kind: 'manual',
      ts: 1_001,
      url: `${ORIGIN}/dashboard`,
      tabId: 7,
      segmentId: 'seg-a',
      tagId: 'confused',
      detector: null,
      severity: 1,
      note: '',
      target: null,
      evidence: null,
      dedupeKey: null,
    });
    await db.screenshots.add({
      annotationId: 'a1',
      sessionId: 'id-1',
      source: 'capture',
      mime: 'image/jpeg',
      data: new Uint8Array([1]),
    });
    expect(await s.remove('id-1')).toEqual({ type: 'ok' });
    expect(controls.map((c) => c.message.type)).toEqual(['stop']);
    expect(scripts.registered()).toBeNull();
    expect(published.at(-1)).toBeNull();
    expect(await db.sessions.count()).toBe(0);
    for (const table of sessionDataTables(db)) expect(await table.count(), table.name).toBe(0);
  });

  it('registers the recorder only for the session origins and reloads the start tab into it', async () => {
    await startSession();
    expect(scripts.registered()).toEqual([ORIGIN]);
    expect(scripts.load).toHaveBeenCalledWith(7);
  });

  it('parks a start until access is granted, then carries it out (the popup may be closed by then)', async () => {
    granted.clear();
    const s = service();
    const result = await s.start({
      title: 'T',
      participant: 'P',
      origins: [ORIGIN],
      tabId: 7,
      studyId: null,
    });
    expect(result.type).toBe('pending');
    expect(await db.sessions.count()).toBe(0);
    expect(await s.onAccessGranted()).toBeNull(); // some other permission was added
    granted.add(ORIGIN);
    const started = await s.onAccessGranted();
    expect(started).toMatchObject({ type: 'ok', session: { title: 'T', tabIds: [7] } });
    expect(scripts.registered()).toEqual([ORIGIN]);
    expect(parked).toBeNull();
    expect(await s.onAccessGranted()).toBeNull(); // carried out once
  });

  it('drops a parked command the user left for more than five minutes', async () => {
    granted.clear();
    const s = service();
    await s.start({ title: 'T', participant: 'P', origins: [ORIGIN], tabId: 7, studyId: null });
    now += 5 * 60_000 + 1;
    granted.add(ORIGIN);
    expect(await s.onAccessGranted()).toBeNull();
    expect(await db.sessions.count()).toBe(0);
  });

  it('refuses a second session while one is live', async () => {
    const s = await startSession();
    const second = await s.start({
      title: 'U',
      participant: '',
      origins: [ORIGIN],
      tabId: 8,
      studyId: null,
    });
    expect(second).toMatchObject({ type: 'error' });
  });

  it('counts recording time without pauses', async () => {
    const s = await startSession();
    now = 11_000;
    await s.pause('id-1');
    now = 61_000;
    await s.resume('id-1', null);
    now = 66_000;
    const stopped = await s.stop('id-1');
    expect(stopped.type === 'ok' && stopped.session.activeMs).toBe(15_000);
    expect(controls.map((c) => c.message.type)).toEqual(['pause', 'resume', 'stop']);
    expect(scripts.registered()).toBeNull();
  });

  it('only answers record to the session tabs and origins, and adopts tabs opened from them', async () => {
    const s = await startSession();
    expect(await s.hello({ tabId: 7, url: `${ORIGIN}/x` })).toMatchObject({ type: 'record' });
    expect(await s.hello({ tabId: 7, url: 'http://127.0.0.1:9999/x' })).toEqual({ type: 'idle' });
    expect(await s.hello({ tabId: 9, url: `${ORIGIN}/x` })).toEqual({ type: 'idle' });
    openers[10] = 7;
    expect(await s.hello({ tabId: 10, url: `${ORIGIN}/x` })).toMatchObject({ type: 'record' });
    expect((await db.sessions.get('id-1'))?.tabIds).toEqual([7, 10]);
  });

  it('marks a live session interrupted on a fresh browser run, keeping its data', async () => {
    const s = await startSession();
    await s.ingestBatch(batch(), { tabId: 7, url: `${ORIGIN}/dashboard` });
    const restarted = service();
    await restarted.onWorkerStart(true);
    const session = await db.sessions.get('id-1');
    expect(session?.status).toBe('interrupted');
    expect(session?.stats.events).toBe(3);
    expect(scripts.registered()).toBeNull();
    expect(await restarted.hello({ tabId: 7, url: `${ORIGIN}/x` })).toEqual({ type: 'idle' });
    const resumed = await restarted.resume('id-1', 42);
    expect(resumed.type === 'ok' && resumed.session.tabIds).toEqual([42]);
    expect(scripts.registered()).toEqual([ORIGIN]);
  });

  it('an interrupted session keeps the time it was seen recording, from the last stored events', async () => {
    const s = await startSession();
    const started = (await db.sessions.get('id-1'))!.runStartedAt!;
    const segment = { id: 'seg-a', url: `${ORIGIN}/dashboard`, startedAt: started };
    await s.ingestBatch(batch({ segment }), { tabId: 7, url: `${ORIGIN}/dashboard` });
    // An idle page sends only its "still recording" marks, the last one 64 s in.
    now = started + 64_000;
    const alive = { type: 5, data: { tag: 'sg-alive', payload: {} }, timestamp: now };
    expect(
      await s.ingestBatch(
        batch({ segment, seq: 1, payload: pagePayload([alive as unknown as RrwebEvent]) }),
        { tabId: 7, url: `${ORIGIN}/dashboard` },
      ),
    ).toEqual({ type: 'ack' });
    now += 3_600_000; // the browser comes back an hour later
    await service().onWorkerStart(true);
    const session = await db.sessions.get('id-1');
    expect(session?.status).toBe('interrupted');
    expect(session?.activeMs).toBe(64_000);
    expect(session?.runStartedAt).toBeNull();
  });

  it('gives host access back when the session ends, also after an interruption', async () => {
    const s = await startSession();
    expect((await s.stop('id-1')).type).toBe('ok');
    expect(granted.has(ORIGIN)).toBe(false);

    granted.add(ORIGIN);
    now = 5_000;
    await startSession(s);
    await service().onWorkerStart(true);
    expect(granted.has(ORIGIN)).toBe(true); // an interrupted session may still resume
    expect((await service().stop('id-2')).type).toBe('ok');
    expect(granted.has(ORIGIN)).toBe(false);
  });

  it('keeps host access that another stored live session still needs', async () => {
    const other = 'http://127.0.0.1:5000';
    granted.add(other);
    const s = await startSession();
    const first = (await db.sessions.get('id-1'))!;
    await db.sessions.add({ ...first, id: 'old', status: 'interrupted', origins: [ORIGIN] });
    await s.stop('id-1');
    expect(granted.has(ORIGIN)).toBe(true);
    expect(granted.has(other)).toBe(true); // never part of the session
  });

  it('re-registers after a worker restart within the same browser run', async () => {
    await startSession();
    await scripts.unregister();
    await service().onWorkerStart(false);
    expect(scripts.registered()).toEqual([ORIGIN]);
  });
});

describe('sessions that play a study kit', () => {
  const kit: StudyKit = {
    id: 'kit-1',
    title: 'Bakery gets paid',
    scenario: 'You run a bakery.',
    persona: 'Owner of a 3-person bakery',
    goal: 'Get paid online and see your first payout',
    tasks: [
      { id: 't1', title: 'Sign up', doneWhen: 'You see the dashboard' },
      { id: 't2', title: 'Find your payout', doneWhen: 'You see the payout date' },
    ],
    rules: ['You do not work here.'],
    origins: [ORIGIN],
    timeBoxMinutes: 30,
    tags: [{ id: 'confused', label: 'Confused', color: '#6941c6', key: '1' }],
    privacy: { blockSelectors: ['.card'], maskSelectors: [] },
    createdAt: 1,
    updatedAt: 1,
  };

  it("records the kit's own origins, keeps a snapshot of it and starts the first task", async () => {
    await db.studies.add(kit);
    const s = service();
    const result = await s.start({
      title: '',
      participant: 'Baker 3',
      origins: ['https://ignored.example'],
      tabId: 7,
      studyId: 'kit-1',
    });
    expect(result.type).toBe('ok');
    const session = await db.sessions.get('id-1');
    expect(session).toMatchObject({
      title: 'Bakery gets paid',
      origins: [ORIGIN],
      study: { id: 'kit-1' },
    });
    expect(session?.tasks).toEqual([
      { taskId: 't1', startedAt: 1_000, endedAt: null, outcome: null },
      { taskId: 't2', startedAt: null, endedAt: null, outcome: null },
    ]);
    await db.studies.update('kit-1', { title: 'Edited later' });
    expect((await db.sessions.get('id-1'))?.study?.title).toBe('Bakery gets paid');
  });

  it('keeps time on each task and knows whether the goal was reached', async () => {
    await db.studies.add(kit);
    const s = service();
    await s.start({ title: '', participant: 'P', origins: [], tabId: 7, studyId: 'kit-1' });
    now = 61_000;
    await s.recordTask({ sessionId: 'id-1', taskId: 't1', outcome: 'done' });
    expect(await s.recordTask({ sessionId: 'id-1', taskId: 't1', outcome: 'done' })).toMatchObject({
      type: 'error',
    });
    now = 91_000;
    const result = await s.recordTask({ sessionId: 'id-1', taskId: 't2', outcome: 'gave-up' });
    expect(result.type === 'ok' && result.session.tasks).toEqual([
      { taskId: 't1', startedAt: 1_000, endedAt: 61_000, outcome: 'done' },
      { taskId: 't2', startedAt: 61_000, endedAt: 91_000, outcome: 'gave-up' },
    ]);
    expect(result.type === 'ok' && result.session.goalReached).toBe(false);
  });

  it('refuses a study that was deleted', async () => {
    const result = await service().start({
      title: '',
      participant: 'P',
      origins: [ORIGIN],
      tabId: 7,
      studyId: 'gone',
    });
    expect(result).toMatchObject({ type: 'error' });
  });
});

describe('batch ingestion', () => {
  it('stores compressed chunks and counts them once, dropping resent batches', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    expect(await s.ingestBatch(batch(), sender)).toEqual({ type: 'ack' });
    expect(await s.ingestBatch(batch(), sender)).toEqual({ type: 'ack' }); // resend after a lost ack
    expect(
      await s.ingestBatch(batch({ seq: 1, payload: pagePayload([event(2_000)]) }), sender),
    ).toEqual({
      type: 'ack',
    });
    const chunks = await db.chunks.toArray();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
    expect(await gunzipJson(chunks[0]!.data)).toEqual(FIRST);
    const session = await db.sessions.get('id-1');
    expect(session?.stats).toEqual({
      events: 4,
      pages: 1,
      bytes: chunks.reduce((n, c) => n + c.data.byteLength, 0),
    });
    const segment = await db.segments.get('seg-a');
    expect(segment).toMatchObject({ lastSeq: 1, events: 4, tabId: 7, lastTs: 2_000 });
  });

  it('rejects malformed batches, other tabs, other origins and ended sessions', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    expect(await s.ingestBatch({ nope: true }, sender)).toEqual({
      type: 'stop',
      reason: 'rejected',
    });
    expect(await s.ingestBatch(batch({ seq: -1 }), sender)).toEqual({
      type: 'stop',
      reason: 'rejected',
    });
    expect(await s.ingestBatch(batch(), { tabId: 99, url: sender.url })).toMatchObject({
      type: 'stop',
    });
    const foreign = batch({ segment: { id: 'seg-b', url: 'https://evil.example/', startedAt: 1 } });
    expect(await s.ingestBatch(foreign, sender)).toEqual({ type: 'stop', reason: 'rejected' });
    await s.stop('id-1');
    expect(await s.ingestBatch(batch(), sender)).toEqual({ type: 'stop', reason: 'not-recording' });
    expect(await db.chunks.count()).toBe(0);
  });

  it('keeps the sequence gap-free when the page forges a payload, storing no events from it', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    for (const forged of ['not json', '{"events":"x"}', pagePayload([{ type: 99 } as never])]) {
      await s.ingestBatch(batch({ seq: await db.chunks.count(), payload: forged }), sender);
    }
    const chunks = await db.chunks.toArray();
    expect(chunks.map((c) => [c.seq, c.count])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    expect((await db.sessions.get('id-1'))?.stats.events).toBe(0);
  });

  it('turns SPA locations from the page into timeline entries', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    await s.ingestBatch(
      batch({ payload: pagePayload(FIRST, [{ ts: 1_002, url: `${ORIGIN}/payments/new` }]) }),
      sender,
    );
    expect(await db.timeline.toArray()).toEqual([
      expect.objectContaining({
        type: 'location',
        ts: 1_002,
        url: `${ORIGIN}/payments/new`,
        segmentId: 'seg-a',
      }),
    ]);
  });

  it('stores a stylesheet inlined by every page load once per session, and reads it back', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    const css = `.card { color: red; }\n`.repeat(500);
    const snapshot = (timestamp: number) =>
      ({
        type: 2,
        timestamp,
        data: {
          node: {
            type: 0,
            id: 1,
            childNodes: [
              {
                type: 2,
                id: 2,
                tagName: 'link',
                attributes: { rel: 'stylesheet', _cssText: css },
                childNodes: [],
              },
            ],
          },
        },
      }) as unknown as RrwebEvent;
    for (const [segment, ts] of [
      ['seg-a', 1_000],
      ['seg-b', 2_000],
    ] as const) {
      await s.ingestBatch(
        batch({
          segment: { id: segment, url: `${ORIGIN}/x`, startedAt: ts },
          payload: pagePayload([event(ts, 4), snapshot(ts + 1)]),
        }),
        sender,
      );
    }
    expect(await db.assets.count()).toBe(1);
    const stored = await db.chunks.toArray();
    expect(stored.every((c) => c.data.byteLength < 400)).toBe(true);
    expect(await loadSegmentEvents(db, 'seg-b')).toEqual([event(2_000, 4), snapshot(2_001)]);
    const session = await db.sessions.get('id-1');
    const asset = (await db.assets.toArray())[0]!;
    expect(session?.stats.bytes).toBe(
      stored.reduce((n, c) => n + c.data.byteLength, 0) + asset.data.byteLength,
    );
  });

  it('detects friction while recording: one auto annotation per finding, even when a batch is resent', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    const click = (timestamp: number) =>
      ({
        type: 3,
        timestamp,
        data: { source: 2, type: 2, id: 42, x: 100, y: 200 },
      }) as unknown as RrwebEvent;
    const burst = batch({
      seq: 1,
      payload: pagePayload([click(2_000), click(2_150), click(2_300), click(2_450)]),
    });
    await s.ingestBatch(batch(), sender);
    await s.ingestBatch(burst, sender);
    await s.ingestBatch(burst, sender);
    const annotations = await db.annotations.toArray();
    expect(annotations).toEqual([
      expect.objectContaining({
        kind: 'auto',
        detector: 'rage-click',
        sessionId: 'id-1',
        segmentId: 'seg-a',
        tabId: 7,
      }),
    ]);
    expect(annotations[0]!.dedupeKey).toBeTruthy();
    expect(await db.detectorStates.get(['id-1', 7])).toBeDefined();
  });

  it('stores timeline entries with the batch, once', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    const withError = batch({ timeline: [{ type: 'console-error', ts: 1_001, message: 'boom' }] });
    await s.ingestBatch(withError, sender);
    await s.ingestBatch(withError, sender);
    const timeline = await db.timeline.toArray();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      type: 'console-error',
      segmentId: 'seg-a',
      tabId: 7,
      sessionId: 'id-1',
    });
  });

  it('ends the session with a storage-full notice when the quota is exhausted, keeping what was saved', async () => {
    const s = await startSession();
    const sender = { tabId: 7, url: `${ORIGIN}/dashboard` };
    await s.ingestBatch(batch(), sender);
    vi.spyOn(db.chunks, 'add').mockRejectedValueOnce(
      Object.assign(new Error('quota'), { name: 'QuotaExceededError' }),
    );
    expect(await s.ingestBatch(batch({ seq: 1 }), sender)).toEqual({
      type: 'stop',
      reason: 'storage-full',
    });
    const session = await db.sessions.get('id-1');
    expect(session?.status).toBe('ended');
    expect(session?.endReason?.type).toBe('storage-full');
    expect(session?.stats.events).toBe(3);
    expect(await db.chunks.count()).toBe(1);
    expect(scripts.registered()).toBeNull();
    expect(controls.some((c) => c.message.type === 'stop')).toBe(true);
  });

  it('records failed requests of session tabs without query values', async () => {
    const s = await startSession();
    const failure = { tabId: 7, ts: 5, method: 'POST', initiator: ORIGIN, status: 500, error: '' };
    await s.recordRequestFailure({ ...failure, url: `${ORIGIN}/api/x?token=secret` });
    await s.recordRequestFailure({ ...failure, tabId: 8, url: `${ORIGIN}/api/y` });
    await s.recordRequestFailure({
      ...failure,
      initiator: 'https://other.example',
      url: 'https://other.example/z',
    });
    const timeline = await db.timeline.toArray();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      type: 'request-failed',
      url: `${ORIGIN}/api/x?token=`,
      status: 500,
    });
  });
});
