import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnnotationService } from '@/lib/annotations/annotation-service';
import { exportBundle, importBundle } from '@/lib/export';
import {
  createDb,
  gzipJson,
  listSegments,
  loadSegmentEvents,
  MIN_ASSET_CHARS,
  sha256Hex,
  type StudyGroupDb,
} from '@/lib/storage';
import {
  batch,
  createHarness,
  meta,
  ORIGIN,
  payload,
  SENDER,
  snapshot,
  T0,
  TAB,
} from '../sessions/service-harness';
import type { BatchRequest } from '@/lib/contracts';

// Whatever a page sends, what ingest keeps must export to a bundle that
// imports. The inputs mix what real pages send with what a hostile or broken
// one can: odd times, URLs, event shapes, resent and out-of-order batches.

const time = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: T0 - 20_000, max: T0 + 25_000 }) },
  fc.integer({ min: T0 - 60_000, max: T0 + 120_000 }),
  fc.constantFrom(-1, 0, 0.5, 1e300, Number.MAX_SAFE_INTEGER, Date.UTC(2200, 0, 1)),
  fc.double(),
);

const url = fc.oneof(
  { weight: 10, arbitrary: fc.constant(`${ORIGIN}/`) },
  {
    weight: 20,
    arbitrary: fc
      .tuple(fc.webPath(), fc.webQueryParameters(), fc.webFragments())
      .map(([path, query, fragment]) => `${ORIGIN}${path || '/'}?${query}#${fragment}`),
  },
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'not a url',
    '',
    `${ORIGIN}/${'é'.repeat(900)}?q=1`,
    `${ORIGIN}/x?${'a&'.repeat(1_990)}`,
  ),
  fc.string(),
);

// A small serialized DOM, sometimes with stylesheets long enough to be stored once per session.
const { node } = fc.letrec((tie) => ({
  node: fc.record({
    type: fc.constantFrom(2, 3),
    id: fc.nat(),
    tagName: fc.constantFrom('div', 'style', 'link'),
    attributes: fc.oneof(
      fc.constant({}),
      fc.record({ _cssText: fc.constantFrom('a{}', `b{color:red}${'x'.repeat(MIN_ASSET_CHARS)}`) }),
    ),
    isStyle: fc.boolean(),
    textContent: fc.oneof(fc.string(), fc.constant('p{}'.repeat(MIN_ASSET_CHARS))),
    childNodes: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'dom' },
      fc.constant([]),
      fc.array(tie('node'), { maxLength: 3 }),
    ),
  }),
}));

const event = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.tuple(time, fc.nat(), fc.nat()).map(([timestamp, x, y]) => ({
      type: 3,
      timestamp,
      data: { source: 2, type: 2, id: 42, x, y },
    })),
  },
  { weight: 5, arbitrary: fc.tuple(time, url).map(([ts, href]) => meta(ts, href)) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(time, fc.array(node, { maxLength: 3 }))
      .map(([ts, nodes]) => snapshot(ts, nodes)),
  },
  fc.record({
    type: fc.constant(4),
    timestamp: time,
    data: fc.oneof(
      fc.record({ href: url, width: fc.nat(4_000), height: fc.nat(4_000) }),
      fc.jsonValue(),
    ),
  }),
  fc.record({
    type: fc.integer({ min: -1, max: 8 }),
    timestamp: time,
    data: fc.oneof(
      fc.record({
        source: fc.constant(0),
        adds: fc.array(fc.record({ parentId: fc.nat(), node }), { maxLength: 2 }),
      }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
      fc.jsonValue(),
    ),
  }),
  fc.jsonValue(),
);

const pagePayload = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.array(event, { maxLength: 4 }),
        fc.array(fc.record({ ts: time, url }), { maxLength: 2 }),
      )
      .map(([events, locations]) => payload(events, locations)),
  },
  fc.string(),
  fc.constant(null),
);

const pageEntry = fc.oneof(
  fc.record({
    type: fc.constant('js-error' as const),
    ts: time,
    message: fc.oneof(
      fc.string(),
      url.map((u) => `Failed: ${u}`),
    ),
    source: url,
    line: fc.nat(),
    column: fc.nat(),
    stack: url.map((u) => `Error\n    at ${u}:1:2`),
  }),
  fc.record({ type: fc.constant('console-error' as const), ts: time, message: fc.string() }),
  fc.record({ type: fc.constant('unhandled-rejection' as const), ts: time, reason: fc.string() }),
);

type Step =
  | { type: 'batch'; advance: number; batch: BatchRequest }
  | { type: 'request-failed'; advance: number; url: string; status: number }
  | { type: 'tag'; advance: number; url: string; ts: number };

