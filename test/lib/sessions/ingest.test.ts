import { describe, expect, it } from 'vitest';
import { bundleJsonParts, importBundle } from '@/lib/export';
import { INGEST_BUDGET } from '@/lib/sessions';
import { createDb, gzipJson, loadSegmentEvents, sha256Hex, type StudyGroupDb } from '@/lib/storage';
import { createKit } from '@/lib/studies';
import {
  batch,
  click,
  createHarness,
  meta,
  ORIGIN,
  payload,
  SENDER,
  snapshot,
  T0,
} from './service-harness';
import type { TimelineRecord } from '@/lib/contracts';

/** A FullSnapshot nested `depth` elements deep, as JSON text: JSON.stringify itself overflows on it. */
function deepSnapshotText(depth: number, timestamp: number): string {
  const open = '{"type":2,"id":2,"tagName":"div","attributes":{},"childNodes":[';
  const node = `${open.repeat(depth)}${']}'.repeat(depth)}`;
  return `{"type":2,"timestamp":${timestamp},"data":{"node":{"type":0,"id":1,"childNodes":[${node}]}}}`;
}

async function timeline<T extends TimelineRecord['type']>(db: StudyGroupDb, type: T) {
  return (await db.timeline.toArray()).filter(
    (e): e is Extract<TimelineRecord, { type: T }> => e.type === type,
  );
}

async function exportText(db: StudyGroupDb, sessionId: string): Promise<string> {
  let text = '';
  for await (const part of bundleJsonParts(db, [sessionId], { exportedAt: 'now', generator: 't' }))
    text += part;
  return text;
}

