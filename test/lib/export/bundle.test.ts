import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { DETECTOR_TYPES } from '@/lib/contracts';
import { BUNDLE_LIMITS, exportBundle, importBundle, parseBundleJson } from '@/lib/export';
import { createKit } from '@/lib/studies';
import { createFrictionDetector, DEFAULT_THRESHOLDS } from '@/lib/friction';
import { createSessionService } from '@/lib/sessions';
import {
  createDb,
  gunzip,
  gzipJson,
  loadSegmentEvents,
  type StudyGroupDb,
  sha256Hex,
} from '@/lib/storage';
import type { RrwebEvent } from '@/lib/contracts';

const ORIGIN = 'http://127.0.0.1:4173';
const event = (timestamp: number, type = 3) => {
  const data =
    type === 4
      ? { href: `${ORIGIN}/`, width: 1280, height: 800 }
      : type === 2
        ? { node: { type: 0, childNodes: [] } }
        : { x: timestamp };
  return { type, data, timestamp } as unknown as RrwebEvent;
};
const deps = { compress: gzipJson, hash: sha256Hex };

async function recordSample(db: StudyGroupDb) {
  let id = 0;
  const service = createSessionService({
    db,
    scripts: {
      register: async () => {},
      unregister: async () => {},
      isRegistered: async () => false,
      load: async () => {},
    },
    sendControl: async () => {},
    getOpenerTabId: async () => undefined,
    getPrivacy: async () => ({ blockSelector: '', maskTextSelector: '' }),
    keepFullUrls: async () => false,
    hasAccess: async () => true,
    releaseAccess: async () => {},
    pending: { get: async () => null, set: async () => {} },
    compress: gzipJson,
    hash: sha256Hex,
    friction: async () => createFrictionDetector(DEFAULT_THRESHOLDS),
    showState: () => {},
    publishLive: async () => {},
    now: () => 1_000,
    newId: () => `session-${++id}`,
  });
  await service.start({
    title: 'Bakery run',
    participant: 'P1',
    origins: [ORIGIN],
    tabId: 1,
    studyId: null,
  });
  const sender = { tabId: 1, url: `${ORIGIN}/` };
  for (const [segmentId, url, seqs] of [
    ['seg-1', `${ORIGIN}/`, 3],
    ['seg-2', `${ORIGIN}/payouts`, 2],
  ] as const) {
    for (let seq = 0; seq < seqs; seq++) {
      const base = segmentId === 'seg-1' ? 1_000 : 5_000;
      await service.ingestBatch(
        {
          sessionId: 'session-1',
          segment: { id: segmentId, url, startedAt: base },
          seq,
          payload: JSON.stringify({
            events:
              seq === 0
                ? [event(base, 4), event(base + 1, 2)]
                : [event(base + seq * 10), event(base + seq * 10 + 1)],
            locations: [],
          }),

          timeline:
            seq === 1
              ? [
                  {
                    type: 'js-error',
                    ts: base + 11,
                    message: 'm',
                    source: 's',
                    line: 1,
                    column: 2,
                    stack: '',
                  },
                ]
              : [],
        },
        sender,
      );
    }
  }
  await service.stop('session-1');
}

const asFile = (value: unknown) => new Blob([gzipSync(JSON.stringify(value))]);

/** The parts of an exported session the tampering tests edit. */
interface EditableSession {
  startedAt: unknown;
  timeline: { ts: unknown }[];
  segments: { url: unknown; events: unknown[] }[];
  annotations: unknown[];
}
type EditableEvent = { data?: Record<string, unknown> };

/** The bundle with its first session changed by `edit` (a deep copy: the sample stays as it is). */
function tamper(bundle: Record<string, unknown>, edit: (session: EditableSession) => void) {
  const sessions = structuredClone(bundle.sessions) as EditableSession[];
  edit(sessions[0]!);
  return { ...bundle, sessions };
}
const eventOf = (session: EditableSession, i: number) =>
  session.segments[0]!.events[i] as EditableEvent;