const step = (sessionId: string): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('batch' as const),
        advance: fc.nat(3_000),
        batch: fc.record({
          sessionId: fc.constant(sessionId),
          segment: fc.record({
            id: fc.constantFrom('seg-a', 'seg-b', 'seg-c'),
            url,
            startedAt: time,
          }),
          seq: fc.nat(6),
          payload: pagePayload,
          timeline: fc.array(pageEntry, { maxLength: 2 }),
        }),
      }),
    },
    fc.record({
      type: fc.constant('request-failed' as const),
      advance: fc.nat(3_000),
      url: fc.webUrl({ withQueryParameters: true, withFragments: true }).map((u) => {
        const parsed = new URL(u);
        return `${ORIGIN}${parsed.pathname}${parsed.search}${parsed.hash}`;
      }),
      status: fc.constantFrom(0, 404, 500),
    }),
    fc.record({ type: fc.constant('tag' as const), advance: fc.nat(3_000), url, ts: time }),
  );

async function eventsBySegment(db: StudyGroupDb, sessionId: string) {
  const result: Record<string, unknown[]> = {};
  for (const segment of await listSegments(db, sessionId)) {
    result[segment.id] = await loadSegmentEvents(db, segment.id);
  }
  return result;
}

const withoutIds = <T extends { id?: unknown; sessionId?: unknown }>(rows: T[]) =>
  rows.map(({ id: _id, sessionId: _s, ...rest }) => rest);

describe('what ingest stores', () => {
  it('always exports to a bundle that imports, with the same events', async () => {
    let storedEvents = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step('id-1'), { maxLength: 12 }),
        fc.boolean(),
        fc.boolean(),
        async (steps, keepFullUrls, tightBudget) => {
          const h = createHarness({
            keepFullUrls,
            // Sometimes small enough that the session ends over its budget midway.
            budget: tightBudget
              ? { sessionBytes: 3_000, burstBytes: 2_000, bytesPerSecond: 500 }
              : undefined,
          });
          const id = await h.start();
          const tags = createAnnotationService({
            db: h.db,
            capture: async () => null,
            paintCover: async (jpeg) => jpeg,
            hotkey: async () => '',
            now: () => h.clock.now,
            newId: () => crypto.randomUUID(),
          });
          await h.service.ingestBatch(
            batch(id, { payload: payload([meta(T0), snapshot(T0)]) }),
            SENDER,
          );
          for (const s of steps) {
            h.clock.now += s.advance;
            if (s.type === 'batch') await h.service.ingestBatch(s.batch, SENDER);
            else if (s.type === 'request-failed') {
              await h.service.recordRequestFailure({
                tabId: TAB,
                ts: h.clock.now,
                method: 'GET',
                url: s.url,
                initiator: ORIGIN,
                status: s.status,
                error: s.status === 0 ? 'net::ERR_FAILED' : '',
              });
            } else {
              await tags.add(
                {
                  sessionId: id,
                  segmentId: 'seg-a',
                  ts: s.ts,
                  url: s.url,
                  tagId: 'confused',
                  severity: 2,
                  note: 'n',
                  target: null,
                  cover: { devicePixelRatio: 1, boxes: [] },
                },
                { tabId: TAB, windowId: undefined },
              );
            }
          }

          const bundle = await exportBundle(h.db, [id], { exportedAt: 'now', generator: 'test' });
          const target = createDb(`imported-${Math.random()}`);
          const result = await importBundle(target, bundle, {
            compress: gzipJson,
            hash: sha256Hex,
          });
          expect(result).toEqual({
            type: 'ok',
            imported: ['T'],
            skipped: [],
            sessionIds: [id],
            overrides: 0,
          });
          const events = await eventsBySegment(h.db, id);
          expect(await eventsBySegment(target, id)).toEqual(events);
          storedEvents += Object.values(events).reduce((n, list) => n + list.length, 0);
          const timeline = (db: StudyGroupDb) =>
            db.timeline.where('[sessionId+ts]').between([id, -Infinity], [id, Infinity]).toArray();
          expect(withoutIds(await timeline(target))).toEqual(withoutIds(await timeline(h.db)));
          const annotations = (db: StudyGroupDb) =>
            db.annotations.where('sessionId').equals(id).sortBy('id');
          expect(withoutIds(await annotations(target))).toEqual(
            withoutIds(await annotations(h.db)),
          );
        },
      ),
      { numRuns: 100 },
    );
    // Most inputs are refused; enough are kept (200 come from the first batches) that real recordings were covered too.
    expect(storedEvents).toBeGreaterThan(250);
  }, 240_000);
});