describe('a batch the background cannot handle', () => {
  it('acknowledges a snapshot nested 20,000 levels deep, keeps an ingest-error, and stores the next batch', async () => {
    const h = createHarness();
    const id = await h.start();
    expect(await h.service.ingestBatch(batch(id), SENDER)).toEqual({ type: 'ack' });
    const deep = batch(id, {
      seq: 1,
      payload: `{"events":[${deepSnapshotText(20_000, T0 + 5)}],"locations":[]}`,
    });
    expect(await h.service.ingestBatch(deep, SENDER)).toEqual({ type: 'ack' });
    expect(await h.service.ingestBatch(deep, SENDER)).toEqual({ type: 'ack' }); // resent
    const next = batch(id, { seq: 2, payload: payload([click(T0 + 10)]) });
    expect(await h.service.ingestBatch(next, SENDER)).toEqual({ type: 'ack' });

    const errors = await timeline(h.db, 'ingest-error');
    expect(errors).toEqual([
      expect.objectContaining({
        segmentId: 'seg-a',
        seq: 1,
        message: expect.stringMatching(/deep/),
      }),
    ]);
    const chunks = await h.db.chunks.toArray();
    expect(chunks.map((c) => [c.seq, c.count])).toEqual([
      [0, 2],
      [1, 0],
      [2, 1],
    ]);
    expect((await loadSegmentEvents(h.db, 'seg-a')).map((e) => e.type)).toEqual([4, 2, 3]);
    expect((await h.db.sessions.get(id))?.status).toBe('recording');
  });

  it('keeps a snapshot nested 900 levels deep (beyond what HTML parsers build), which exports and imports', async () => {
    const h = createHarness();
    const id = await h.start();
    const deep = batch(id, {
      payload: `{"events":[${JSON.stringify(meta(T0))},${deepSnapshotText(900, T0 + 1)}],"locations":[]}`,
    });
    expect(await h.service.ingestBatch(deep, SENDER)).toEqual({ type: 'ack' });
    expect((await h.db.sessions.get(id))?.stats.events).toBe(2);
    const target = createDb(`deep-${Math.random()}`);
    const bundle = new Blob([await exportText(h.db, id)]);
    expect(
      await importBundle(target, bundle, { compress: gzipJson, hash: sha256Hex }),
    ).toMatchObject({ type: 'ok' });
    expect(await loadSegmentEvents(target, 'seg-a')).toEqual(
      await loadSegmentEvents(h.db, 'seg-a'),
    );
  });

  it('acknowledges a batch that fails for any other reason, once, and moves on', async () => {
    let failNext = true;
    const h = createHarness({
      compress: async (value) => {
        if (Array.isArray(value) && value.length && failNext) {
          failNext = false;
          throw new TypeError('boom');
        }
        return gzipJson(value);
      },
    });
    const id = await h.start();
    expect(await h.service.ingestBatch(batch(id), SENDER)).toEqual({ type: 'ack' });
    expect(await h.service.ingestBatch(batch(id), SENDER)).toEqual({ type: 'ack' }); // resent
    const next = batch(id, { seq: 1, payload: payload([meta(T0 + 2), snapshot(T0 + 3)]) });
    expect(await h.service.ingestBatch(next, SENDER)).toEqual({ type: 'ack' });
    expect(await timeline(h.db, 'ingest-error')).toEqual([
      expect.objectContaining({ seq: 0, message: 'Batch 0 could not be stored: TypeError: boom' }),
    ]);
    expect((await h.db.chunks.toArray()).map((c) => [c.seq, c.count])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });
});

describe('live batches are bounded like bundles', () => {
  const refused: [string, unknown[], { ts: number; url: string }[]][] = [
    ['a negative timestamp', [meta(T0), snapshot(-1)], []],
    ['a timestamp an hour ahead', [meta(T0), snapshot(T0 + 3_600_000)], []],
    ['a timestamp from before the session', [meta(T0 - 3_600_000)], []],
    ['a timestamp of 1e300', [click(1e300)], []],
    ['a Meta event without data', [{ type: 4, timestamp: T0 }], []],
    ['a Meta event with a script URL', [meta(T0, 'javascript:alert(1)')], []],
    ['a Meta event without a size', [{ type: 4, timestamp: T0, data: { href: `${ORIGIN}/` } }], []],
    ['a FullSnapshot without a node', [{ type: 2, timestamp: T0, data: {} }], []],
    [
      'a FullSnapshot of no document',
      [{ type: 2, timestamp: T0, data: { node: { type: 2 } } }],
      [],
    ],
    ['an event without data', [{ type: 3, timestamp: T0 }], []],
    ['a location that is no URL', [click(T0)], [{ ts: T0, url: 'not a url' }]],
    ['a location at a negative time', [click(T0)], [{ ts: -1, url: `${ORIGIN}/x` }]],
  ];

  it.each(refused)(
    'keeps no events of a payload with %s, says why, and goes on',
    async (_name, events, locations) => {
      const h = createHarness();
      const id = await h.start();
      const response = await h.service.ingestBatch(
        batch(id, { payload: payload(events, locations) }),
        SENDER,
      );
      expect(response).toEqual({ type: 'ack' });
      expect((await h.db.sessions.get(id))?.stats.events).toBe(0);
      expect(await timeline(h.db, 'location')).toEqual([]);
      const [error] = await timeline(h.db, 'ingest-error');
      expect(error?.message).toMatch(
        /^The page sent a batch that was not kept: (events|locations)/,
      );
      const good = batch(id, { seq: 1, payload: payload([meta(T0 + 1), snapshot(T0 + 2)]) });
      expect(await h.service.ingestBatch(good, SENDER)).toEqual({ type: 'ack' });
      expect((await h.db.sessions.get(id))?.stats.events).toBe(2);
    },
  );

  it('rejects a batch whose own header is malformed or off the session clock', async () => {
    const h = createHarness();
    const id = await h.start();
    const segment = { id: 'seg-a', url: `${ORIGIN}/`, startedAt: T0 };
    for (const bad of [
      batch(id, { segment: { ...segment, startedAt: -1 } }),
      batch(id, { segment: { ...segment, startedAt: T0 + 3_600_000 } }),
      batch(id, { segment: { ...segment, id: '' } }),
      batch(id, { timeline: [{ type: 'console-error', ts: 1e300, message: 'x' }] }),
    ]) {
      expect(await h.service.ingestBatch(bad, SENDER)).toEqual({
        type: 'stop',
        reason: 'rejected',
      });
    }
    expect(await h.db.chunks.count()).toBe(0);
  });

  it('takes events within the tolerance of the background clock', async () => {
    const h = createHarness();
    const id = await h.start();
    h.clock.now = T0 + 60_000;
    const late = batch(id, { payload: payload([meta(T0 - 20_000), snapshot(T0 + 80_000)]) });
    expect(await h.service.ingestBatch(late, SENDER)).toEqual({ type: 'ack' });
    expect((await h.db.sessions.get(id))?.stats.events).toBe(2);
  });
});

/** Text of about `chars` characters that gzip cannot shrink. */
const noise = (chars: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(chars / 2)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('ingest budget', () => {
  it('stops a session whose pages send faster than the budget, keeping what was saved', async () => {
    const budget = { sessionBytes: 100_000_000, burstBytes: 100_000, bytesPerSecond: 10_000 };
    const h = createHarness({ budget });
    const id = await h.start();
    const flood = (seq: number) =>
      batch(id, {
        seq,
        payload: payload([{ ...click(T0), data: { source: 0, junk: noise(40_000) } }]),
      });
    const responses = [];
    for (let seq = 0; seq < 8; seq++)
      responses.push(await h.service.ingestBatch(flood(seq), SENDER));
    const stoppedAt = responses.findIndex((r) => r.type === 'stop');
    expect(stoppedAt).toBeGreaterThan(0);
    expect(responses[stoppedAt]).toEqual({ type: 'stop', reason: 'over-budget' });
    expect(responses.slice(stoppedAt + 1).every((r) => r.type === 'stop')).toBe(true);
    const session = await h.db.sessions.get(id);
    expect(session).toMatchObject({ status: 'ended', endReason: { type: 'over-budget' } });
    expect(session?.endReason?.type === 'over-budget' && session.endReason.message).toMatch(
      /^Recording stopped: .*more than 98 KB in a few seconds.*saved and can be exported\.$/,
    );
    expect(await h.db.chunks.count()).toBe(stoppedAt);
    expect(session?.stats.bytes).toBeLessThanOrEqual(budget.burstBytes);
    expect(h.unregistered()).toBeGreaterThan(0);
    expect(h.controls).toContainEqual({ tabId: 7, message: { type: 'stop' } });
  });

  it('lets the same data through at the rate the budget allows', async () => {
    const budget = { sessionBytes: 100_000_000, burstBytes: 100_000, bytesPerSecond: 10_000 };
    const h = createHarness({ budget });
    const id = await h.start();
    for (let seq = 0; seq < 8; seq++) {
      h.clock.now += 5_000;
      const slow = batch(id, {
        seq,
        payload: payload([{ ...click(h.clock.now), data: { source: 0, junk: noise(40_000) } }]),
      });
      expect(await h.service.ingestBatch(slow, SENDER)).toEqual({ type: 'ack' });
    }
  });

  it('stops a session past its total budget', async () => {
    const budget = { sessionBytes: 100_000, burstBytes: 100_000_000, bytesPerSecond: 100_000_000 };
    const h = createHarness({ budget });
    const id = await h.start();
    let response;
    for (let seq = 0; seq < 6 && response?.type !== 'stop'; seq++) {
      h.clock.now += 60_000;
      response = await h.service.ingestBatch(
        batch(id, {
          seq,
          payload: payload([{ ...click(h.clock.now), data: { source: 0, junk: noise(40_000) } }]),
        }),
        SENDER,
      );
    }
    expect(response).toEqual({ type: 'stop', reason: 'over-budget' });
    const session = await h.db.sessions.get(id);
    expect(session?.endReason?.type === 'over-budget' && session.endReason.message).toMatch(
      /more than 98 KB in this session/,
    );
    // What was saved before still exports, and imports elsewhere.
    const target = createDb(`budget-${Math.random()}`);
    const bundle = new Blob([await exportText(h.db, id)]);
    expect(
      await importBundle(target, bundle, { compress: gzipJson, hash: sha256Hex }),
    ).toMatchObject({ type: 'ok' });
    expect((await target.sessions.get(id))?.endReason?.type).toBe('over-budget');
  });

  it('takes a big single-page app by default: ten page loads of a 5 MB snapshot in ten seconds', async () => {
    const h = createHarness();
    const id = await h.start();
    // Markup-like text, as compressible as real pages: ~5 MB of snapshot per load (600 KB gzip).
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      type: 2,
      id: i + 2,
      tagName: 'div',
      attributes: { class: `row row-${i % 50}`, 'data-id': `${i * 7919}` },
      childNodes: [{ type: 3, id: 100_000 + i, textContent: `Item ${i} ${noise(8)}` }],
    }));
    for (let load = 0; load < 10; load++) {
      h.clock.now += 1_000;
      const page = batch(id, {
        segment: { id: `seg-${load}`, url: `${ORIGIN}/`, startedAt: h.clock.now },
        payload: payload([meta(h.clock.now), snapshot(h.clock.now, rows)]),
      });
      expect(page.payload!.length).toBeGreaterThan(5_000_000);
      expect(await h.service.ingestBatch(page, SENDER)).toEqual({ type: 'ack' });
    }
    expect(INGEST_BUDGET.burstBytes).toBeGreaterThan((await h.db.sessions.get(id))!.stats.bytes);
  }, 60_000);
});