async function snapshot(db: StudyGroupDb) {
  return {
    sessions: await db.sessions.toArray(),
    segments: await db.segments.toArray(),
    chunks: await db.chunks.count(),
    timeline: await db.timeline.count(),
  };
}

const AUTO_ANNOTATION = {
  id: 'auto-1',
  kind: 'auto',
  ts: 1_015,
  url: `${ORIGIN}/`,
  tabId: 1,
  segmentId: 'seg-1',
  tagId: null,
  detector: 'js-error',
  severity: 2,
  note: '',
  target: null,
  evidence: { errors: 1 },
  dedupeKey: 'js-error:seg-1:errors',
  screenshot: null,
};

let source: StudyGroupDb;
let bundleJson: Record<string, unknown>;

beforeEach(async () => {
  source = createDb(`src-${Math.random()}`);
  await recordSample(source);
  const blob = await exportBundle(source, ['session-1'], {
    exportedAt: '2026-11-21T00:00:00Z',
    generator: 'test',
  });
  bundleJson = JSON.parse(
    new TextDecoder().decode(await gunzip(new Uint8Array(await blob.arrayBuffer()))),
  );
});

describe('bundle detectors', () => {
  it('reads an annotation of every detector the contracts name, and no other', () => {
    const annotations = DETECTOR_TYPES.map((detector, i) => ({
      ...AUTO_ANNOTATION,
      id: `auto-${i}`,
      detector,
      dedupeKey: detector,
    }));
    const all = tamper(bundleJson, (s) => (s.annotations = annotations));
    const read = parseBundleJson(JSON.stringify(all)).sessions[0]?.annotations;
    expect(read?.map((a) => a.detector)).toEqual([...DETECTOR_TYPES]);
    const unknown = tamper(bundleJson, (s) => {
      s.annotations = [{ ...AUTO_ANNOTATION, detector: 'slow-click' }];
    });
    expect(() => parseBundleJson(JSON.stringify(unknown))).toThrow(/annotations\[0\]\.detector/);
  });
});

describe('bundle export', () => {
  it('writes plain rrweb event arrays per segment, in order, with the timeline', () => {
    const bundle = parseBundleJson(JSON.stringify(bundleJson));
    const [session] = bundle.sessions;
    expect(bundle.version).toBe(1);
    expect(session?.segments.map((s) => s.url)).toEqual([`${ORIGIN}/`, `${ORIGIN}/payouts`]);
    expect(session?.segments[0]?.events.map((e) => e.timestamp)).toEqual([
      1_000, 1_001, 1_010, 1_011, 1_020, 1_021,
    ]);
    expect(session?.segments[1]?.events).toHaveLength(4);
    expect(session?.timeline.map((t) => t.type)).toEqual(['js-error', 'js-error']);
  });
});