describe('stored URLs', () => {
  const tokened = `${ORIGIN}/reset?reset_token=abc123&lang=en#access_token=xyz`;
  const redacted = `${ORIGIN}/reset?reset_token=&lang=`;

  async function recordTokens(h: ReturnType<typeof createHarness>, id: string) {
    await h.service.ingestBatch(
      batch(id, {
        segment: { id: 'seg-a', url: tokened, startedAt: T0 },
        payload: payload([meta(T0, tokened), snapshot(T0 + 1)], [{ ts: T0 + 2, url: tokened }]),
        timeline: [
          {
            type: 'js-error',
            ts: T0 + 3,
            message: `Failed to load ${tokened}`,
            source: tokened,
            line: 1,
            column: 2,
            stack: `Error\n    at ${ORIGIN}/app.js?v=abc123:10:5`,
          },
        ],
      }),
      SENDER,
    );
    await h.service.recordRequestFailure({
      tabId: 7,
      ts: T0 + 4,
      method: 'GET',
      url: `${ORIGIN}/api/user?reset_token=abc123#xyz`,
      initiator: ORIGIN,
      status: 404,
      error: '',
    });
  }

  it('keeps query names but no values or fragments in every URL it stores', async () => {
    const h = createHarness();
    const id = await h.start();
    await recordTokens(h, id);
    expect((await h.db.segments.get('seg-a'))?.url).toBe(redacted);
    const [metaEvent] = await loadSegmentEvents(h.db, 'seg-a');
    expect(metaEvent).toMatchObject({ data: { href: redacted } });
    expect((await timeline(h.db, 'location'))[0]?.url).toBe(redacted);
    expect((await timeline(h.db, 'request-failed'))[0]?.url).toBe(
      `${ORIGIN}/api/user?reset_token=`,
    );
    expect((await timeline(h.db, 'js-error'))[0]).toMatchObject({
      message: `Failed to load ${redacted}`,
      source: redacted,
      stack: `Error\n    at ${ORIGIN}/app.js?v=:10:5`,
    });
    const text = await exportText(h.db, id);
    expect(text).toContain('reset_token=');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('xyz');
  });

  it('keeps URLs whole when the privacy settings say so', async () => {
    const h = createHarness({ keepFullUrls: true });
    const id = await h.start();
    await recordTokens(h, id);
    expect((await h.db.segments.get('seg-a'))?.url).toBe(tokened);
    expect((await timeline(h.db, 'location'))[0]?.url).toBe(tokened);
    expect(await exportText(h.db, id)).toContain('abc123');
  });

  it('keeps URLs whole in sessions of a kit that says so', async () => {
    const h = createHarness();
    let n = 0;
    const kit = createKit(T0, () => `kit-${++n}`);
    kit.origins = [ORIGIN];
    kit.privacy.keepFullUrls = true;
    const id = await h.start(kit);
    await recordTokens(h, id);
    expect((await h.db.segments.get('seg-a'))?.url).toBe(tokened);
  });
});