describe('bundle import', () => {
  let target: StudyGroupDb;
  beforeEach(() => {
    target = createDb(`dst-${Math.random()}`);
  });

  it('round-trips sessions, segments, events and timeline', async () => {
    const result = await importBundle(target, asFile(bundleJson), deps);
    expect(result).toEqual({
      type: 'ok',
      imported: ['Bakery run'],
      skipped: [],
      sessionIds: ['session-1'],
      overrides: 0,
    });
    const [session] = await target.sessions.toArray();
    expect(session).toMatchObject({
      id: 'session-1',
      status: 'ended',
      stats: { pages: 2, events: 10 },
    });
    expect(await loadSegmentEvents(target, 'seg-1')).toEqual(
      await loadSegmentEvents(source, 'seg-1'),
    );
    expect(await target.timeline.count()).toBe(2);
  });

  it('stores a stylesheet repeated across imported pages once, and replays it intact', async () => {
    const css = 'p{margin:0}'.repeat(400);
    const page = (id: string, ts: number) => ({
      id,
      tabId: 1,
      url: `${ORIGIN}/${id}`,
      startedAt: ts,
      events: [
        { type: 4, data: { href: `${ORIGIN}/${id}`, width: 1280, height: 800 }, timestamp: ts },
        {
          type: 2,
          data: { node: { type: 0, childNodes: [{ type: 2, attributes: { _cssText: css } }] } },
          timestamp: ts + 1,
        },
      ],
    });
    const sessions = bundleJson.sessions as Record<string, unknown>[];
    const withCss = {
      ...sessions[0],
      id: 'css',
      segments: [page('p1', 1_000), page('p2', 2_000)],
      timeline: [],
    };
    const result = await importBundle(target, asFile({ ...bundleJson, sessions: [withCss] }), deps);
    expect(result.type).toBe('ok');
    expect(await target.assets.count()).toBe(1);
    expect(await loadSegmentEvents(target, 'p2')).toEqual(page('p2', 2_000).events);
  });

  it('carries the kit, task progress, goal and annotations with their screenshots', async () => {
    let n = 0;
    const kit = createKit(1, () => `id-${++n}`);
    kit.origins = [ORIGIN];
    kit.tasks = [{ id: 't1', title: 'Sign up', doneWhen: 'Dashboard' }];
    const tasks = [{ taskId: 't1', startedAt: 1_000, endedAt: 2_000, outcome: 'done' as const }];
    await source.sessions.update('session-1', { study: kit, tasks, goalReached: true });
    const picture = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250]);
    await source.annotations.add({
      id: 'a1',
      sessionId: 'session-1',
      kind: 'manual',
      ts: 1_015,
      url: `${ORIGIN}/`,
      tabId: 1,
      segmentId: 'seg-1',
      tagId: 'stuck',
      detector: null,
      severity: 2,
      note: 'Could not find it',
      target: { selector: '#x', rect: { x: 1, y: 2, width: 3, height: 4 }, text: 'X' },
      evidence: null,
      dedupeKey: null,
    });
    await source.screenshots.add({
      annotationId: 'a1',
      sessionId: 'session-1',
      source: 'capture',
      mime: 'image/jpeg',
      data: picture,
    });
    const blob = await exportBundle(source, ['session-1'], {
      exportedAt: 'now',
      generator: 'test',
    });
    const imported = await importBundle(target, blob, deps);
    expect(imported, JSON.stringify(imported)).toMatchObject({ type: 'ok' });
    expect(await target.sessions.get('session-1')).toMatchObject({
      study: kit,
      tasks,
      goalReached: true,
    });
    expect(await target.annotations.get('a1')).toMatchObject({
      sessionId: 'session-1',
      note: 'Could not find it',
      severity: 2,
    });
    expect((await target.screenshots.get('a1'))?.data).toEqual(picture);
  });

  it('still imports bundles written before kits and annotations existed', async () => {
    const sessions = (bundleJson.sessions as Record<string, unknown>[]).map(
      ({ study: _s, tasks: _t, goalReached: _g, annotations: _a, ...old }) => old,
    );
    const result = await importBundle(target, asFile({ ...bundleJson, sessions }), deps);
    expect(result.type).toBe('ok');
    expect(await target.sessions.get('session-1')).toMatchObject({
      study: null,
      tasks: [],
      goalReached: null,
    });
  });

  it('does not duplicate a session imported twice', async () => {
    await importBundle(target, asFile(bundleJson), deps);
    const again = await importBundle(target, asFile(bundleJson), deps);
    expect(again).toEqual({
      type: 'ok',
      imported: [],
      skipped: ['Bakery run'],
      sessionIds: ['session-1'],
      overrides: 0,
    });
    expect(await target.sessions.count()).toBe(1);
    expect(await target.chunks.count()).toBe((await snapshot(target)).chunks);
  });

  const bad: [string, () => Blob, RegExp][] = [
    [
      'truncated gzip',
      () => new Blob([gzipSync(JSON.stringify(bundleJson)).subarray(0, 60)]),
      /damaged or incomplete/,
    ],
    ['not JSON', () => new Blob([gzipSync('{"format": "study-group-bundle", ')]), /not valid JSON/],
    ['wrong format', () => asFile({ hello: 'world' }), /not a Study Group bundle/],
    ['newer version', () => asFile({ ...bundleJson, version: 2 }), /version 2.*newer/],
    [
      'missing fields',
      () => asFile({ ...bundleJson, sessions: [{ id: 'x', title: 'No segments' }] }),
      /malformed: sessions\[0\]/,
    ],
    [
      'oversized events array',
      () => {
        const huge = Array.from({ length: BUNDLE_LIMITS.eventsPerSegment * 10 }, (_, i) => ({
          type: 3,
          data: {},
          timestamp: i,
        }));
        const sessions = bundleJson.sessions as { segments: { events: unknown[] }[] }[];
        const tampered = structuredClone(sessions);
        tampered[0]!.segments[0]!.events = huge;
        return asFile({ ...bundleJson, sessions: tampered });
      },
      /has 2000000 events; at most 200000/,
    ],
    ['empty file', () => new Blob([]), /empty/],
    // Each of these once imported, then left the review page blank ("Invalid time value").
    [
      'a start time of 1e300',
      () => asFile(tamper(bundleJson, (s) => (s.startedAt = 1e300))),
      /sessions\[0\]\.startedAt: expected a time in ms since 1970, before the year 2100 \(got 1e\+300\)/,
    ],
    [
      'a timeline entry at 1e300',
      () => asFile(tamper(bundleJson, (s) => (s.timeline[0]!.ts = 1e300))),
      /sessions\[0\]\.timeline\[0\]\.ts: expected a time/,
    ],
    [
      'a Meta event without data',
      () => asFile(tamper(bundleJson, (s) => delete eventOf(s, 0).data)),
      /sessions\[0\]\.segments\[0\]\.events\[0\]\.data: /,
    ],
    [
      'a Meta event with a script URL',
      () => asFile(tamper(bundleJson, (s) => (eventOf(s, 0).data!.href = 'javascript:x()'))),
      /events\[0\]\.data\.href: expected an absolute http\(s\) URL/,
    ],
    [
      'a FullSnapshot without a node',
      () => asFile(tamper(bundleJson, (s) => (eventOf(s, 1).data = {}))),
      /events\[1\]\.data\.node: /,
    ],
    [
      'an invalid segment URL',
      () => asFile(tamper(bundleJson, (s) => (s.segments[0]!.url = 'not a url'))),
      /sessions\[0\]\.segments\[0\]\.url: expected an absolute http\(s\) URL/,
    ],
    [
      'an invalid annotation URL',
      () =>
        asFile(
          tamper(bundleJson, (s) => {
            s.annotations = [{ ...AUTO_ANNOTATION, url: 'javascript:x()' }];
          }),
        ),
      /sessions\[0\]\.annotations\[0\]\.url: expected an absolute http\(s\) URL/,
    ],
    [
      'an event nested 20,000 levels deep',
      () => {
        const text = JSON.stringify(
          tamper(bundleJson, (s) => (s.segments[0]!.events[1] = '__deep__')),
        );
        const deep = `{"type":2,"timestamp":1001,"data":{"node":{"type":0,"childNodes":[${'{"childNodes":['.repeat(20_000)}${']}'.repeat(20_000)}]}}}`;
        return new Blob([gzipSync(text.replace('"__deep__"', deep))]);
      },
      /events\[1\]: nested more than 2,000 levels deep/,
    ],
  ];

  it.each(bad)(
    'rejects a bundle with %s and leaves the database as it was',
    async (_name, make, message) => {
      await importBundle(target, asFile({ ...bundleJson }), deps);
      const before = await snapshot(target);
      const result = await importBundle(target, make(), deps);
      expect(result.type).toBe('error');
      expect(result.type === 'error' && result.message).toMatch(message);
      expect(await snapshot(target)).toEqual(before);
    },
    // The oversized case builds, serializes and parses 2 million events.
    30_000,
  );

  it('writes nothing when one session of several is invalid', async () => {
    const sessions = bundleJson.sessions as Record<string, unknown>[];
    const second = { ...structuredClone(sessions[0]!), id: 'session-2', startedAt: -5 };
    const result = await importBundle(
      target,
      asFile({ ...bundleJson, sessions: [sessions[0], second] }),
      deps,
    );
    expect(result.type).toBe('error');
    expect(await target.sessions.count()).toBe(0);
  });
});
